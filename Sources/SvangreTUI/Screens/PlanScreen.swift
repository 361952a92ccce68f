import SvangreResources
import SvangreRules

extension ScreenID {
  public static let plan = ScreenID(rawValue: "plan")
}

/// The plan of the opened record on today's date: level and dating, the visit programme
/// with dates and statuses, prenatal diagnostics and birth places. Read-only; the engine's
/// answer is taken once when the screen opens (`Clinic.followUp`), the lines are laid out
/// for the width when the state changes.
public struct PlanScreen: ScreenUnit {
  public static let id = ScreenID.plan
  public static let keyTable = Keys.scrolling + [Keys.newVisitation, Keys.history, Keys.birth, Keys.back]
  public let detail: RecordDetail
  public let followUp: FollowUpAssessment?
  public var page = Page()

  public init(_ record: RecordDetail, _ env: ScreenEnvironment) {
    detail = record
    followUp = env.clinic.followUp(record)
    page = Page(lines(env))
  }

  public var state: ScreenState { .plan(self) }
  public var record: RecordDetail? { detail }
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    page.keys(env) + [Keys.newVisitation, Keys.history, Keys.birth, Keys.back]
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if page.scroll(action, env) { return [] }
    if case .resized = action { page.relayout(lines(env), env) }
    return RecordPages.go(action, from: detail, env)
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    page.render(into: &buffer, area: area)
  }

  public func footnote(_ env: ScreenEnvironment) -> String? { page.footnote(env) }

  func lines(_ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let width = Page.width(env)
    guard let followUp else { return [PageLine(text: strings("plan.noVisitation"), style: [.dim])] }
    let assessment = followUp.assessment
    var lines = [PageLine(text: RecordPages.summary(followUp, strings), style: [.bold]), .blank]
    lines += RecordPages.birthNotRecorded(followUp, strings, width: width)
    lines.append(.section(strings("plan.programme"), width: width))
    let columns = Columns([.length(13), .length(11), .length(23), .length(13), .fill()], width: width)
    lines.append(
      PageLine(
        text: columns.line(["plan.status", "plan.ga", "plan.dates", "plan.who", "plan.what"].map { strings($0) }),
        style: [.underline]))
    // Statuses are the engine's, with what the record knows of her attendance
    // (`Clinic.followUp`): done, missed, late until its latest date.
    let detailIndent = String(repeating: " ", count: columns.offset(of: 2))
    func detail(_ status: VisitStatus?, latest: CalendarDate?, doneDate: CalendarDate?) {
      guard let text = strings.statusDetail(status, latest: latest, doneDate: doneDate) else { return }
      lines.append(PageLine(text: detailIndent + "→ " + text, style: status == .late ? [.bold] : [.dim]))
    }
    for item in assessment.schedule {
      let (tag, style) = RecordPages.statusTag(item.status, strings)
      let ga = [item.gaFrom, item.gaTo].compactMap { $0?.description }.joined(separator: "–")
      lines.append(
        PageLine(
          text: columns.line(
            [tag, ga, "\(item.from.iso)–\(item.to.iso)", strings.who(item.who), item.label.text(env.language)]),
          style: style))
      detail(item.status, latest: item.latest, doneDate: item.doneDate)
    }
    lines.append(.blank)
    let diagnostics = assessment.prenatalDiagnostics
    lines.append(
      .section(strings("plan.diagnostics", ["programme": strings.programme(diagnostics.programme)]), width: width))
    let diagnosticColumns = Columns([.length(13), .length(11), .length(23), .fill()], width: width)
    for item in diagnostics.items {
      let ga = [item.gaFrom, item.gaTo].compactMap { $0?.description }.joined(separator: "–")
      let dates = [item.from, item.to].compactMap { $0?.iso }.joined(separator: "–")
      let (tag, style) =
        item.status.map { RecordPages.statusTag($0, strings) } ?? ("[" + strings("plan.atOnce") + "]", [.bold])
      lines.append(
        PageLine(
          text: diagnosticColumns.line(
            [tag, ga, dates.isEmpty ? strings("plan.atOnce") : dates, item.label.text(env.language)]),
          style: style))
      detail(item.status, latest: item.latest, doneDate: item.doneDate)
    }
    lines.append(.blank)
    lines.append(.section(strings("plan.birthplaces"), width: width))
    lines += RecordPages.birthRiskLines(assessment, showsCareLevel: true, env, width: width)
    let placeColumns = Columns([.length(13), .fill()], width: width)
    for place in assessment.birthplaces {
      let tag = place.suitable ? strings("birthplace.suitable") : strings("birthplace.unsuitable")
      lines.append(
        PageLine(text: placeColumns.line([tag, place.name.text(env.language)]), style: place.suitable ? [.bold] : []))
      lines += PageLine.wrapped(
        RecordPages.verdictText(place, env), [.dim], width: width - 2, indent: placeColumns.offset(of: 1))
    }
    return lines
  }
}
