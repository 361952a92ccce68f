/// A set of findings as bits: finding N of the rule set is bit N.
struct FindingSet: Hashable, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  mutating func insert(_ index: Int) {
    if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
  }

  func contains(_ index: Int) -> Bool {
    index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
  }

  func intersects(_ other: FindingSet) -> Bool { low & other.low != 0 || high & other.high != 0 }

  var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

  func intersection(_ other: FindingSet) -> FindingSet {
    var result = FindingSet()
    result.low = low & other.low
    result.high = high & other.high
    return result
  }
}

/// What a condition is evaluated against.
struct ConditionContext {
  var parity: Parity
  var present: FindingSet
  var level: Int
  var age: GestationalAge
  var dueDate: CalendarDate
  var birth: Birth?
  /// Schedule items (by index) the GDM rule chose.
  var gdmItems: [Int]
  /// The schedule item being decided, for `gdm_selects`.
  var scheduleItem: Int? = nil
}

/// A `Condition` with finding IDs resolved to bit positions.
indirect enum CompiledCondition: Sendable {
  case always
  case parity(Parity)
  case anyFinding(FindingSet)
  case levelAtLeast(Int)
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

  init(_ condition: Condition, findingIndex: [String: Int]) {
    func set(_ ids: [String]) -> FindingSet {
      var set = FindingSet()
      for id in ids { if let index = findingIndex[id] { set.insert(index) } }
      return set
    }
    switch condition {
    case .always: self = .always
    case .parity(let parity): self = .parity(parity)
    case .finding(let id): self = .anyFinding(set([id]))
    case .anyFinding(let ids): self = .anyFinding(set(ids))
    case .levelAtLeast(let level): self = .levelAtLeast(level)
    case .gestationalAgeAtLeast(let age): self = .ageAtLeast(age)
    case .gestationalAgeBelow(let age): self = .ageBelow(age)
    case .selectedByGDMRule: self = .selectedByGDMRule
    case .born: self = .born
    case .birthPlace(let place): self = .birthPlace(place)
    case .bornBefore(let age): self = .bornBefore(age)
    case .dischargeHoursBelow(let hours): self = .dischargeHoursBelow(hours)
    case .dischargeHoursAbove(let hours): self = .dischargeHoursAbove(hours)
    case .birthFlag(let flag): self = .birthFlag(flag)
    case .all(let parts): self = .all(parts.map { CompiledCondition($0, findingIndex: findingIndex) })
    case .any(let parts): self = .any(parts.map { CompiledCondition($0, findingIndex: findingIndex) })
    case .not(let part): self = .not(CompiledCondition(part, findingIndex: findingIndex))
    }
  }

  func holds(in context: ConditionContext) -> Bool {
    switch self {
    case .always: return true
    case .parity(let parity): return context.parity == parity
    case .anyFinding(let set): return context.present.intersects(set)
    case .levelAtLeast(let level): return context.level >= level
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
}

/// The rule set with every ID resolved once, so that assessing does no string lookups.
struct CompiledRules: Sendable {
  let findingIndex: [String: Int]
  /// Finding index → indices of the offers it adds.
  let findingOffers: [[Int]]
  /// Findings implied by a BMI at or above a threshold.
  let bmiImplied: [(Int, Double)]
  let extendedDiagnosticsFindings: FindingSet
  let offerRules: [(offer: Int, condition: CompiledCondition)]
  let schedule: [CompiledCondition]
  let birthplaceRules: [CompiledCondition]
  let postnatal: [CompiledCondition]
  private let gdm: GDM

  private struct GDM: Sendable {
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
    let scheduleIndex = Dictionary(
      ruleSet.schedule.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    func set(_ ids: [String]) -> FindingSet {
      var set = FindingSet()
      for id in ids { if let index = findingIndex[id] { set.insert(index) } }
      return set
    }
    func compile(_ condition: Condition) -> CompiledCondition {
      CompiledCondition(condition, findingIndex: findingIndex)
    }

    findingOffers = ruleSet.findings.map { $0.offers.compactMap { offerIndex[$0] } }
    bmiImplied = ruleSet.findings.enumerated().compactMap { index, finding in
      finding.impliedByBMIAtLeast.map { (index, $0) }
    }
    extendedDiagnosticsFindings = set(
      ruleSet.findings.filter { $0.offers.contains(ruleSet.prenatalDiagnostics.extendedOffer) }.map(\.id))
    offerRules = ruleSet.offerRules.compactMap { rule in
      offerIndex[rule.offer].map { (offer: $0, condition: compile(rule.when)) }
    }
    schedule = ruleSet.schedule.map { compile($0.when) }
    birthplaceRules = ruleSet.birthplaces.rules.map { compile($0.when) }
    postnatal = ruleSet.postnatal.map { compile($0.when) }
    let rule = ruleSet.gdmRule
    gdm = GDM(
      bmiAtLeast: rule.bmiAtLeast, riskFactors: set(rule.riskFactors),
      highRiskFindings: set(rule.highRiskFindings), highRiskFactorCount: rule.highRiskFactorCount,
      highRiskItems: rule.highRiskItems.compactMap { scheduleIndex[$0] },
      moderateRiskFindings: set(rule.moderateRiskFindings),
      moderateRiskItems: rule.moderateRiskItems.compactMap { scheduleIndex[$0] })
  }

  /// The glucose tests the GDM rule calls for (empty when she is not at risk).
  func gdmItems(present: FindingSet, bmi: Double?) -> [Int] {
    var factors = present.intersection(gdm.riskFactors).count
    if let bmi, bmi >= gdm.bmiAtLeast { factors += 1 }
    if present.intersects(gdm.highRiskFindings) || factors >= gdm.highRiskFactorCount {
      return gdm.highRiskItems
    }
    if factors >= 1 || present.intersects(gdm.moderateRiskFindings) { return gdm.moderateRiskItems }
    return []
  }
}
