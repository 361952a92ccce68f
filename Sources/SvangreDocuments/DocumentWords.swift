import SvangreResources
import SvangreRules

/// The words the documents share: dates as a clinician writes them (20.05.2027) and as
/// she reads them (20. maj 2027), how the due date was found, and the rule set they come
/// from. Every sentence is a key of the `documents` catalogue (or the core one for the
/// words every front end shares: parity, who, programme).
public struct DocumentWords: Sendable {
  let strings: StringCatalog
  let ruleSet: RuleSet

  init(strings: StringCatalog, ruleSet: RuleSet) {
    self.strings = strings
    self.ruleSet = ruleSet
  }

  var language: Language { strings.language }

  func text(_ text: LocalizedText) -> String { text.text(language) }

  /// 20.05.2027 (Danish), 2027-05-20 (English).
  func clinical(_ date: CalendarDate) -> String {
    let (year, month, day) = date.components
    return strings(
      "date.clinical", ["day": twoDigits(day), "month": twoDigits(month), "year": String(year)])
  }

  /// 20. maj 2027 / 20 May 2027.
  func long(_ date: CalendarDate) -> String {
    let (year, month, day) = date.components
    return strings("date.long", ["day": String(day), "month": strings("month.\(month)"), "year": String(year)])
  }

  /// A window as clinical dates: one date when it is one day.
  func window(_ from: CalendarDate, _ to: CalendarDate) -> String {
    from == to ? clinical(from) : clinical(from) + "–" + clinical(to)
  }

  /// How the due date in use was found, with the dates it came from.
  func datingHow(_ input: AssessmentInput, _ assessment: Assessment) -> String {
    let dating = input.dating
    switch assessment.datingSource {
    case .dueDate: return strings("dating.how.due_date")
    case .scan:
      return strings(
        "dating.how.scan",
        ["date": dating.scanDate.map(clinical) ?? "", "ga": dating.scanAge?.description ?? ""])
    case .lastPeriod:
      return strings(
        "dating.how.lmp",
        [
          "date": dating.lastPeriod.map(clinical) ?? "",
          "cycle": String(dating.cycleDays ?? Dating.usualCycleDays),
        ])
    }
  }

  /// The labels of the findings she has that count for no level of their own (a GDM risk
  /// factor, a blood type) and are not wishes: facts a colleague still wants to read.
  func otherFindings(_ input: AssessmentInput, _ assessment: Assessment) -> [String] {
    let reasons = Set(assessment.reasons.map(\.id))
    return input.findings.compactMap { id in
      guard let finding = ruleSet.finding(id), !reasons.contains(id), finding.domain != Self.wishes else { return nil }
      return text(finding.label)
    }
  }

  /// Her wishes (findings of the `wishes` domain: a home birth).
  func wishes(_ input: AssessmentInput) -> [String] {
    input.findings.compactMap { id in
      ruleSet.finding(id).flatMap { $0.domain == Self.wishes ? text($0.label) : nil }
    }
  }

  /// What caused an offer: findings by their label, birth facts by the core catalogue's.
  func causes(_ offer: OfferResult) -> String {
    offer.because.map { cause in ruleSet.finding(cause).map { text($0.label) } ?? strings("cause.\(cause)") }
      .joined(separator: ", ")
  }

  /// An item and who she sees for it: "1. jordemoderkonsultation (Jordemoder)".
  func what(_ item: ProgrammeItem) -> String {
    text(item.label) + (item.who.map { " (" + strings.who($0) + ")" } ?? "")
  }

  func list(_ items: [String]) -> String { items.isEmpty ? strings("document.none") : items.joined(separator: ", ") }

  /// The level as chosen, with the suggestion and the reason when the clinician changed
  /// it: `<prefix>.level` or `<prefix>.level_overridden` (journal, referral).
  func level(_ assessment: Assessment, _ prefix: String) -> String {
    assessment.overridden
      ? strings(
        "\(prefix).level_overridden",
        [
          "level": String(assessment.level), "suggested": String(assessment.suggestedLevel),
          "reason": assessment.overrideReason ?? "",
        ])
      : strings("\(prefix).level", ["level": String(assessment.level)])
  }

  /// The line every clinical document ends with: the rule set it was made from.
  func footer(_ assessment: Assessment) -> String {
    strings(
      "document.footer",
      ["ruleset": text(ruleSet.title), "id": assessment.ruleSetID, "version": assessment.ruleSetVersion])
  }

  /// Past 44+0 with no birth: say so, and from which day the answer is.
  func birthNotRecorded(_ followUp: FollowUpAssessment) -> String? {
    guard followUp.birthNotRecorded else { return nil }
    return strings(
      "document.birth_not_recorded",
      ["ga": AssessmentEngine.maximumGestationalAge.description, "date": clinical(followUp.assessedOn)])
  }

  static let wishes = "wishes"

  private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

/// One dated item of her programme, whichever list the engine put it in: an antenatal
/// visit, scan or test, a prenatal diagnostics test that is not also a visit, or a
/// postnatal contact.
struct ProgrammeItem {
  var id: String
  var label: LocalizedText
  var explanation: LocalizedText
  var who: CareProvider?
  var from: CalendarDate
  var to: CalendarDate
  var latest: CalendarDate?
  var status: VisitStatus
  var doneDate: CalendarDate?
  var postnatal: Bool

  /// Still to come for her: not done, not missed, not over (`upcoming`, `due`, `late`).
  var isAhead: Bool { [.upcoming, .due, .late].contains(status) }

  /// The days to put in her calendar: the window, or for a late item the days from
  /// `today` until its latest day.
  func days(today: CalendarDate) -> (first: CalendarDate, last: CalendarDate) {
    if status == .late, let latest { return (max(today, from), latest) }
    return (from, to)
  }

  /// Every dated item of the answer, antenatal first (by start date), then postnatal.
  /// Prenatal diagnostics items that are also visit items (the double test, the scans)
  /// come once; those with no end to their window (NIPT "from 10+0") are options, not
  /// appointments, and are left out.
  static func all(_ assessment: Assessment) -> [ProgrammeItem] {
    let visits = assessment.schedule.map { ProgrammeItem($0, postnatal: false) }
    let known = Set(visits.map(\.id))
    let tests = assessment.prenatalDiagnostics.items.compactMap { item -> ProgrammeItem? in
      guard !known.contains(item.id), let from = item.from, let to = item.to, let status = item.status else {
        return nil
      }
      return ProgrammeItem(
        id: item.id, label: item.label, explanation: item.explanation, who: nil, from: from, to: to,
        latest: item.latest, status: status, doneDate: item.doneDate, postnatal: false)
    }
    let antenatal = (visits + tests).enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }
      .map(\.element)
    return antenatal + assessment.postnatal.map { ProgrammeItem($0, postnatal: true) }
  }

  init(_ item: ScheduledItem, postnatal: Bool) {
    self.init(
      id: item.id, label: item.label, explanation: item.explanation, who: item.who, from: item.from, to: item.to,
      latest: item.latest, status: item.status, doneDate: item.doneDate, postnatal: postnatal)
  }

  init(
    id: String, label: LocalizedText, explanation: LocalizedText, who: CareProvider?, from: CalendarDate,
    to: CalendarDate, latest: CalendarDate?, status: VisitStatus, doneDate: CalendarDate?, postnatal: Bool
  ) {
    self.id = id
    self.label = label
    self.explanation = explanation
    self.who = who
    self.from = from
    self.to = to
    self.latest = latest
    self.status = status
    self.doneDate = doneDate
    self.postnatal = postnatal
  }
}
