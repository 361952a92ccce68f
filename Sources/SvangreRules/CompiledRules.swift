/// A set of findings as bits: finding N of the rule set is bit N.
struct FindingSet: Hashable, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  /// The set of the findings named, by their positions in `index`; unknown IDs are skipped.
  init(_ ids: [String], index: [String: Int]) {
    for id in ids { if let position = index[id] { insert(position) } }
  }

  init() {}

  mutating func insert(_ index: Int) {
    if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
  }

  func contains(_ index: Int) -> Bool {
    index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
  }

  func intersects(_ other: FindingSet) -> Bool { low & other.low != 0 || high & other.high != 0 }

  var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

  /// Calls `body` with each position in the set, ascending (the rule set's order).
  func forEach(_ body: (Int) -> Void) {
    var bits = low
    while bits != 0 {
      body(bits.trailingZeroBitCount)
      bits &= bits - 1
    }
    bits = high
    while bits != 0 {
      body(64 + bits.trailingZeroBitCount)
      bits &= bits - 1
    }
  }

  func intersection(_ other: FindingSet) -> FindingSet {
    var result = FindingSet()
    result.low = low & other.low
    result.high = high & other.high
    return result
  }

  func union(_ other: FindingSet) -> FindingSet {
    var result = FindingSet()
    result.low = low | other.low
    result.high = high | other.high
    return result
  }
}

/// What a condition is evaluated against.
struct ConditionContext {
  var parity: Parity
  var present: FindingSet
  /// The birth risks among `present`.
  var birthRisks: FindingSet
  var level: Int
  var careLevel: Int
  var age: GestationalAge
  var dueDate: CalendarDate
  var birth: Birth?
  /// Schedule items (by index) the GDM rule chose.
  var gdmItems: [Int]
  /// The schedule item being decided, for `gdm_selects`.
  var scheduleItem: Int? = nil
  /// Site index → unsuitable, once the birth places are decided (for `site_unsuitable`).
  var unsuitableSites: [Bool] = []
}

/// What makes a condition hold, for naming it to the user: findings, and whether the
/// care level counted.
struct ConditionCauses {
  var findings = FindingSet()
  var careLevel = false

  mutating func formUnion(_ other: ConditionCauses) {
    findings = findings.union(other.findings)
    careLevel = careLevel || other.careLevel
  }
}

/// A `Condition` with finding IDs resolved to bit positions.
indirect enum CompiledCondition: Sendable {
  case always
  case parity(Parity)
  case anyFinding(FindingSet)
  case levelAtLeast(Int)
  case careLevelAtLeast(Int)
  case birthRisk
  case siteUnsuitable(Int)
  case ageAtLeast(GestationalAge)
  case ageBelow(GestationalAge)
  case selectedByGDMRule
  case born
  case birthPlace(BirthPlace)
  case bornBefore(GestationalAge)
  case dischargeHoursBelow(Double)
  case dischargeHoursAbove(Double)
  case birthFlag(BirthFlag)
  case all([CompiledCondition])
  case any([CompiledCondition])
  case not(CompiledCondition)

  init(_ condition: Condition, findingIndex: [String: Int], siteIndex: [String: Int]) {
    func set(_ ids: [String]) -> FindingSet { FindingSet(ids, index: findingIndex) }
    func compile(_ part: Condition) -> CompiledCondition {
      CompiledCondition(part, findingIndex: findingIndex, siteIndex: siteIndex)
    }
    switch condition {
    case .always: self = .always
    case .parity(let parity): self = .parity(parity)
    case .finding(let id): self = .anyFinding(set([id]))
    case .anyFinding(let ids): self = .anyFinding(set(ids))
    case .levelAtLeast(let level): self = .levelAtLeast(level)
    case .careLevelAtLeast(let level): self = .careLevelAtLeast(level)
    case .birthRisk: self = .birthRisk
    // Validation makes sure the site exists; -1 never matches.
    case .siteUnsuitable(let site): self = .siteUnsuitable(siteIndex[site] ?? -1)
    case .gestationalAgeAtLeast(let age): self = .ageAtLeast(age)
    case .gestationalAgeBelow(let age): self = .ageBelow(age)
    case .selectedByGDMRule: self = .selectedByGDMRule
    case .born: self = .born
    case .birthPlace(let place): self = .birthPlace(place)
    case .bornBefore(let age): self = .bornBefore(age)
    case .dischargeHoursBelow(let hours): self = .dischargeHoursBelow(hours)
    case .dischargeHoursAbove(let hours): self = .dischargeHoursAbove(hours)
    case .birthFlag(let flag): self = .birthFlag(flag)
    case .all(let parts): self = .all(parts.map(compile))
    case .any(let parts): self = .any(parts.map(compile))
    case .not(let part): self = .not(compile(part))
    }
  }

  func holds(in context: ConditionContext) -> Bool {
    switch self {
    case .always: return true
    case .parity(let parity): return context.parity == parity
    case .anyFinding(let set): return context.present.intersects(set)
    case .levelAtLeast(let level): return context.level >= level
    case .careLevelAtLeast(let level): return context.careLevel >= level
    case .birthRisk: return context.birthRisks.count > 0
    case .siteUnsuitable(let site):
      return context.unsuitableSites.indices.contains(site) && context.unsuitableSites[site]
    case .ageAtLeast(let age): return context.age >= age
    case .ageBelow(let age): return context.age < age
    case .selectedByGDMRule:
      return context.scheduleItem.map(context.gdmItems.contains) ?? false
    case .born: return context.birth != nil
    case .birthPlace(let place): return context.birth?.place == place
    case .bornBefore(let age):
      guard let birth = context.birth else { return false }
      return birth.date < age.date(dueDate: context.dueDate)
    case .dischargeHoursBelow(let hours):
      guard let birth = context.birth, birth.place == .hospital, let discharge = birth.dischargeHours
      else { return false }
      return discharge < hours
    case .dischargeHoursAbove(let hours):
      guard let birth = context.birth, birth.place == .hospital, let discharge = birth.dischargeHours
      else { return false }
      return discharge > hours
    case .birthFlag(let flag):
      guard let birth = context.birth else { return false }
      return flag == .traumatic ? birth.traumatic : birth.childLoss
    case .all(let parts): return parts.allSatisfy { $0.holds(in: context) }
    case .any(let parts): return parts.contains { $0.holds(in: context) }
    case .not(let part): return !part.holds(in: context)
    }
  }

  /// The findings (and care level) that make a holding condition hold; what a birth-place
  /// verdict names. Negated parts name nothing: an absence is not a cause.
  func causes(in context: ConditionContext) -> ConditionCauses {
    var causes = ConditionCauses()
    switch self {
    case .anyFinding(let set): causes.findings = context.present.intersection(set)
    case .birthRisk: causes.findings = context.birthRisks
    case .careLevelAtLeast, .levelAtLeast: causes.careLevel = holds(in: context)
    case .all(let parts), .any(let parts):
      for part in parts where part.holds(in: context) { causes.formUnion(part.causes(in: context)) }
    default: break
    }
    return causes
  }
}

/// A schedule rule reduced to what assessing needs: plain values and one shared text.
struct ScheduleWindow: Sendable {
  var text: RuleText
  var who: CareProvider
  var kind: ScheduleItemKind
  var from: GestationalAge
  var to: GestationalAge
  var latest: GestationalAge?
  var condition: CompiledCondition
  var indicatedBy: [(index: Int, id: String)]
}

/// The rule set with every ID resolved once, so that assessing does no string lookups
/// and copies no strings.
struct CompiledRules: Sendable {
  let findingIndex: [String: Int]
  let findingTexts: [RuleText]
  /// The findings marked `birth_risk`.
  let birthRiskFindings: FindingSet
  /// Level → the text naming the care level as a cause (index 0 unused).
  let careLevelTexts: [RuleText]
  let offerTexts: [RuleText]
  let gdmText: RuleText
  /// In order of window start (ties in rule set order), so items come out sorted.
  let schedule: [ScheduleWindow]
  /// The IDs of `schedule`: what attendance can name.
  let scheduleIDs: Set<String>
  let diagnosticsTexts: [RuleText]
  let postnatalTexts: [RuleText]
  let siteTexts: [RuleText]
  /// Birth place rule → site → the reason given when that rule rules the site out.
  let siteReasons: [[RuleText]]
  let suitableText: RuleText
  /// Finding index → indices of the offers it adds.
  let findingOffers: [[Int]]
  /// Findings implied by a BMI at or above a threshold.
  let bmiImplied: [(Int, Double)]
  let extendedDiagnosticsFindings: FindingSet
  /// The offer rules: the offer's index, the condition, what it names as the cause.
  let offerRules: [(offer: Int, condition: CompiledCondition, because: [String])]
  /// Level → indices of the findings that suggest it (index 0 unused).
  let findingsByLevel: [[Int]]
  let birthplaceRules: [CompiledCondition]
  /// The birth places' kinds and staff, in rule set order (no strings: nothing to retain).
  let sites: [(kind: BirthplaceKind, obstetrician: Bool, anaesthetist: Bool, paediatrician: Bool, neonatalUnit: Bool)]
  /// Birth place rule → site → whether the site lacks what the rule requires.
  let siteLacks: [[Bool]]
  private let basicDiagnostics: [Int]
  private let extendedDiagnostics: [Int]
  let postnatal: [CompiledCondition]
  private let gdm: GDM

  private struct GDM: Sendable {
    var notWith: FindingSet
    var bmiAtLeast: Double
    var riskFactors: FindingSet
    var highRiskFindings: FindingSet
    var highRiskFactorCount: Int
    var highRiskItems: [Int]
    var moderateRiskFindings: FindingSet
    var moderateRiskItems: [Int]
  }

  init(_ ruleSet: RuleSet) {
    var findingIndex: [String: Int] = [:]
    for (index, finding) in ruleSet.findings.enumerated() { findingIndex[finding.id] = index }
    self.findingIndex = findingIndex
    let offerIndex = Dictionary(
      ruleSet.offers.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    func set(_ ids: [String]) -> FindingSet { FindingSet(ids, index: findingIndex) }
    let siteIndex = Dictionary(
      ruleSet.birthplaces.sites.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    func compile(_ condition: Condition) -> CompiledCondition {
      CompiledCondition(condition, findingIndex: findingIndex, siteIndex: siteIndex)
    }
    func source(_ ids: [String]) -> LocalizedText { ruleSet.sourceText(ids) }
    birthRiskFindings = set(ruleSet.findings.filter(\.birthRisk).map(\.id))

    findingOffers = ruleSet.findings.map { $0.offers.compactMap { offerIndex[$0] } }
    bmiImplied = ruleSet.findings.enumerated().compactMap { index, finding in
      finding.impliedByBMIAtLeast.map { (index, $0) }
    }
    extendedDiagnosticsFindings = set(
      ruleSet.findings.filter { $0.offers.contains(ruleSet.prenatalDiagnostics.extendedOffer) }.map(\.id))
    offerRules = ruleSet.offerRules.compactMap { rule in
      offerIndex[rule.offer].map { (offer: $0, condition: compile(rule.when), because: rule.because) }
    }
    findingTexts = ruleSet.findings.map {
      RuleText(id: $0.id, label: $0.label, explanation: $0.explanation, source: source($0.sources))
    }
    offerTexts = ruleSet.offers.map {
      RuleText(id: $0.id, label: $0.label, explanation: $0.explanation, source: source($0.sources))
    }
    var careLevelTexts = [RuleText](
      repeating: RuleText(
        id: "care_level", label: .init(da: "", en: ""), explanation: .init(da: "", en: ""),
        source: .init(da: "", en: "")),
      count: AssessmentInput.levelRange.upperBound + 1)
    for level in ruleSet.levels where AssessmentInput.levelRange.contains(level.level) {
      careLevelTexts[level.level] = RuleText(
        id: "care_level", label: level.label, explanation: level.explanation, source: source(level.sources))
    }
    self.careLevelTexts = careLevelTexts
    let gdmRule = ruleSet.gdmRule
    gdmText = RuleText(
      id: gdmRule.reasonID, label: gdmRule.label, explanation: gdmRule.explanation,
      source: source(gdmRule.sources))
    let byStart = ruleSet.schedule.indices.sorted {
      (ruleSet.schedule[$0].gaFrom, $0) < (ruleSet.schedule[$1].gaFrom, $1)
    }
    schedule = byStart.map { index in
      let rule = ruleSet.schedule[index]
      return ScheduleWindow(
        text: RuleText(
          id: rule.id, label: rule.label, explanation: rule.explanation, source: source(rule.sources)),
        who: rule.who, kind: rule.kind, from: rule.gaFrom, to: rule.gaTo, latest: rule.gaLatest,
        condition: compile(rule.when),
        indicatedBy: rule.indicatedBy.compactMap { id in findingIndex[id].map { (index: $0, id: id) } })
    }
    scheduleIDs = Set(ruleSet.schedule.map(\.id))
    // Positions in the compiled (start-sorted) schedule, which `gdm_selects` refers to.
    let scheduleIndex = Dictionary(
      schedule.enumerated().map { ($0.element.text.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    diagnosticsTexts = ruleSet.prenatalDiagnostics.items.map {
      RuleText(id: $0.id, label: $0.label, explanation: $0.explanation, source: source($0.sources))
    }
    postnatalTexts = ruleSet.postnatal.map {
      RuleText(id: $0.id, label: $0.label, explanation: $0.explanation, source: source($0.sources))
    }
    siteTexts = ruleSet.birthplaces.sites.map {
      RuleText(id: $0.id, label: $0.name, explanation: $0.name, source: source($0.sources))
    }
    siteReasons = ruleSet.birthplaces.rules.map { rule in
      ruleSet.birthplaces.sites.map { site in
        let reason = rule.reasonForKind[site.kind.rawValue] ?? rule.reason
        return RuleText(id: rule.id, label: reason, explanation: reason, source: source(rule.sources))
      }
    }
    let suitable = ruleSet.birthplaces.suitableReason
    suitableText = RuleText(
      id: "suitable", label: suitable, explanation: suitable, source: source(ruleSet.birthplaces.sources))
    var byLevel = [[Int]](repeating: [], count: AssessmentInput.levelRange.upperBound + 1)
    for (index, finding) in ruleSet.findings.enumerated() {
      if let level = finding.level { byLevel[level].append(index) }
    }
    findingsByLevel = byLevel
    birthplaceRules = ruleSet.birthplaces.rules.map { compile($0.when) }
    sites = ruleSet.birthplaces.sites.map {
      ($0.kind, $0.obstetrician, $0.anaesthetist, $0.paediatrician, $0.neonatalUnit)
    }
    siteLacks = ruleSet.birthplaces.rules.map { rule in
      ruleSet.birthplaces.sites.map { !$0.capabilities.contains(rule.requires) }
    }
    let diagnostics = ruleSet.prenatalDiagnostics.items
    basicDiagnostics = diagnostics.indices.filter { diagnostics[$0].programmes.contains(.basic) }
    extendedDiagnostics = diagnostics.indices.filter { diagnostics[$0].programmes.contains(.extended) }
    postnatal = ruleSet.postnatal.map { compile($0.when) }
    let rule = ruleSet.gdmRule
    gdm = GDM(
      notWith: set(rule.notWithFindings), bmiAtLeast: rule.bmiAtLeast, riskFactors: set(rule.riskFactors),
      highRiskFindings: set(rule.highRiskFindings), highRiskFactorCount: rule.highRiskFactorCount,
      highRiskItems: rule.highRiskItems.compactMap { scheduleIndex[$0] },
      moderateRiskFindings: set(rule.moderateRiskFindings),
      moderateRiskItems: rule.moderateRiskItems.compactMap { scheduleIndex[$0] })
  }

  /// The prenatal diagnostics items of a programme, in rule set order.
  func diagnosticsItems(extended: Bool) -> [Int] { extended ? extendedDiagnostics : basicDiagnostics }

  /// The glucose tests the GDM rule calls for (empty when she is not at risk).
  func gdmItems(present: FindingSet, bmi: Double?) -> [Int] {
    // A woman who already has diabetes is treated for it, not screened for it.
    if present.intersects(gdm.notWith) { return [] }
    var factors = present.intersection(gdm.riskFactors).count
    if let bmi, bmi >= gdm.bmiAtLeast { factors += 1 }
    if present.intersects(gdm.highRiskFindings) || factors >= gdm.highRiskFactorCount {
      return gdm.highRiskItems
    }
    if factors >= 1 || present.intersects(gdm.moderateRiskFindings) { return gdm.moderateRiskItems }
    return []
  }
}
