import SvangreResources
import SvangreRules

/// What the pages about one record share: the keys between them (`v`, `p`, `h`, `b`,
/// Esc) and the clinical words they and the side panel show the same way.
enum RecordPages {
  /// The screen a record page's key opens, or none for another action.
  static func go(_ action: Action, from record: RecordDetail, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .plan: [.show(PlanScreen(record, env))]
    case .history: [.show(HistoryScreen(record, env))]
    case .birth: [.show(BirthScreen(record, env))]
    case .newVisitation: [.show(WalkthroughScreen(record, env))]
    case .back: [.show(ListScreen())]
    default: []
    }
  }

  /// Level, dating and GA of the opened record on today's date.
  static func summary(_ followUp: FollowUpAssessment, _ strings: StringCatalog) -> String {
    let assessment = followUp.assessment
    let level =
      assessment.overridden
      ? strings(
        "plan.levelOverridden", ["level": String(assessment.level), "suggested": String(assessment.suggestedLevel)])
      : strings("plan.level", ["level": String(assessment.level)])
    return level + " · "
      + strings("plan.dating", ["due": assessment.dueDate.iso, "ga": followUp.gestationalAge.description])
  }

  /// Past 44+0 with no birth (the engine says so): ask for the birth, and say from which
  /// day the plan below is.
  static func birthNotRecorded(_ followUp: FollowUpAssessment, _ strings: StringCatalog, width: Int) -> [PageLine] {
    guard followUp.birthNotRecorded else { return [] }
    let text = strings(
      "plan.birthNotRecorded",
      ["ga": AssessmentEngine.maximumGestationalAge.description, "date": followUp.assessedOn.iso])
    return PageLine.wrapped(text, [.bold, .reverse], width: width - 2) + [.blank]
  }

  /// The status column: words and brackets, so it reads the same without colour.
  static func statusTag(_ status: VisitStatus, _ strings: StringCatalog) -> (String, TextStyle) {
    switch status {
    case .past, .done: (strings.statusTag(status), [.dim])
    case .due: (strings.statusTag(status), [.bold, .reverse])
    case .upcoming: (strings.statusTag(status), [])
    case .late, .missed: (strings.statusTag(status), [.bold])
    }
  }

  /// Why a site is or is not suitable, and for an unsuitable one what of hers made it so:
  /// the birth risks, or the care level (`BirthplaceVerdict.because`).
  static func verdictText(_ place: BirthplaceVerdict, _ env: ScreenEnvironment) -> String {
    let because = place.becauseTexts.map { $0.label.text(env.language) }
    guard !because.isEmpty else { return place.reason.text(env.language) }
    return place.reason.text(env.language) + " "
      + env.strings("text.birthplace_because", ["causes": because.joined(separator: ", ")])
  }

  /// What birth places are judged on: the care level (the higher of the suggested and the
  /// chosen level, so a lowered level never makes a site safer) and the birth risks. The
  /// plan always shows the care level; the side panel only when a chosen level is part of
  /// the answer.
  static func birthRiskLines(_ assessment: Assessment, showsCareLevel: Bool, _ env: ScreenEnvironment, width: Int)
    -> [PageLine]
  {
    let strings = env.strings
    let risks = assessment.birthRisks.map { $0.label.text(env.language) }
    let careLevel = strings("text.care_level", ["level": String(assessment.careLevel)])
    let birthRisks = strings(
      "text.birth_risks", ["risks": risks.isEmpty ? strings("text.none") : risks.joined(separator: ", ")])
    return (showsCareLevel || assessment.overridden ? PageLine.wrapped(careLevel, [.dim], width: width) : [])
      + PageLine.wrapped(birthRisks, risks.isEmpty ? [.dim] : [.bold], width: width)
  }
}

/// A page about the opened record (plan, history): the other pages' keys, Esc to the list.
public protocol RecordPage: PageScreen {
  /// The page made anew for `record` as a colleague saved it (nil: none can be made).
  init?(refreshing record: RecordDetail, _ env: ScreenEnvironment)
  var detail: RecordDetail { get }
  /// The keys to the other pages of the record.
  static var otherPages: [KeyBinding] { get }
}

extension RecordPage {
  public static var keyTable: [KeyBinding] { Keys.scrolling + otherPages + [Keys.back] }
  public var record: RecordDetail? { detail }
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] { page.keys(env) + Self.otherPages + [Keys.back] }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if updatePage(action, env) { return [] }
    if let effects = follow(action, env) { return effects }
    return RecordPages.go(action, from: detail, env)
  }

  /// A colleague's save of the record shown (`.recordChanged`): the page as it is now,
  /// scrolled where it was, and a word that it changed. Nil for any other action.
  mutating func follow(_ action: Action, _ env: ScreenEnvironment) -> [Effect]? {
    guard case .recordChanged(let record) = action else { return nil }
    guard record.id == detail.id, let fresh = Self(refreshing: record, env) else { return [] }
    let offset = page.offset
    self = fresh
    page.offset = offset
    page.relayout(page.lines, env)
    return [.message(env.strings("record.changedElsewhere"))]
  }
}
