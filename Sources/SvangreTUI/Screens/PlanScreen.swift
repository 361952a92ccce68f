import SvangreResources
import SvangreRules

extension ScreenID {
  public static let plan = ScreenID(rawValue: "plan")
}

/// The plan of the opened record on today's date: level and dating, the visit programme
/// with dates and statuses, prenatal diagnostics and birth places. Read-only; the engine's
/// answer is taken once when the screen opens (`Clinic.followUp`), the lines are laid out
/// for the width when the state changes.
public struct PlanScreen: RecordPage {
  public static let id = ScreenID.plan
  public static let otherPages = [Keys.newVisitation, Keys.history, Keys.birth]
  public let detail: RecordDetail
  public let followUp: FollowUpAssessment?
  public var page = Page()

  public init(_ record: RecordDetail, _ env: ScreenEnvironment) {
    detail = record
    followUp = env.clinic.followUp(record)
    page = Page(pageLines(env))
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let width = Page.width(env)
    guard let followUp else { return [PageLine(text: strings("plan.noVisitation"), style: [.dim])] }
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
    lines += rows([header] + visits, who: true)
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
    return lines
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
