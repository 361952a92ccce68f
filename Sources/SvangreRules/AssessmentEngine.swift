/// Turns an `AssessmentInput` into the Fødeplan's answer under one rule set.
///
/// The rule set is compiled once (finding IDs become bit positions) so that one
/// assessment is a handful of passes over small arrays; the engine holds no mutable
/// state and can be shared between threads.
public struct AssessmentEngine: Sendable {
  public let ruleSet: RuleSet
  let compiled: CompiledRules

  public init(ruleSet: RuleSet) {
    self.ruleSet = ruleSet
    compiled = CompiledRules(ruleSet)
  }

  /// The most a pregnancy can have progressed on the reference date before the birth.
  public static let maximumGestationalAge = GestationalAge(weeks: 44, days: 0)

  /// The due date and where it came from: due date, then scan, then last period.
  public static func dueDate(for dating: Dating) -> (CalendarDate, DatingSource)? {
    if let dueDate = dating.dueDate { return (dueDate, .dueDate) }
    if let scanDate = dating.scanDate, let scanAge = dating.scanAge {
      return (scanDate.adding(days: GestationalAge.term.days - scanAge.days), .scan)
    }
    if let lastPeriod = dating.lastPeriod {
      let cycle = dating.cycleDays ?? Dating.usualCycleDays
      return (lastPeriod.adding(days: GestationalAge.term.days + cycle - Dating.usualCycleDays), .lastPeriod)
    }
    return nil
  }

  /// The answer for one woman on her reference date. Refuses an input that breaks the
  /// contract (out-of-range values, unknown findings, dating outside 0+0…44+0).
  public func assess(_ input: AssessmentInput) throws(InputError) -> Assessment {
    try input.validate(against: ruleSet)
    guard let (dueDate, datingSource) = Self.dueDate(for: input.dating) else {
      throw InputError(.missingField, field: "dating", detailKey: "error.missing_field.dating")
    }
    let age = GestationalAge(on: input.referenceDate, dueDate: dueDate)
    let bornByNow = input.birth.map { $0.date <= input.referenceDate } ?? false
    if age.days < 0 || (!bornByNow && age > Self.maximumGestationalAge) {
      throw InputError(
        .datingOutOfRange, field: "dating",
        arguments: ["ga": age.description, "due": dueDate.iso, "reference": input.referenceDate.iso])
    }

    // Findings present: the ones ticked, plus those implied by the BMI.
    var ticked = FindingSet()
    for id in input.findings {
      if let index = compiled.findingIndex[id] { ticked.insert(index) }
    }
    var present = ticked
    if let bmi = input.bmi {
      for (index, threshold) in compiled.bmiImplied where bmi >= threshold { present.insert(index) }
    }

    let gdm = compiled.gdmItems(present: present, bmi: input.bmi)

    // Reasons, highest level first; ties keep catalogue order (the GDM risk last).
    var reasons: [Reason] = []
    for level in AssessmentInput.levelRange.reversed() {
      for index in compiled.findingsByLevel[level] where present.contains(index) {
        reasons.append(
          Reason(text: compiled.findingTexts[index], level: level, implied: !ticked.contains(index)))
      }
      if !gdm.isEmpty, ruleSet.gdmRule.level == level {
        reasons.append(Reason(text: compiled.gdmText, level: level, implied: true))
      }
    }

    let suggestedLevel = reasons.first?.level ?? 1
    let level = input.override?.level ?? suggestedLevel
    let birthRisks = present.intersection(compiled.birthRiskFindings)

    var context = ConditionContext(
      parity: input.parity, present: present, birthRisks: birthRisks, level: level,
      careLevel: max(suggestedLevel, level), age: age, dueDate: dueDate, birth: input.birth, gdmItems: gdm)
    // Birth places first: the home-birth risk talk is offered when home is unsuitable.
    let birthplaces = birthplaces(context: context)
    context.unsuitableSites = birthplaces.map { !$0.suitable }
    let recordable = input.attendance?.covers.map { kinds in
      Set(ruleSet.schedule.filter { kinds.contains($0.kind) }.map(\.id))
    }
    let attendance = AttendanceLookup(input.attendance, recordable: recordable ?? compiled.scheduleIDs)
    let schedule = schedule(context: context, referenceDate: input.referenceDate, attendance: attendance)
    try attendance.checkBelongs(to: schedule)

    return Assessment(
      ruleSetID: ruleSet.id, ruleSetVersion: ruleSet.version, dueDate: dueDate,
      datingSource: datingSource, gestationalAge: age, suggestedLevel: suggestedLevel, level: level,
      overridden: input.override != nil, overrideReason: input.override?.reason,
      careLevel: context.careLevel,
      birthRisks: texts(of: birthRisks),
      reasons: reasons, offers: offers(present: present, context: context), schedule: schedule,
      prenatalDiagnostics: prenatalDiagnostics(
        present: present, dueDate: dueDate, on: input.referenceDate, attendance: attendance),
      birthplaces: birthplaces,
      postnatal: postnatal(context: context, referenceDate: input.referenceDate))
  }

  /// The attendance her visitations alone vouch for (no item recorded done): each GP or
  /// midwife consultation whose window, up to its latest date, holds one of
  /// `consultations` is done on the first such day, from the first consultation on
  /// (`covers` consultations only). `attendance(for:known:)` is the whole rule.
  public func inferredAttendance(for input: AssessmentInput, consultations: [CalendarDate]) -> Attendance? {
    var plain = input
    plain.attendance = nil
    return attendance(for: plain, known: KnownAttendance(consultations: consultations))
  }

  // MARK: - Parts of the answer

  private func offers(present: FindingSet, context: ConditionContext) -> [OfferResult] {
    var because = [[String]](repeating: [], count: compiled.offerTexts.count)
    present.forEach { index in
      for offerIndex in compiled.findingOffers[index] { because[offerIndex].append(compiled.findingTexts[index].id) }
    }
    for rule in compiled.offerRules where rule.condition.holds(in: context) {
      for cause in rule.because where !because[rule.offer].contains(cause) { because[rule.offer].append(cause) }
    }
    var offers: [OfferResult] = []
    for (index, causes) in because.enumerated() where !causes.isEmpty {
      offers.append(OfferResult(text: compiled.offerTexts[index], because: causes))
    }
    return offers
  }

  private func schedule(context: ConditionContext, referenceDate: CalendarDate, attendance: AttendanceLookup)
    -> [ScheduledItem]
  {
    var items: [ScheduledItem] = []
    items.reserveCapacity(compiled.schedule.count)
    var itemContext = context
    // The compiled windows are in order of their start, so the items come out sorted.
    for (index, window) in compiled.schedule.enumerated() {
      itemContext.scheduleItem = index
      guard window.condition.holds(in: itemContext) else { continue }
      let from = window.from.date(dueDate: context.dueDate)
      let to = window.to.date(dueDate: context.dueDate)
      let latest = window.latest?.date(dueDate: context.dueDate)
      let doneDate = attendance.doneDate(window.text.id)
      items.append(
        ScheduledItem(
          text: window.text, who: window.who, kind: window.kind, from: from, to: to, gaFrom: window.from,
          gaTo: window.to, gaLatest: window.latest, latest: latest,
          status: Self.status(
            on: referenceDate, from: from, to: to, latest: latest, attendance: attendance, id: window.text.id),
          doneDate: doneDate,
          indicatedBy: window.indicatedBy.isEmpty
            ? [] : window.indicatedBy.filter { context.present.contains($0.index) }.map(\.id)))
    }
    return items
  }

  private func prenatalDiagnostics(
    present: FindingSet, dueDate: CalendarDate, on date: CalendarDate, attendance: AttendanceLookup
  ) -> PrenatalDiagnostics {
    let extended = compiled.extendedDiagnosticsFindings.intersects(present)
    let items = compiled.diagnosticsItems(extended: extended).map { index in
      let rule = ruleSet.prenatalDiagnostics.items[index]
      let from = rule.gaFrom?.date(dueDate: dueDate)
      let to = rule.gaTo?.date(dueDate: dueDate)
      let latest = rule.gaLatest?.date(dueDate: dueDate)
      var status: VisitStatus?
      if let from {
        // An item with no end stays possible until the birth.
        status =
          to.map {
            Self.status(on: date, from: from, to: $0, latest: latest, attendance: attendance, id: rule.id)
          } ?? (attendance.doneDate(rule.id) != nil ? .done : date >= from ? .due : .upcoming)
      }
      return DiagnosticItem(
        text: compiled.diagnosticsTexts[index], gaFrom: rule.gaFrom, gaTo: rule.gaTo, gaLatest: rule.gaLatest,
        from: from, to: to, latest: latest, status: status, doneDate: attendance.doneDate(rule.id))
    }
    return PrenatalDiagnostics(programme: extended ? .extended : .basic, items: items)
  }

  private func birthplaces(context: ConditionContext) -> [BirthplaceVerdict] {
    let rules = compiled.birthplaceRules
    // Whether each rule applies to her, and what it names, is decided once, not per site.
    let applies = rules.map { $0.holds(in: context) }
    var causes = [[RuleText]?](repeating: nil, count: rules.count)
    var verdicts: [BirthplaceVerdict] = []
    verdicts.reserveCapacity(compiled.sites.count)
    for (siteIndex, site) in compiled.sites.enumerated() {
      let failed = rules.indices.first { applies[$0] && compiled.siteLacks[$0][siteIndex] }
      var because: [RuleText] = []
      if let failed {
        let named = causes[failed] ?? causeTexts(rules[failed].causes(in: context), context)
        causes[failed] = named
        because = named
      }
      verdicts.append(
        BirthplaceVerdict(
          siteText: compiled.siteTexts[siteIndex], kind: site.kind, suitable: failed == nil,
          reasonText: failed.map { compiled.siteReasons[$0][siteIndex] } ?? compiled.suitableText,
          becauseTexts: because, obstetrician: site.obstetrician, anaesthetist: site.anaesthetist,
          paediatrician: site.paediatrician, neonatalUnit: site.neonatalUnit))
    }
    return verdicts
  }

  private func postnatal(context: ConditionContext, referenceDate: CalendarDate) -> [ScheduledItem] {
    guard let birth = context.birth else { return [] }
    var items: [ScheduledItem] = []
    for (index, rule) in ruleSet.postnatal.enumerated() where compiled.postnatal[index].holds(in: context) {
      var start = birth.date
      if rule.fromDischarge {
        // The discharge day counts whole days begun: 73 hours is day 4.
        let hours = birth.dischargeHours ?? 0
        start = birth.date.adding(days: Int((hours / 24).rounded(.up)))
      }
      let from = start.adding(days: rule.days.lowerBound)
      let to = start.adding(days: rule.days.upperBound)
      // Postnatal contacts cannot be recorded as attended (the contract's attendance names
      // antenatal items), so they are never called missed.
      items.append(
        ScheduledItem(
          text: compiled.postnatalTexts[index], who: rule.who, kind: nil, from: from, to: to, gaFrom: nil,
          gaTo: nil, gaLatest: nil, latest: nil,
          status: Self.status(on: referenceDate, from: from, to: to, latest: nil, attendance: .none, id: rule.id),
          indicatedBy: []))
    }
    return Self.sortedByStart(items)
  }

  /// The findings and care level a rule names as its cause, in catalogue order.
  private func causeTexts(_ causes: ConditionCauses, _ context: ConditionContext) -> [RuleText] {
    var texts = texts(of: causes.findings)
    if causes.careLevel { texts.append(compiled.careLevelTexts[context.careLevel]) }
    return texts
  }

  /// The findings' texts, in catalogue order.
  private func texts(of findings: FindingSet) -> [RuleText] {
    var texts: [RuleText] = []
    findings.forEach { texts.append(compiled.findingTexts[$0]) }
    return texts
  }

  /// Where an item stands on `date`: done when attendance says so; else by its window,
  /// `late` until its latest date, and after that `missed` if its last day fell while
  /// attendance was recorded (on or after `since`), `past` if nothing is known.
  static func status(
    on date: CalendarDate, from: CalendarDate, to: CalendarDate, latest: CalendarDate?,
    attendance: AttendanceLookup, id: String
  ) -> VisitStatus {
    status(
      on: date, from: from, to: to, latest: latest, done: attendance.doneDate(id) != nil, since: attendance.since,
      canRecord: attendance.canRecord(id))
  }

  /// The status rule itself: `done` when attendance names the item; past its latest day,
  /// `missed` when attendance was known from `since` on and could name it (`canRecord`).
  static func status(
    on date: CalendarDate, from: CalendarDate, to: CalendarDate, latest: CalendarDate?, done: Bool,
    since: CalendarDate?, canRecord: Bool
  ) -> VisitStatus {
    if done { return .done }
    let lastDay = latest ?? to
    if date > lastDay {
      if let since, lastDay >= since, canRecord { return .missed }
      return .past
    }
    if date > to { return .late }
    if date >= from { return .due }
    return .upcoming
  }

  /// Sorted by start date; items starting the same day keep the rule set's order.
  static func sortedByStart(_ items: [ScheduledItem]) -> [ScheduledItem] {
    items.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
  }
}

/// The input's attendance, looked up by item ID.
struct AttendanceLookup {
  private var done: [String: CalendarDate] = [:]
  private var order: [String] = []
  /// Items that attendance can name: the rule set's schedule items.
  private var recordable: Set<String> = []
  private(set) var since: CalendarDate?

  static let none = AttendanceLookup(nil)

  init(_ attendance: Attendance?, recordable: Set<String> = []) {
    guard let attendance else { return }
    since = attendance.since
    self.recordable = recordable
    for item in attendance.done where done[item.id] == nil {
      done[item.id] = item.date
      order.append(item.id)
    }
  }

  func doneDate(_ id: String) -> CalendarDate? { done[id] }

  func canRecord(_ id: String) -> Bool { recordable.contains(id) }

  /// Refuses attendance for an item that is not in her programme (`ogtt_early` for a
  /// woman with no risk of gestational diabetes): the contract's `invalid_value`.
  func checkBelongs(to schedule: [ScheduledItem]) throws(InputError) {
    guard !order.isEmpty else { return }
    let ids = Set(schedule.map(\.id))
    for (index, id) in order.enumerated() where !ids.contains(id) {
      throw InputError(
        .invalidValue, field: "attendance.done[\(index)].id",
        detailKey: "error.invalid_value.attendance_not_in_programme", arguments: ["value": "\"\(id)\""])
    }
  }
}
