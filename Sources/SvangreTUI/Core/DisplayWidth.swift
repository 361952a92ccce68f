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
    if let narrow = narrowWidth(text) { return narrow }
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// The width of text whose every scalar is below U+0300 (Latin with æ, ø, å, and the
  /// controls) — one column a scalar, since no two such scalars make one grapheme but
  /// "\r\n", which is two columns as well — counted from its UTF-8 bytes without breaking
  /// it into graphemes (nearly all a clinic writes; at 37,000 worklist rows the grapheme
  /// walk was most of `svangre due --format text`). Nil for any other text.
  static func narrowWidth(_ text: String) -> Int? {
    var count = 0
    for byte in text.utf8 {
      if byte < 0x80 {
        count += 1
      } else if byte >= 0xC0 {
        // A scalar's lead byte: below U+0300 takes a two-byte lead of 0xC2…0xCB.
        guard byte <= 0xCB else { return nil }
        count += 1
      }
    }
    return count
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

  /// `text` on one line of at most `columns` columns: the first line of `wrap` with
  /// `maxLines: 1`, so it ends in "…" when something was cut.
  public static func truncate(_ text: String, to columns: Int) -> String {
    if of(text) <= columns { return text }
    return wrap(text, to: columns, maxLines: 1).first ?? ""
  }

  /// `text` padded with spaces (or truncated) to exactly `columns` columns.
  public static func pad(_ text: String, to columns: Int) -> String {
    let cut = truncate(text, to: columns)
    return cut + String(repeating: " ", count: max(0, columns - of(cut)))
  }

  /// The one way svangre fits text into columns, on screen and in the CLI's text output:
  /// lines of at most `columns` columns, broken between words. Nothing is cut off
  /// unmarked: a word longer than a line is split with "…" at the break and goes on in
  /// the next line, and when `maxLines` leaves text out, the last line ends in "…" (cut
  /// between words when that keeps at least half the line, else inside the word).
  public static func wrap(_ text: String, to columns: Int, maxLines: Int = .max) -> [String] {
    guard columns > 0, maxLines > 0 else { return [] }
    // Text that fits as it stands (one space between words, none at the ends, narrow
    // characters) is its own one line: what the general way below would make of it.
    if let width = narrowWidth(text), width <= columns, isOneLine(text) { return [text] }
    let flat = Array(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " "))
    var lines: [String] = []
    var start = 0
    while start < flat.count {
      if lines.count == maxLines - 1 {
        let rest = String(flat[start...])
        lines.append(of(rest) <= columns ? rest : cut(rest, to: columns))
        return lines
      }
      let (line, next) = nextLine(flat, from: start, columns: columns)
      lines.append(line)
      start = next
    }
    return lines.isEmpty ? [""] : lines
  }

  /// Whether `text` has no line break, no space at either end and no two spaces together.
  private static func isOneLine(_ text: String) -> Bool {
    var previous: UInt8 = 0x20  // as if a space came before: a leading space fails
    for byte in text.utf8 {
      if byte == 0x0A || (byte == 0x20 && previous == 0x20) { return false }
      previous = byte
    }
    return previous != 0x20 || text.isEmpty
  }

  /// The line that starts at `start`: whole words, or the part of a word too long for
  /// any line that fits, marked with "…". Returns where the next line starts.
  private static func nextLine(_ text: [Character], from start: Int, columns: Int) -> (String, Int) {
    var width = 0
    var spaces: [Int] = []
    var index = start
    while index < text.count {
      if text[index] == " " { spaces.append(index) }
      let characterWidth = of(text[index])
      if width + characterWidth > columns { break }
      width += characterWidth
      index += 1
    }
    if index == text.count { return (String(text[start...]), index) }
    if text[index] == " ", spaces.last != index { spaces.append(index) }
    // Not at a space that would part "BMI ≥ 30" or an ordinal from its word ("1. uge").
    if let space = spaces.last(where: { breakable(text, at: $0) }) ?? spaces.last {
      return (String(text[start..<space]), space + 1)
    }
    // One word wider than the line.
    let head = prefix(of: String(text[start..<index]), columns: columns - 1)
    if head.isEmpty { return (String(text[start]), start + 1) }
    return (head + "…", start + head.count)
  }

  /// Whether a line may break at the space `index`: not next to a sign such as "≥" (which
  /// binds to both sides), nor after an ordinal such as "1." (which binds to the next word).
  private static func breakable(_ text: [Character], at index: Int) -> Bool {
    var before = index
    while before > 0, text[before - 1] != " " { before -= 1 }
    var after = index + 1
    while after < text.count, text[after] != " " { after += 1 }
    let previous = text[before..<index]
    let next = text[min(index + 1, after)..<after]
    func isSign(_ word: ArraySlice<Character>) -> Bool { word.count == 1 && "≥≤<>=±~".contains(word.first!) }
    let isOrdinal = previous.count > 1 && previous.last == "." && previous.dropLast().allSatisfy(\.isNumber)
    return !isSign(previous) && !isSign(next) && !isOrdinal
  }

  /// `lead` (a row's cells, or an indent) and `text` wrapped in the columns left, later
  /// lines hanging under the text's start: a table row whose last cell may be long. When
  /// the room left is narrower than `minimumRoom` (by default the text's longest word, so
  /// no word is split), the text starts on the next line instead, `fallbackIndent` in.
  public static func hanging(
    _ lead: String, _ text: String, width: Int, minimumRoom: Int? = nil, fallbackIndent: Int = 4
  ) -> [String] {
    let indent = of(lead)
    let room = width - indent
    guard room >= max(8, minimumRoom ?? longestWord(text)) else {
      let fallback = String(repeating: " ", count: fallbackIndent)
      // Cells wider than the line themselves (a narrow terminal) wrap like text.
      let cells = indent <= width ? [lead.replacing(#/ +$/#, with: "")] : wrap(lead, to: width)
      return cells + wrap(text, to: max(1, width - fallbackIndent)).map { fallback + $0 }
    }
    return wrap(text, to: room).enumerated().map { index, line in
      (index == 0 ? lead : String(repeating: " ", count: indent)) + line
    }
  }

  /// The columns of the widest word in `text`.
  public static func longestWord(_ text: String) -> Int {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { of(String($0)) }.max() ?? 0
  }

  /// `text` (wider than `columns`) cut to one line ending in "…".
  private static func cut(_ text: String, to columns: Int) -> String {
    let head = prefix(of: text, columns: columns - 1)
    var kept = head
    let atWordEnd = text.dropFirst(head.count).first == " "
    if !atWordEnd, let space = head.lastIndex(of: " "), of(String(head[..<space])) * 2 >= columns {
      kept = String(head[..<space])
    }
    while kept.last == " " { kept.removeLast() }
    return kept + "…"
  }

  /// The longest start of `text` that fits in `columns` columns.
  private static func prefix(of text: String, columns: Int) -> String {
    var head = ""
    var width = 0
    for character in text {
      let characterWidth = of(character)
      if width + characterWidth > columns { break }
      head.append(character)
      width += characterWidth
    }
    return head
  }
}
