import Foundation
import SvangreRules

/// A one-line editable text with a cursor. Pure value: the screens own it, `edit` changes
/// it, and `render` draws it into a buffer.
public struct TextField: Hashable, Sendable, Codable {
  public private(set) var text: String
  /// Cursor position in characters (graphemes), 0...text.count.
  public private(set) var cursor: Int
  /// The most the field takes, counted as `InputLimits` counts (Unicode scalars), so that
  /// what fits here fits in the store.
  public var maxLength: Int

  public init(_ text: String = "", maxLength: Int = 80) {
    self.text = text
    self.cursor = text.count
    self.maxLength = maxLength
  }

  enum CodingKeys: String, CodingKey { case text, cursor, maxLength }

  /// A field from a draft file, made to fit whatever the file says: the length within
  /// the largest limit any field has, the text cut to it, the cursor inside the text.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let limit = try container.decode(Int.self, forKey: .maxLength)
    maxLength = min(max(limit, 0), InputLimits.freeTextCharacters)
    var scalars = String.UnicodeScalarView()
    scalars.append(
      contentsOf: try container.decode(String.self, forKey: .text).precomposedStringWithCanonicalMapping
        .unicodeScalars.prefix(maxLength))
    text = String(scalars)
    cursor = min(max(try container.decode(Int.self, forKey: .cursor), 0), text.count)
  }

  /// Applies an editing key; returns false when the key is not an editing key, so the
  /// caller can give it to the key table instead.
  public mutating func edit(_ key: Key) -> Bool {
    switch key {
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(text.count, cursor + 1)
    case .home: cursor = 0
    case .end: cursor = text.count
    case .backspace:
      guard cursor > 0 else { return true }
      let index = text.index(text.startIndex, offsetBy: cursor - 1)
      text.remove(at: index)
      cursor -= 1
    case .delete:
      guard cursor < text.count else { return true }
      text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    default:
      guard let character = key.printable else { return false }
      guard text.unicodeScalars.count + character.unicodeScalars.count <= maxLength else { return true }
      let before = text.count
      text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
      // Typing o and a combining stroke must end as one "ø": keep the text in NFC, and
      // move the cursor by however many characters the text really grew.
      text = text.precomposedStringWithCanonicalMapping
      cursor = min(text.count, max(0, cursor + text.count - before))
    }
    return true
  }

  public mutating func set(_ newText: String) {
    text = newText.precomposedStringWithCanonicalMapping
    cursor = text.count
  }

  /// The text without surrounding spaces.
  public var value: String { text.trimmingCharacters(in: .whitespaces) }

  /// Draws the field in `width` columns; when focused, the cursor cell is reversed and the
  /// text scrolls so the cursor stays visible.
  public func render(into buffer: inout ScreenBuffer, row: Int, column: Int, width: Int, focused: Bool) {
    guard width > 0 else { return }
    let characters = Array(text)
    // Scroll so that the cursor (plus one cell for it) fits: walk back from the cursor
    // while the characters before it still fit (one pass, whatever the text's length).
    var start = min(cursor, characters.count)
    var used = 1
    while start > 0 {
      let glyphWidth = DisplayWidth.of(characters[start - 1])
      if used + glyphWidth > width { break }
      used += glyphWidth
      start -= 1
    }
    var x = column
    var index = start
    while index <= characters.count {
      let isCursor = focused && index == cursor
      let glyph = index < characters.count ? String(characters[index]) : " "
      let glyphWidth = max(1, DisplayWidth.of(glyph))
      if x + glyphWidth > column + width { break }
      buffer.put(glyph, row: row, column: x, style: isCursor ? [.reverse] : [.underline])
      x += glyphWidth
      index += 1
    }
    if x < column + width {
      buffer.fill(row: row, column: x, count: column + width - x, style: [.underline])
    }
  }
}
