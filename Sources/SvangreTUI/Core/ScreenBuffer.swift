import Foundation
import SvangreStore

/// How a cell is drawn. Meaning is never carried by colour: bold, reverse, underline and
/// dim survive on a monochrome terminal and with `NO_COLOR`. `accent` is the only style
/// that may become a colour, and it always comes together with text that says the same.
public struct TextStyle: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextStyle(rawValue: 1 << 0)
  public static let reverse = TextStyle(rawValue: 1 << 1)
  public static let underline = TextStyle(rawValue: 1 << 2)
  public static let dim = TextStyle(rawValue: 1 << 3)
  public static let accent = TextStyle(rawValue: 1 << 4)
}

/// One terminal cell: a grapheme (base character plus combining marks) and its style.
/// A wide character occupies two cells; the right one is a `continuation` with no text.
public struct Cell: Hashable, Sendable {
  public var text: String
  public var style: TextStyle

  public static let blank = Cell(text: " ", style: [])
  public static let continuation = Cell(text: "", style: [])

  public var isContinuation: Bool { text.isEmpty }
}

/// The whole screen as a grid of cells. Screens render into it; the ncurses backend only
/// copies it to the terminal, and tests read it back as text without any terminal.
public struct ScreenBuffer: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(row: Int, column: Int) -> Cell {
    cells[row * width + column]
  }

  /// Writes `text` at (`row`, `column`), within `limit` columns (default: to the right
  /// edge); text that does not fit is cut by `DisplayWidth.truncate` and so ends in "…",
  /// never silently mid-word. Text is normalised to NFC so that "ø" typed as o + combining
  /// stroke and a precomposed "ø" look and compare the same, and shown as
  /// `TerminalText.safe` shows it (ESC as ␛, a bidirectional override as �), exactly as the
  /// CLI prints it, so that no text from a record reaches the terminal as a command.
  /// Returns the number of columns used.
  @discardableResult
  public mutating func put(
    _ text: String, row: Int, column: Int, style: TextStyle = [], limit: Int? = nil
  ) -> Int {
    guard row >= 0, row < height, column < width else { return 0 }
    let end = min(width, column + (limit ?? width))
    var x = column
    let visible = DisplayWidth.truncate(TerminalText.safe(text).precomposedStringWithCanonicalMapping, to: end - column)
    for character in visible {
      let cellWidth = DisplayWidth.of(character)
      if cellWidth == 0 { continue }  // a lone combining mark has no cell of its own
      if x + cellWidth > end { break }
      if x >= 0 { set(row: row, column: x, character: character, width: cellWidth, style: style) }
      x += cellWidth
    }
    return max(0, x - column)
  }

  /// Fills `count` cells from (`row`, `column`) with spaces in `style` (for bars and
  /// highlighted rows).
  public mutating func fill(row: Int, column: Int = 0, count: Int? = nil, style: TextStyle = []) {
    guard row >= 0, row < height else { return }
    let start = max(0, column)
    let end = min(width, column + (count ?? width))
    guard start < end else { return }
    for x in start..<end { set(row: row, column: x, character: " ", width: 1, style: style) }
  }

  /// Adds `style` to cells already written (e.g. reverse on the selected row).
  public mutating func addStyle(_ style: TextStyle, row: Int, column: Int = 0, count: Int? = nil) {
    guard row >= 0, row < height else { return }
    let end = min(width, column + (count ?? width))
    for x in max(0, column)..<max(max(0, column), end) {
      cells[row * width + x].style.formUnion(style)
    }
  }

  private mutating func set(row: Int, column: Int, character: Character, width cellWidth: Int, style: TextStyle) {
    let index = row * width + column
    // Overwriting half of a wide character blanks the other half, as a terminal would.
    if cells[index].isContinuation, column > 0 { cells[index - 1] = .blank }
    if column + 1 < width, cells[index + 1].isContinuation { cells[index + 1] = .blank }
    cells[index] = Cell(text: String(character), style: style)
    if cellWidth == 2, column + 1 < width {
      if column + 2 < width, cells[index + 2].isContinuation { cells[index + 2] = .blank }
      cells[index + 1] = Cell(text: "", style: style)
    }
  }

  /// The text of one row, trailing spaces removed: what `tmux capture-pane` would show.
  public func line(_ row: Int) -> String {
    var text = ""
    for column in 0..<width { text += cells[row * width + column].text }
    while text.last == " " { text.removeLast() }
    return text
  }

  /// All rows joined by newlines: the text capture used by tests and the user guide.
  public var text: String {
    (0..<height).map(line).joined(separator: "\n")
  }

  /// The first (row, column) where `needle` appears, or nil.
  public func find(_ needle: String) -> (row: Int, column: Int)? {
    for row in 0..<height {
      let rowText = line(row)
      guard let range = rowText.range(of: needle) else { continue }
      let prefix = rowText[rowText.startIndex..<range.lowerBound]
      return (row, DisplayWidth.of(String(prefix)))
    }
    return nil
  }

  public func contains(_ needle: String) -> Bool { find(needle) != nil }
}
