import SvangreResources
import SvangreRules

extension ScreenID {
  public static let plan = ScreenID(rawValue: "plan")
}

/// The plan of the opened record on today's date: level and dating, the visit programme
/// with dates and statuses, prenatal diagnostics and birth places. The engine's answer is
/// taken once when the screen opens (`Clinic.followUp`, with the attendance the record
/// knows), the lines are laid out for the width when the state changes. A cursor (↑/↓)
/// moves over the programme's items; `d` records the one under it done (today, or a day
/// typed in the dialog), and the plan is read back and assessed again, so its status
/// changes at once — the engine's, never this screen's.
public struct PlanScreen: RecordPage {
  public static let id = ScreenID.plan
  public static let otherPages = [Keys.newVisitation, Keys.history, Keys.birth]
  public static var keyTable: [KeyBinding] { Keys.scrolling + [Keys.markDone] + otherPages + [Keys.back] }
  public let detail: RecordDetail
  public let followUp: FollowUpAssessment?
  public var page = Page()
  /// The programme item under the cursor: an index into the schedule; nil without one.
  public private(set) var selected: Int?
  /// The page lines of each programme item, for the cursor.
  var itemLines: [Range<Int>] = []
  /// The item asked to be recorded done, to select it and say so once read back.
  var marking: String?

  /// The cursor starts on `item` if given, else on the first item due or late, else the
  /// next to come; with none (after the birth) it appears with the first ↑/↓.
  public init(_ record: RecordDetail, _ env: ScreenEnvironment) { self.init(record, env, selecting: nil) }

  public init?(refreshing record: RecordDetail, _ env: ScreenEnvironment) { self.init(record, env) }

  public init(_ record: RecordDetail, _ env: ScreenEnvironment, selecting item: String?) {
    detail = record
    followUp = env.clinic.followUp(record)
    let schedule = followUp?.assessment.schedule ?? []
    selected =
      schedule.firstIndex { $0.id == item } ?? schedule.firstIndex { $0.status == .due || $0.status == .late }
      ?? schedule.firstIndex { $0.status == .upcoming }
    let (lines, items) = layout(env)
    page = Page(lines)
    itemLines = items
    reveal(env)
  }

  /// The programme item under the cursor.
  public var selectedItem: ScheduledItem? { selected.map { followUp!.assessment.schedule[$0] } }

  /// ↑/↓ move the cursor (the scroll keys while the page is longer than the body), `d`
  /// while an item is under it.
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let moving = page.scrolls(env) ? Keys.scrolling : itemLines.isEmpty ? [] : [Keys.up, Keys.down]
    return moving + (selected != nil ? [Keys.markDone] : []) + Self.otherPages + [Keys.back]
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .up, .down:
      let step = if case .up = action { -1 } else { 1 }
      if !move(step, env) { _ = updatePage(action, env) }
      return []
    case .resized:
      (page.lines, itemLines) = layout(env)
      page.relayout(page.lines, env)
      return []
    case .markDone:
      guard selectedItem != nil else { return [] }
      // Who recorded it is saved with it: the initials first, if need be.
      guard env.initials != nil else { return [.askInitials(retry: .markDone)] }
      return [.askText(.doneDate, initial: env.today.iso)]
    case .textEntered(.doneDate, let date):
      guard let item = selectedItem else { return [] }
      marking = item.id
      return [.recordDone(recordID: detail.id, item: item.id, date: date)]
    case .saved:
      return [.load(recordID: detail.id)]
    case .loaded(let record):
      let plan = PlanScreen(record, env, selecting: marking)
      guard let item = plan.selectedItem, item.id == marking else { return [.show(plan)] }
      let day = item.doneDate?.iso ?? ""
      return [
        .show(plan),
        .message(env.strings("plan.doneSaved", ["item": item.label.text(env.language), "date": day])),
      ]
    case .recordChanged(let record) where record.id == detail.id:
      // A colleague's save: the plan as it is now, the cursor on the same item.
      let offset = page.offset
      self = PlanScreen(record, env, selecting: selectedItem?.id)
      page.offset = offset
      page.relayout(page.lines, env)
      return [.message(env.strings("record.changedElsewhere"))]
    default:
      if updatePage(action, env) { return [] }
      return RecordPages.go(action, from: detail, env)
    }
  }

  /// Moves the cursor by `step` items and scrolls it into view; false at either end, so
  /// the key scrolls the page instead (to the summary above, the birth places below).
  /// Without a cursor it appears on the first item in view.
  private mutating func move(_ step: Int, _ env: ScreenEnvironment) -> Bool {
    guard let selected else {
      let view = page.offset..<(page.offset + env.body.height)
      self.selected = itemLines.firstIndex { view.contains($0.lowerBound) }
      return self.selected != nil
    }
    guard itemLines.indices.contains(selected + step) else { return false }
    self.selected = selected + step
    reveal(env)
    return true
  }

  /// Scrolls as little as it takes to show the item under the cursor whole.
  private mutating func reveal(_ env: ScreenEnvironment) {
    guard let selected, itemLines.indices.contains(selected) else { return }
    let lines = itemLines[selected]
    let height = max(1, env.body.height)
    if lines.upperBound > page.offset + height { page.offset = lines.upperBound - height }
    if lines.lowerBound < page.offset { page.offset = lines.lowerBound }
  }

  /// The page, with the item under the cursor in reverse video and marked in the margin.
  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    var shown = page
    if let selected, itemLines.indices.contains(selected) {
      for index in itemLines[selected] { shown.lines[index].style.insert(.reverse) }
      let row = itemLines[selected].lowerBound - page.offset
      if (0..<area.height).contains(row) { buffer.put("▸", row: area.y + row, column: area.x) }
    }
    shown.render(into: &buffer, area: area)
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] { layout(env).lines }

  /// The page's lines for the width, and the lines of each programme item.
  func layout(_ env: ScreenEnvironment) -> (lines: [PageLine], items: [Range<Int>]) {
    let strings = env.strings
    let width = Page.width(env)
    guard let followUp else { return ([PageLine(text: strings("plan.noVisitation"), style: [.dim])], []) }
    let assessment = followUp.assessment
    var lines = [PageLine(text: RecordPages.summary(followUp, strings), style: [.bold]), .blank]
    lines += RecordPages.birthNotRecorded(followUp, strings, width: width)
    // Statuses are the engine's, with what the record knows of her attendance
    // (`Clinic.followUp`): done, missed, late until its latest date.
    func row(_ item: ScheduledItem) -> PlanRow {
      let (tag, style) = RecordPages.statusTag(item.status, strings)
      return PlanRow(
        tag: tag, style: style, ga: PlanRow.gaRange(item.gaFrom, item.gaTo), dates: DateWindow.text(item.from, item.to),
        who: strings.who(item.who), what: item.label.text(env.language),
        detail: strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate),
        late: item.status == .late)
    }
    let visits = assessment.schedule.map(row)
    // After the birth, what comes next is postnatal: those contacts lead the page.
    let postnatal = assessment.postnatal.map(row)
    let diagnostics = assessment.prenatalDiagnostics
    let tests = diagnostics.items.map { item in
      let (tag, style) =
        item.status.map { RecordPages.statusTag($0, strings) } ?? ("[" + strings("plan.atOnce") + "]", TextStyle.bold)
      let dates = DateWindow.text(item.from, item.to) ?? ""
      return PlanRow(
        tag: tag, style: style, ga: PlanRow.gaRange(item.gaFrom, item.gaTo),
        dates: dates.isEmpty ? strings("plan.atOnce") : dates, who: "", what: item.label.text(env.language),
        detail: strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate),
        late: item.status == .late)
    }
    // Columns as wide as what they hold (both tables aligned), so "Hvad" keeps the most room.
    let header = PlanRow(
      tag: strings("plan.status"), style: [.underline], ga: strings("plan.ga"), dates: strings("plan.dates"),
      who: strings("plan.who"), what: strings("plan.what"))
    // One layout for the whole table: "Hvad" beside the cells when its longest word fits
    // (closing up the gaps if that is what it takes), else under them, so that no label is
    // split and the rows still line up.
    let all = [header] + postnatal + visits + tests
    let longest = all.dropFirst().map { DisplayWidth.longestWord($0.what) }.max() ?? 0
    let widths =
      [2, 1].lazy.map { PlanRow.widths(of: all, gap: $0) }
      .first { width - $0.reduce(0, +) >= longest } ?? PlanRow.widths(of: all, gap: 2)
    func rows(_ rows: [PlanRow], who: Bool) -> [PageLine] {
      rows.flatMap { row in
        PageLine.table(
          row.cells(widths, who: who), row.what, row.style, width: width, room: longest, under: widths[0])
          + (row.detail.map {
            PageLine.table(
              String(repeating: " ", count: widths[0] + widths[1]), "→ " + $0, row.late ? [.bold] : [.dim],
              width: width)
          } ?? [])
      }
    }
    if !postnatal.isEmpty {
      lines.append(.section(strings("plan.postnatal"), width: width))
      lines += rows([header] + postnatal, who: true)
      lines.append(.blank)
    }
    lines.append(.section(strings("plan.programme"), width: width))
    lines += rows([header], who: true)
    var items: [Range<Int>] = []
    for visit in visits {
      let start = lines.count
      lines += rows([visit], who: true)
      items.append(start..<lines.count)
    }
    lines.append(.blank)
    lines.append(
      .section(strings("plan.diagnostics", ["programme": strings.programme(diagnostics.programme)]), width: width))
    lines += rows(tests, who: false)
    lines.append(.blank)
    lines.append(.section(strings("plan.birthplaces"), width: width))
    lines += RecordPages.birthRiskLines(assessment, showsCareLevel: true, env, width: width)
    let tags = [strings("birthplace.suitable"), strings("birthplace.unsuitable")]
    let tagWidth = tags.map(DisplayWidth.of).max()! + 2
    for place in assessment.birthplaces {
      let tag = DisplayWidth.pad(place.suitable ? tags[0] : tags[1], to: tagWidth)
      lines += PageLine.table(tag, place.name.text(env.language), place.suitable ? [.bold] : [], width: width)
      lines += PageLine.table(
        String(repeating: " ", count: tagWidth), RecordPages.verdictText(place, env), [.dim], width: width)
    }
    return (lines, items)
  }
}

/// One row of the plan's tables, before the columns are sized.
struct PlanRow {
  var tag: String
  var style: TextStyle
  var ga: String
  var dates: String
  var who: String
  var what: String
  /// What the status adds (the latest date of a late item, the day a done one was done).
  var detail: String? = nil
  var late = false

  /// The width of the status, GA, dates and who columns: the widest cell and a gap (two
  /// spaces after status and GA, whose cells end in a bracket or a digit like the next).
  static func widths(of rows: [PlanRow], gap: Int) -> [Int] {
    zip([\PlanRow.tag, \.ga, \.dates, \.who], [2, 2, gap, gap]).map { column, space in
      rows.map { DisplayWidth.of($0[keyPath: column]) }.max()! + space
    }
  }

  func cells(_ widths: [Int], who showWho: Bool = true) -> String {
    DisplayWidth.pad(tag, to: widths[0]) + DisplayWidth.pad(ga, to: widths[1]) + DisplayWidth.pad(dates, to: widths[2])
      + (showWho ? DisplayWidth.pad(who, to: widths[3]) : "")
  }

  static func gaRange(_ from: GestationalAge?, _ to: GestationalAge?) -> String {
    [from, to].compactMap { $0?.description }.joined(separator: "–")
  }
}
