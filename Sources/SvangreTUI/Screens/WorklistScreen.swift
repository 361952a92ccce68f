import SvangreResources
import SvangreRules
import SvangreStore

extension ScreenID {
  public static let worklist = ScreenID(rawValue: "worklist")
}

/// The clinic's worklist, "Ugens kalender": every open record's items that are due, late or
/// missed in a week, grouped by day (`Worklist`, the same list as `svangre due`). `f` and
/// `s` cycle the filters (who carries it out, status), ←/→ move a week, Enter opens the
/// woman at her plan. The list is asked for by effect when the week or a filter changes;
/// the statuses are the rules'; drawing only copies the lines.
public struct WorklistScreen: ScreenUnit {
  public static let id = ScreenID.worklist
  static let previousWeek = KeyBinding([.left], "←", .previousPane, help: "key.worklist.previousWeek")
  static let nextWeek = KeyBinding([.right], "→", .nextPane, help: "key.worklist.nextWeek")
  static let who = KeyBinding([.char("f")], "f", .cycleWho, help: "key.worklist.who")
  static let status = KeyBinding([.char("s")], "s", .cycleStatus, help: "key.worklist.status")
  static let back = KeyBinding([.esc], "Esc", .back, help: "key.back")
  public static let keyTable = Keys.scrolling + [Keys.confirm("worklist"), previousWeek, nextWeek, who, status, back]
  /// `u` ("uge") on the record list.
  public static var entrances: [Entrance] {
    [
      Entrance(from: .list, [.char("u")], "u", opens: id, help: "key.worklist") { _, env in
        let screen = WorklistScreen(env)
        return [.show(screen), screen.opened]
      }
    ]
  }

  /// The providers `f` steps through, after everyone (nil).
  static let providers: [CareProvider?] = [nil] + CareProvider.allCases.map(Optional.some)
  /// The status filters `s` steps through: what needs the clinic, then each status alone.
  static let statusFilters: [Set<VisitStatus>] =
    [WorklistFilter.standardStatuses] + WorklistFilter.statusOrder.map { [$0] }

  public var range: ClosedRange<CalendarDate>
  public var filter = WorklistFilter()
  /// The list for `range` and `filter`, once read.
  public var worklist: Worklist?
  /// The lines shown: a heading per day, then its rows (by position in `worklist.rows`:
  /// tens of thousands of rows are not copied into the lines).
  var lines: [WorklistLine] = []
  /// Index into `lines` of the selected row (never a heading).
  public var selected = 0
  /// The item of the row opened with Enter: her plan opens with the cursor on it, ready to
  /// be marked done.
  var opening: String?

  /// The week of `env.today`; the list is asked for with `opened`.
  public init(_ env: ScreenEnvironment) {
    range = env.today.week
  }

  /// The effect that reads the list for the current week and filter.
  public var opened: Effect { .worklist(range: range, filter: filter) }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let rows = worklist?.rows.count ?? 0
    return (rows > 1 ? Keys.scrolling : []) + (rows > 0 ? [Keys.confirm("worklist")] : [])
      + [Self.previousWeek, Self.nextWeek, Self.who, Self.status, Self.back]
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .up: select(from: selected - 1, step: -1)
    case .down: select(from: selected + 1, step: 1)
    case .pageUp: select(from: selected - pageSize(env), step: -1)
    case .pageDown: select(from: selected + pageSize(env), step: 1)
    case .previousPane:
      range = range.lowerBound.adding(days: -7)...range.upperBound.adding(days: -7)
      return [opened]
    case .nextPane:
      range = range.lowerBound.adding(days: 7)...range.upperBound.adding(days: 7)
      return [opened]
    case .cycleWho:
      let index = Self.providers.firstIndex { $0.map { [$0] } == filter.who } ?? 0
      filter.who = Self.providers[(index + 1) % Self.providers.count].map { [$0] }
      return [opened]
    case .cycleStatus:
      let index = Self.statusFilters.firstIndex(of: filter.statuses) ?? 0
      filter.statuses = Self.statusFilters[(index + 1) % Self.statusFilters.count]
      return [opened]
    case .worklistRead(let list):
      let previous = selectedRow
      worklist = list
      lines = []
      lines.reserveCapacity(list.rows.count + 7)
      for (day, positions) in list.dayRanges {
        lines.append(.day(day))
        lines += positions.map(WorklistLine.row)
      }
      // The same woman's item stays selected when the list is read again.
      let again = previous.flatMap { old in list.rows.firstIndex { same($0, old) } }
      selected = again.flatMap { lines.firstIndex(of: .row($0)) } ?? 0
      select(from: selected, step: 1)
    case .confirm:
      if let row = row(at: selected) {
        // Opening a record is logged with who opened it: the initials first.
        guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
        opening = row.item.id
        return [.openRecord(recordID: row.recordID)]
      }
    case .loaded(let record):
      return [.show(PlanScreen(record, env, selecting: opening))]
    case .back:
      return [.show(ListScreen())]
    default: break
    }
    return []
  }

  /// The selected row, if any.
  var selectedRow: WorklistRow? { row(at: selected) }

  /// The row shown on line `index`; nil for a heading.
  private func row(at index: Int) -> WorklistRow? {
    guard let worklist, lines.indices.contains(index), case .row(let position) = lines[index] else { return nil }
    return worklist.rows[position]
  }

  private func same(_ a: WorklistRow, _ b: WorklistRow) -> Bool {
    a.recordID == b.recordID && a.item.id == b.item.id && a.from == b.from
  }

  private func pageSize(_ env: ScreenEnvironment) -> Int { max(1, env.body.height - 6) }

  /// Moves the selection to the nearest row from `index` in the direction of `step`
  /// (headings are skipped), staying inside the list.
  private mutating func select(from index: Int, step: Int) {
    guard !lines.isEmpty else {
      selected = 0
      return
    }
    var candidate = min(max(index, 0), lines.count - 1)
    while lines.indices.contains(candidate), !lines[candidate].isRow { candidate += step }
    if !lines.indices.contains(candidate) {
      candidate = min(max(index, 0), lines.count - 1)
      while lines.indices.contains(candidate), !lines[candidate].isRow { candidate -= step }
    }
    if lines.indices.contains(candidate) { selected = candidate }
  }

  public func footnote(_ env: ScreenEnvironment) -> String? {
    let rows = worklist?.rows.count ?? 0
    guard rows > 0, lines.indices.contains(selected), case .row(let position) = lines[selected] else { return nil }
    return env.strings("worklist.position", ["row": String(position + 1), "count": String(rows)])
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let inner = area.inset(left: 1, right: 1)
    let title = strings("due.title", ["from": range.lowerBound.iso, "to": range.upperBound.iso])
    buffer.put(DisplayWidth.truncate(title, to: inner.width), row: inner.y, column: inner.x, style: [.bold])
    let filterText = WorklistScreen.filterText(filter, strings)
    buffer.put(
      DisplayWidth.truncate(filterText, to: inner.width), row: inner.y + 1, column: inner.x, style: [.dim])
    guard let worklist else { return }
    let counts = strings(
      "due.counts",
      Dictionary(
        uniqueKeysWithValues: WorklistFilter.statusOrder.map { ($0.rawValue, String(worklist.counts[$0] ?? 0)) }))
    buffer.put(DisplayWidth.truncate(counts, to: inner.width), row: inner.y + 2, column: inner.x)
    guard !lines.isEmpty else {
      buffer.put(strings("due.empty"), row: inner.y + 4, column: inner.x, style: [.dim])
      return
    }
    // Status, GA, level and CPR as wide as their longest; the name 30 % of the rest, at
    // least 12; the item what is left (its provider too when there is room for both).
    // The table starts right of the selection marker ("▶ ").
    let table = inner.inset(left: 2)
    let columns = Columns(
      [.length(9), .length(7), .length(5), .length(12), .fill(minimum: 12, weight: 3), .fill(weight: 7)],
      width: table.width)
    let headerRow = inner.y + 4
    let headers = ["worklist.status", "list.ga", "worklist.level", "list.cpr", "list.name", "worklist.item"]
    for (index, header) in headers.enumerated() {
      buffer.put(
        strings(header), row: headerRow, column: table.x + columns.offset(of: index), style: [.bold, .underline])
    }
    let top = headerRow + 1
    let visible = max(0, area.bottom - top)
    let showsWho = columns.widths[5] >= 40
    let offset = Layout.scrollOffset(selected: selected, current: 0, visible: visible)
    for (line, index) in (offset..<min(lines.count, offset + visible)).enumerated() {
      let row = top + line
      switch lines[index] {
      case .day(let day):
        buffer.put(
          strings("due.weekday.\(day.weekday)") + " " + day.iso
            + (day == env.today ? "  " + strings("worklist.today") : ""),
          row: row, column: inner.x, style: [.bold])
      case .row(let position):
        let item = worklist.rows[position]
        let style: TextStyle = index == selected ? [.reverse] : (item.status == .late ? [.bold] : [])
        if index == selected {
          buffer.fill(row: row, column: area.x, count: area.width, style: [.reverse])
          buffer.put("▶", row: row, column: area.x, style: [.reverse, .bold])
        }
        let cells = WorklistScreen.cells(item, strings, who: showsWho)
        for (column, text) in cells.enumerated() {
          buffer.put(
            DisplayWidth.truncate(text, to: columns.widths[column] - 1), row: row,
            column: table.x + columns.offset(of: column), style: style)
        }
      }
    }
  }

  /// Status, GA (or day after the birth), level, masked CPR, name, and the item (with who,
  /// when `who`).
  static func cells(_ row: WorklistRow, _ strings: StringCatalog, who: Bool) -> [String] {
    let age =
      row.gestationalAge?.description ?? row.daysAfterBirth.map { strings("due.after_birth", ["days": String($0)]) }
      ?? ""
    return [
      strings("due.status.\(row.status.rawValue)"), age, row.level.map(String.init) ?? "–", row.maskedCPR, row.name,
      row.item.label.text(strings.language) + (who ? " · " + strings.who(row.who) : ""),
    ]
  }

  static func filterText(_ filter: WorklistFilter, _ strings: StringCatalog) -> String {
    let who = filter.who.map { set in
      CareProvider.allCases.filter(set.contains).map { strings.who($0) }.joined(separator: ", ")
    }
    let statuses = WorklistFilter.statusOrder.filter(filter.statuses.contains).map {
      strings("due.status.\($0.rawValue)")
    }
    return strings(
      "due.filter", ["who": who ?? strings("due.who.all"), "statuses": statuses.joined(separator: ", ")])
  }
}

/// One line of the worklist screen: a day's heading or one of its rows (its position in
/// the worklist's rows).
enum WorklistLine: Equatable {
  case day(CalendarDate)
  case row(Int)

  var isRow: Bool { if case .row = self { true } else { false } }
}
