import SvangreResources
import SvangreRules

extension ScreenID {
  public static let list = ScreenID(rawValue: "list")
}

/// The record list: every record with name, masked CPR, GA today, level and next due item;
/// `/` searches as you type (name or CPR, by the store), Esc leaves the search and clears
/// it; `n` creates a record. The facts of the visible rows are read and assessed when the
/// rows or the selection change, and kept by revision: drawing only copies them.
public struct ListScreen: ScreenUnit {
  public static let id = ScreenID.list
  static let search = KeyBinding([.char("/")], "/", .search, help: "key.search")
  static let clearSearch = KeyBinding([.esc], "Esc", .back, help: "key.back.search")
  static let newRecord = KeyBinding([.char("n")], "n", .newRecord, help: "key.newRecord")
  static let initials = KeyBinding([.char("i")], "i", .initials, help: "key.initials")
  static let doneSearching = KeyBinding([.enter], "Enter", .confirm, help: "key.confirm.search")
  public static let keyTable =
    Keys.scrolling + [Keys.confirm("list"), search, newRecord, initials, clearSearch]

  public var query = TextField(maxLength: 40)
  public var searching = false
  public var rows: [RecordRow] = []
  public var selected = 0
  /// What the list shows of each record beyond name and CPR, by id, with the revision
  /// it was computed for.
  var facts: [String: (revision: Int, facts: ListFacts)] = [:]

  public init() {}

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    if searching { return [Keys.down, Keys.up, Self.doneSearching, Self.clearSearch] }
    let moves = rows.count > 1 ? Keys.scrolling : []
    let open = rows.isEmpty ? [] : [Keys.confirm("list")]
    let clear = query.value.isEmpty ? [] : [Self.clearSearch]
    return moves + open + [Self.search, Self.newRecord, Self.initials] + clear
  }

  public var focusedField: TextField? {
    get { searching ? query : nil }
    set { if searching, let newValue { query = newValue } }
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    let last = max(0, rows.count - 1)
    let pageSize = max(1, env.body.height - 3)
    switch action {
    case .up: selected = max(0, selected - 1)
    case .down: selected = min(last, selected + 1)
    case .pageUp: selected = max(0, selected - pageSize)
    case .pageDown: selected = min(last, selected + pageSize)
    case .search: searching = true
    case .edited: return [.search(query.value)]
    case .confirm:
      if searching {
        searching = false
      } else if rows.indices.contains(selected) {
        // Opening a record is logged with who opened it: the initials first.
        guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
        return [.openRecord(recordID: rows[selected].id)]
      }
    case .back:
      searching = false
      query = TextField(maxLength: 40)
      return [.search("")]
    case .newRecord: return [.show(NewRecordScreen())]
    case .initials: return [.askInitials(retry: nil)]
    case .found(let found):
      // The selected record stays selected when the list is read again.
      let selectedID = rows.indices.contains(selected) ? rows[selected].id : nil
      rows = found
      selected = selectedID.flatMap { id in rows.firstIndex { $0.id == id } } ?? min(selected, max(0, rows.count - 1))
    case .read(let records):
      for record in records { facts[record.id] = (record.revision, ListFacts(record, env)) }
      return []
    case .loaded(let record):
      // Enter on a record: her plan if she has a visitation, else the first walkthrough.
      let next: any ScreenUnit =
        record.visitations.isEmpty ? WalkthroughScreen(record, env) : PlanScreen(record, env)
      return [.show(next)]
    default: return []
    }
    return missingFacts(env)
  }

  /// The rows on screen: the selection stays visible.
  func visibleRows(_ env: ScreenEnvironment) -> Range<Int> {
    let visible = max(0, env.body.height - 3)
    let offset = Layout.scrollOffset(selected: selected, current: 0, visible: visible)
    return offset..<min(rows.count, offset + visible)
  }

  /// Asks for the visible records whose facts are missing or from an older revision.
  func missingFacts(_ env: ScreenEnvironment) -> [Effect] {
    let ids = visibleRows(env).map { rows[$0] }.filter { facts[$0.id]?.revision != $0.revision }.map(\.id)
    return ids.isEmpty ? [] : [.read(ids)]
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let inner = area.inset(left: 1, right: 1)
    // The search line.
    let labelWidth = buffer.put(
      strings("list.search") + " ", row: inner.y, column: inner.x, style: searching ? [.bold] : [])
    if searching || !query.value.isEmpty {
      query.render(into: &buffer, row: inner.y, column: inner.x + labelWidth, width: 30, focused: searching)
    } else {
      buffer.put(strings("list.searchHint"), row: inner.y, column: inner.x + labelWidth, style: [.dim])
    }
    let count = strings("list.count", ["count": String(rows.count)])
    buffer.put(count, row: inner.y, column: inner.right - DisplayWidth.of(count), style: [.dim])

    // Columns: name takes what is left after the fixed ones.
    let columns = Columns([.fill(), .length(12), .length(7), .length(7), .ratio(1, 3)], width: inner.width)
    let headerRow = inner.y + 2
    let headers = ["list.name", "list.cpr", "list.ga", "list.level", "list.next"].map { strings($0) }
    for (index, header) in headers.enumerated() {
      buffer.put(header, row: headerRow, column: inner.x + columns.offset(of: index), style: [.bold, .underline])
    }
    guard !rows.isEmpty else {
      let empty = query.value.isEmpty ? strings("list.empty") : strings("list.noMatch", ["query": query.value])
      buffer.put(empty, row: headerRow + 2, column: inner.x, style: [.dim])
      return
    }
    for (line, index) in visibleRows(env).enumerated() {
      let row = headerRow + 1 + line
      let summary = rows[index]
      let shown = facts[summary.id]?.facts ?? ListFacts(ga: "", level: "", next: "")
      // Each cell one column short of its width, so that neighbours never touch.
      let cells = [summary.name, summary.maskedCPR, shown.ga, shown.level, shown.next].enumerated().map {
        DisplayWidth.truncate($1, to: columns.widths[$0] - 1)
      }
      let style: TextStyle = index == selected ? [.reverse] : []
      if index == selected {
        buffer.fill(row: row, column: area.x, count: area.width, style: [.reverse])
        buffer.put("▶", row: row, column: area.x, style: [.reverse, .bold])
      }
      for (column, text) in cells.enumerated() {
        buffer.put(text, row: row, column: inner.x + columns.offset(of: column), style: style)
      }
    }
  }
}

/// What the list shows for one record beyond name and CPR: GA today, level and the next
/// due item — the record's state now (after corrections) as the engine assesses it on
/// today's date; past 44+0 with no birth, her last known level and a prompt for the birth.
struct ListFacts {
  var ga: String
  var level: String
  var next: String

  init(ga: String, level: String, next: String) {
    self.ga = ga
    self.level = level
    self.next = next
  }

  init(_ record: RecordDetail, _ env: ScreenEnvironment) {
    let strings = env.strings
    guard let input = record.input(on: env.today) else {
      self.init(ga: "–", level: "–", next: strings("list.noVisitation"))
      return
    }
    guard let followUp = env.clinic.followUp(record) else {
      self.init(ga: "?", level: "?", next: "")
      return
    }
    let assessment = followUp.assessment
    let level = assessment.overridden ? "\(assessment.level)*" : "\(assessment.level)"
    let items = assessment.schedule + assessment.postnatal
    let language = env.language
    let next =
      followUp.birthNotRecorded
      ? strings("list.birthNotRecorded")
      : items.first { $0.status == .due }.map { strings("list.dueNow", ["item": $0.label.text(language)]) }
        ?? items.first { $0.status == .late }.map {
          strings("list.lateUntil", ["item": $0.label.text(language), "date": $0.lastDay.iso])
        }
        ?? items.first { $0.status == .upcoming }.map { "\($0.from.iso) \($0.label.text(language))" } ?? "–"
    let ga = input.birth == nil ? followUp.gestationalAge.description : strings("list.born")
    self.init(ga: ga, level: level, next: next)
  }
}
