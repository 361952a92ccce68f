import Foundation

/// A one-line editable text with a cursor. Pure value: the screens own it, `edit` changes
/// it, and `render` draws it into a buffer.
public struct TextField: Hashable, Sendable, Codable {
  public private(set) var text: String
  /// Cursor position in characters (graphemes), 0...text.count.
  public private(set) var cursor: Int
  public var maxLength: Int

  public init(_ text: String = "", maxLength: Int = 80) {
    self.text = text
    self.cursor = text.count
    self.maxLength = maxLength
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
      guard text.count < maxLength else { return true }
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
    // Scroll so that the cursor (plus one cell for it) fits.
    var start = 0
    while start < cursor,
      DisplayWidth.of(String(characters[start..<cursor])) + 1 > width
    {
      start += 1
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
