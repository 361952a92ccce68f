import SvangreResources
import SvangreRules

/// A line of a read-only page (plan, history, help, training).
public struct PageLine: Hashable, Sendable {
  public var text: String
  public var style: TextStyle = []
  public static let blank = PageLine(text: "")

  /// `text` wrapped to `width`, continuation lines hanging `hanging` columns under the
  /// first, all indented by `indent`: the one way pages wrap.
  public static func wrapped(
    _ text: String, _ style: TextStyle = [], width: Int, indent: Int = 0, hanging: Int = 0
  ) -> [PageLine] {
    DisplayWidth.wrap(text, to: max(10, width - indent - hanging)).enumerated().map { index, line in
      PageLine(text: String(repeating: " ", count: indent + (index == 0 ? 0 : hanging)) + line, style: style)
    }
  }

  /// A table row on a page: `cells`, then `text` wrapped beside them (or under them when
  /// fewer than `room` columns are left, by default the text's longest word: then `under`
  /// columns in). `DisplayWidth.hanging` lays it out.
  public static func table(
    _ cells: String, _ text: String, _ style: TextStyle = [], width: Int, room: Int? = nil, under: Int = 4
  ) -> [PageLine] {
    DisplayWidth.hanging(cells, text, width: width, minimumRoom: room, fallbackIndent: under).map {
      PageLine(text: $0, style: style)
    }
  }

  /// A bold section title with a rule to `width`, e.g. "Besøgsprogram ─────".
  public static func section(_ title: String, width: Int) -> PageLine {
    PageLine(
      text: title + " " + String(repeating: "─", count: max(0, width - 2 - DisplayWidth.of(title))), style: [.bold])
  }
}

/// A scrolled page of lines, laid out for one width when the state changes and only
/// copied to the buffer when drawn. Scrolling stops at the end: the last line stays at
/// the bottom.
public struct Page: Hashable, Sendable {
  public var lines: [PageLine] = []
  public var offset = 0

  public init(_ lines: [PageLine] = []) { self.lines = lines }

  /// The width pages lay out their lines for: the body less a margin each side.
  public static func width(_ env: ScreenEnvironment) -> Int { env.body.width - 2 }

  /// Whether the page is longer than the body, so the scroll keys do something.
  public func scrolls(_ env: ScreenEnvironment) -> Bool { lines.count > env.body.height }

  /// The scroll keys when the page is longer than the body, else none.
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] { scrolls(env) ? Keys.scrolling : [] }

  /// Scrolls by a line or ten for the arrow and page keys; false for any other action.
  public mutating func scroll(_ action: Action, _ env: ScreenEnvironment) -> Bool {
    let step: Int
    switch action {
    case .up: step = -1
    case .down: step = 1
    case .pageUp: step = -10
    case .pageDown: step = 10
    default: return false
    }
    offset = min(max(0, offset + step), max(0, lines.count - env.body.height))
    return true
  }

  /// Keeps the same first line after the lines were laid out again (a resize).
  public mutating func relayout(_ lines: [PageLine], _ env: ScreenEnvironment) {
    self.lines = lines
    offset = min(offset, max(0, lines.count - env.body.height))
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    let inner = area.inset(left: 1, right: 1)
    for (line, row) in zip(lines.dropFirst(offset), inner.rows) {
      buffer.put(line.text, row: row, column: inner.x, style: line.style, limit: inner.width)
    }
  }

  /// "linje 3 af 40" when the page scrolls.
  public func footnote(_ env: ScreenEnvironment) -> String? {
    guard scrolls(env) else { return nil }
    return env.strings("page.position", ["from": String(offset + 1), "count": String(lines.count)])
  }
}

/// A screen that is one scrolled page (plan, history, help, training): it lays out its
/// lines for the width, and drawing, the position note, scrolling and a new layout after
/// a resize come from here.
public protocol PageScreen: ScreenUnit {
  var page: Page { get set }
  /// The page's lines laid out for the body's width.
  func pageLines(_ env: ScreenEnvironment) -> [PageLine]
}

extension PageScreen {
  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    page.render(into: &buffer, area: area)
  }

  public func footnote(_ env: ScreenEnvironment) -> String? { page.footnote(env) }

  /// Its key table, the scroll keys only while the page is longer than the body (so that
  /// none is offered that does nothing).
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let scrolling = Set(Keys.scrolling.map(\.helpKey))
    return page.keys(env) + Self.keyTable.filter { !scrolling.contains($0.helpKey) }
  }

  /// Scrolls for the arrow and page keys and lays the page out again after a resize;
  /// true when `action` was one of those.
  mutating func updatePage(_ action: Action, _ env: ScreenEnvironment) -> Bool {
    if page.scroll(action, env) { return true }
    guard case .resized = action else { return false }
    page.relayout(pageLines(env), env)
    return true
  }
}
