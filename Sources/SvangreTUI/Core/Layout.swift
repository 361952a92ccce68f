import SvangreResources
import SvangreRules

/// The smallest terminal the screens are designed for. Below it the app shows a
/// "too small" message instead of a garbled layout.
public enum Layout {
  public static let minimumWidth = 80
  public static let minimumHeight = 24

  public static func fits(width: Int, height: Int) -> Bool {
    width >= minimumWidth && height >= minimumHeight
  }

  /// The area between the header (row 0) and the message and status bars (last two rows).
  public static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 3) }

  /// Draws the "terminal too small" message, centred, with the current and needed size.
  public static func renderTooSmall(into buffer: inout ScreenBuffer, strings: StringCatalog) {
    let message = strings(
      "tooSmall.message",
      [
        "width": String(buffer.width), "height": String(buffer.height),
        "minWidth": String(minimumWidth), "minHeight": String(minimumHeight),
      ])
    // Both parts wrapped: the way out (q) must be readable however narrow the terminal.
    let width = max(1, buffer.width - 2)
    let lines =
      DisplayWidth.wrap(message, to: width).map { ($0, TextStyle.bold) }
      + DisplayWidth.wrap(strings("tooSmall.quit"), to: width).map { ($0, TextStyle()) }
    let top = max(0, (buffer.height - lines.count) / 2)
    for (offset, (line, style)) in lines.enumerated() {
      let column = max(0, (buffer.width - DisplayWidth.of(line)) / 2)
      buffer.put(line, row: top + offset, column: column, style: style)
    }
  }

  /// A bold section title with a rule to the right, e.g. "Datering ────────".
  public static func sectionTitle(_ title: String, into buffer: inout ScreenBuffer, row: Int, column: Int, width: Int) {
    let used = buffer.put(title, row: row, column: column, style: [.bold], limit: width)
    if used + 1 < width {
      buffer.put(String(repeating: "─", count: width - used - 1), row: row, column: column + used + 1, style: [.dim])
    }
  }

  /// A vertical line, used between the panes of a two-pane screen.
  public static func verticalRule(into buffer: inout ScreenBuffer, column: Int, rows: Range<Int>) {
    for row in rows { buffer.put("│", row: row, column: column, style: [.dim]) }
  }

  /// A framed box with a title, cleared inside: the base of every dialog.
  public static func box(
    into buffer: inout ScreenBuffer, row: Int, column: Int, width: Int, height: Int, title: String
  ) {
    guard width >= 4, height >= 3 else { return }
    for y in row..<(row + height) { buffer.fill(row: y, column: column, count: width) }
    let inner = width - 2
    buffer.put("┌" + String(repeating: "─", count: inner) + "┐", row: row, column: column)
    for y in (row + 1)..<(row + height - 1) {
      buffer.put("│", row: y, column: column)
      buffer.put("│", row: y, column: column + width - 1)
    }
    buffer.put("└" + String(repeating: "─", count: inner) + "┘", row: row + height - 1, column: column)
    buffer.put(" " + title + " ", row: row, column: column + 2, style: [.bold], limit: inner - 2)
  }

  /// The first row to show so that `selected` stays visible in `visible` rows.
  public static func scrollOffset(selected: Int, current: Int, visible: Int) -> Int {
    guard visible > 0 else { return 0 }
    if selected < current { return selected }
    if selected >= current + visible { return selected - visible + 1 }
    return current
  }
}

extension Layout {
  /// The first line to show so that line `focus` sits mid-screen when the content is
  /// longer than the view: the same state always scrolls the same way (render is pure).
  public static func centredOffset(focus: Int, count: Int, visible: Int) -> Int {
    guard count > visible else { return 0 }
    return min(max(0, focus - visible / 2), count - visible)
  }
}
