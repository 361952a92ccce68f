/// A key press as the app understands it, independent of ncurses' integer codes.
/// The terminal backend translates; everything else (update, tests) uses this enum.
public enum Key: Hashable, Sendable {
  case char(Character)
  case up, down, left, right
  case home, end, pageUp, pageDown
  case enter, esc, tab, backTab, backspace, delete
  case function(Int)
  case ctrlC
  /// The terminal changed size; the new size arrives with it.
  case resize(width: Int, height: Int)

  public static let f1 = Key.function(1)

  /// A printable character that a text field would take.
  public var printable: Character? {
    guard case .char(let character) = self, let first = character.unicodeScalars.first else { return nil }
    // Combining marks count: a terminal may send "o" and then a combining stroke.
    let isControl = first.value < 0x20 || (0x7F..<0xA0).contains(first.value)
    return isControl ? nil : character
  }
}
