/// Turns an `AssessmentInput` into the Fødeplan's answer under one rule set.
///
/// The rule set is compiled once (finding IDs become bit positions) so that one
/// assessment is a handful of passes over small arrays; the engine holds no mutable
/// state and can be shared between threads.
public struct AssessmentEngine: Sendable {
  public let ruleSet: RuleSet
  private let compiled: CompiledRules

  public init(ruleSet: RuleSet = .bundled) {
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

  public func assess(_ input: AssessmentInput) throws(InputError) -> Assessment {
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
    var present = FindingSet()
    for id in input.findings {
      if let index = compiled.findingIndex[id] { present.insert(index) }
    }
    if let bmi = input.bmi {
      for (index, threshold) in compiled.bmiImplied where bmi >= threshold { present.insert(index) }
    }

    let gdm = compiled.gdmItems(present: present, bmi: input.bmi)

    // Reasons, highest level first; ties keep catalogue order.
    var reasons: [Reason] = []
    for (index, finding) in ruleSet.findings.enumerated() where present.contains(index) {
      guard let level = finding.level else { continue }
      reasons.append(
        Reason(
          id: finding.id, level: level, source: finding.source, label: finding.label,
          explanation: finding.explanation))
    }
    if !gdm.isEmpty {
      let rule = ruleSet.gdmRule
      reasons.append(
        Reason(
          id: rule.reasonID, level: rule.level, source: rule.source, label: rule.label,
          explanation: rule.explanation))
    }
    reasons = reasons.enumerated().sorted {
      ($0.element.level, -$0.offset) > ($1.element.level, -$1.offset)
    }.map(\.element)

    let suggestedLevel = reasons.first?.level ?? 1
    let level = input.override?.level ?? suggestedLevel

    let context = ConditionContext(
      parity: input.parity, present: present, level: level, age: age, dueDate: dueDate,
      birth: input.birth, gdmItems: gdm)

    return Assessment(
      ruleSetID: ruleSet.id, ruleSetVersion: ruleSet.version, dueDate: dueDate,
      datingSource: datingSource, gestationalAge: age, suggestedLevel: suggestedLevel, level: level,
      overridden: input.override != nil, overrideReason: input.override?.reason, reasons: reasons,
      offers: offers(present: present, context: context),
      schedule: schedule(context: context, referenceDate: input.referenceDate),
      prenatalDiagnostics: prenatalDiagnostics(present: present, dueDate: dueDate, on: input.referenceDate),
      birthplaces: birthplaces(context: context),
      postnatal: postnatal(context: context, referenceDate: input.referenceDate))
  }

  // MARK: - Parts of the answer

  private func offers(present: FindingSet, context: ConditionContext) -> [OfferResult] {
    var because = [[String]](repeating: [], count: ruleSet.offers.count)
    for (index, finding) in ruleSet.findings.enumerated() where present.contains(index) {
      for offerIndex in compiled.findingOffers[index] { because[offerIndex].append(finding.id) }
    }
    for (rule, compiledRule) in zip(ruleSet.offerRules, compiled.offerRules)
    where compiledRule.condition.holds(in: context) {
      for cause in rule.because where !because[compiledRule.offer].contains(cause) {
        because[compiledRule.offer].append(cause)
      }
    }
    return ruleSet.offers.enumerated().compactMap { index, offer in
      because[index].isEmpty
        ? nil
        : OfferResult(
          id: offer.id, because: because[index], label: offer.label, explanation: offer.explanation,
          source: offer.source)
    }
  }

  private func schedule(context: ConditionContext, referenceDate: CalendarDate) -> [ScheduledItem] {
    var items: [ScheduledItem] = []
    for (index, rule) in ruleSet.schedule.enumerated() {
      var itemContext = context
      itemContext.scheduleItem = index
      guard compiled.schedule[index].holds(in: itemContext) else { continue }
      let from = rule.gaFrom.date(dueDate: context.dueDate)
      let to = rule.gaTo.date(dueDate: context.dueDate)
      items.append(
        ScheduledItem(
          id: rule.id, who: rule.who, from: from, to: to, gaFrom: rule.gaFrom, gaTo: rule.gaTo,
          gaLatest: rule.gaLatest, latest: rule.gaLatest?.date(dueDate: context.dueDate),
          status: Self.status(on: referenceDate, from: from, to: to),
          indicatedBy: rule.indicatedBy.filter { id in
            compiled.findingIndex[id].map(context.present.contains) ?? false
          },
          label: rule.label, explanation: rule.explanation, source: rule.source))
    }
    return Self.sortedByStart(items)
  }

  private func prenatalDiagnostics(present: FindingSet, dueDate: CalendarDate, on date: CalendarDate)
    -> PrenatalDiagnostics
  {
    let extended = compiled.extendedDiagnosticsFindings.intersects(present)
    let programme: DiagnosticsProgramme = extended ? .extended : .basic
    let items = ruleSet.prenatalDiagnostics.items.filter { $0.programmes.contains(programme) }.map {
      rule in
      let from = rule.gaFrom?.date(dueDate: dueDate)
      let to = rule.gaTo?.date(dueDate: dueDate)
      var status: VisitStatus?
      if let from {
        // An item with no end stays possible until the birth.
        status = to.map { Self.status(on: date, from: from, to: $0) } ?? (date >= from ? .due : .upcoming)
      }
      return DiagnosticItem(
        id: rule.id, gaFrom: rule.gaFrom, gaTo: rule.gaTo, gaLatest: rule.gaLatest, from: from, to: to,
        latest: rule.gaLatest?.date(dueDate: dueDate), status: status, label: rule.label,
        explanation: rule.explanation, source: rule.source)
    }
    return PrenatalDiagnostics(programme: programme, items: items)
  }

  private func birthplaces(context: ConditionContext) -> [BirthplaceVerdict] {
    let places = ruleSet.birthplaces
    let applying = places.rules.indices.filter { compiled.birthplaceRules[$0].holds(in: context) }
    return places.sites.map { site in
      let failed = applying.first { !site.capabilities.contains(places.rules[$0].requires) }
      let rule = failed.map { places.rules[$0] }
      return BirthplaceVerdict(
        site: site.id, name: site.name, kind: site.kind, suitable: rule == nil, ruleID: rule?.id,
        reason: rule.map { $0.reasonForKind[site.kind.rawValue] ?? $0.reason } ?? places.suitableReason,
        obstetrician: site.obstetrician, anaesthetist: site.anaesthetist,
        paediatrician: site.paediatrician, neonatalUnit: site.neonatalUnit)
    }
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
      items.append(
        ScheduledItem(
          id: rule.id, who: rule.who, from: from, to: to, gaFrom: nil, gaTo: nil, gaLatest: nil,
          latest: nil, status: Self.status(on: referenceDate, from: from, to: to), indicatedBy: [],
          label: rule.label, explanation: rule.explanation, source: rule.source))
    }
    return Self.sortedByStart(items)
  }

  static func status(on date: CalendarDate, from: CalendarDate, to: CalendarDate) -> VisitStatus {
    if date > to { return .past }
    if date >= from { return .due }
    return .upcoming
  }

  /// Sorted by start date; items starting the same day keep the rule set's order.
  static func sortedByStart(_ items: [ScheduledItem]) -> [ScheduledItem] {
    items.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
  }
}
