import SvangreStore

/// How many terminal columns a character takes, like POSIX `wcwidth` but without
/// depending on the process locale (glibc's `wcwidth` returns -1 for "ø" under `LANG=C`,
/// and unit tests must not depend on the machine's locale).
public enum DisplayWidth {
  /// 0 for lone combining marks, 2 for East Asian wide and emoji-presentation characters,
  /// else 1. A grapheme takes the width of its base. A control character counts as the
  /// one cell `TerminalText` shows it in (␛, �, a space), so that widths measured on a
  /// record's text match what `ScreenBuffer.put` draws.
  public static func of(_ character: Character) -> Int {
    if character == "\r\n" { return 2 }  // the one grapheme of two controls: two spaces on screen
    guard let first = character.unicodeScalars.first else { return 0 }
    return of(first)
  }

  public static func of(_ text: String) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }  // the fast path: Latin, including æ, ø, å, and the controls
    if TerminalText.shown(scalar) != nil { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    for range in wideRanges where range.contains(value) { return 2 }
    return 1
  }

  // East Asian Wide and Fullwidth blocks (Unicode 15, UAX #11), coarsely.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  /// `text` cut to at most `columns` columns, ending in "…" when something was cut.
  public static func truncate(_ text: String, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    if of(text) <= columns { return text }
    var result = ""
    var used = 0
    for character in text {
      let width = of(character)
      if used + width > columns - 1 { break }
      result.append(character)
      used += width
    }
    return result + "…"
  }

  /// `text` padded with spaces (or truncated) to exactly `columns` columns.
  public static func pad(_ text: String, to columns: Int) -> String {
    let cut = truncate(text, to: columns)
    return cut + String(repeating: " ", count: max(0, columns - of(cut)))
  }

  /// Word-wraps `text` into lines of at most `columns` columns. Words longer than a line
  /// are split so nothing is ever lost off the right edge. One pass over the text, so a
  /// 20,000-character word costs no more than 20,000 short ones.
  public static func wrap(_ text: String, to columns: Int) -> [String] {
    guard columns > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let wordWidth = of(String(word))
      if currentWidth > 0 && currentWidth + 1 + wordWidth <= columns {
        current += " " + word
        currentWidth += 1 + wordWidth
        continue
      }
      if currentWidth > 0 { lines.append(current) }
      current = ""
      currentWidth = 0
      for character in word {
        let width = of(character)
        // A character wider than the whole line still gets a line of its own.
        if currentWidth > 0 && currentWidth + width > columns {
          lines.append(current)
          current = ""
          currentWidth = 0
        }
        current.append(character)
        currentWidth += width
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}
