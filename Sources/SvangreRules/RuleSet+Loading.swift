import Foundation

/// Why a rule set cannot be used: every problem found, each naming the entry.
public struct RuleSetError: Error, Sendable {
  public struct Problem: Hashable, Sendable {
    /// Where: `findings[3] (multiple_pregnancy)`, `schedule[1] (double_test)`.
    public var entry: String
    /// Catalogue key of the explanation, with its placeholder values.
    public var key: String
    public var arguments: [String: String]
  }

  public var problems: [Problem]
}

extension RuleSet {
  /// Decodes and validates a rule set; refuses it with every problem it finds.
  public static func load(_ data: Data) throws(RuleSetError) -> RuleSet {
    var ruleSet: RuleSet
    do {
      ruleSet = try JSONDecoder().decode(RuleSet.self, from: data)
    } catch let error as DecodingError {
      throw RuleSetError(problems: [Self.problem(from: error)])
    } catch {
      throw RuleSetError(problems: [.init(entry: "–", key: "ruleset.not_json", arguments: [:])])
    }
    // A key given twice (two "level"s for one finding) was decoded as one of them, silently.
    if let path = DuplicateKeys.first(in: data) {
      throw RuleSetError(problems: [.init(entry: path, key: "ruleset.duplicate_key", arguments: [:])])
    }
    let problems = ruleSet.validationProblems()
    guard problems.isEmpty else { throw RuleSetError(problems: problems) }
    ruleSet.buildIndexes()
    return ruleSet
  }

  /// The finding with this ID, if the catalogue has it.
  public func finding(_ id: String) -> Finding? {
    if let index = findingIndex[id] { return findings[index] }
    return findings.first { $0.id == id }
  }

  /// The offer with this ID, if the rule set has it.
  public func offer(_ id: String) -> Offer? {
    offers.first { $0.id == id }
  }

  /// Sources cited together in the user's language: "FP Skema 1; FP fødselslæge". An
  /// unknown ID (refused when the rule set is loaded) is shown as it is.
  public func sourceText(_ ids: [String]) -> LocalizedText {
    // Called for every text when an engine is built: by index, without temporary arrays.
    var text = LocalizedText(da: "", en: "")
    for (position, id) in ids.enumerated() {
      let label =
        sourceIndex[id].map { sources[$0].label } ?? sources.first { $0.id == id }?.label
        ?? LocalizedText(da: id, en: id)
      if position > 0 {
        text.da += "; "
        text.en += "; "
      }
      text.da += label.da
      text.en += label.en
    }
    return text
  }

  /// The findings of a domain, in catalogue order.
  public func findings(in domain: String) -> [Finding] {
    findings.filter { $0.domain == domain }
  }

  mutating func buildIndexes() {
    findingIndex = Dictionary(
      findings.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    sourceIndex = Dictionary(
      sources.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
  }

  private static func problem(from error: DecodingError) -> RuleSetError.Problem {
    func path(_ codingPath: [CodingKey]) -> String {
      let text = codingPath.map { key in
        key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
      }.joined()
      return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "–" : text)
    }
    switch error {
    case .keyNotFound(let key, let context):
      return .init(
        entry: path(context.codingPath), key: "ruleset.missing_key", arguments: ["key": key.stringValue])
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return .init(
        entry: path(context.codingPath), key: "ruleset.wrong_type",
        arguments: ["detail": context.debugDescription])
    case .dataCorrupted(let context):
      return .init(
        entry: path(context.codingPath), key: "ruleset.bad_value",
        arguments: ["detail": context.debugDescription])
    @unknown default:
      return .init(entry: "–", key: "ruleset.not_json", arguments: [:])
    }
  }
}

// MARK: - Validation

extension RuleSet {
  /// The most findings one rule set may have (the engine keeps them in a 128-bit set).
  public static let maximumFindings = 128

  func validationProblems() -> [RuleSetError.Problem] {
    var problems: [RuleSetError.Problem] = []
    func report(_ entry: String, _ key: String, _ arguments: [String: String] = [:]) {
      problems.append(.init(entry: entry, key: key, arguments: arguments))
    }
    func entry(_ section: String, _ index: Int, _ id: String) -> String { "\(section)[\(index)] (\(id))" }

    if schema != RuleSet.schema {
      report("schema", "ruleset.schema", ["found": schema, "expected": RuleSet.schema])
    }
    func checkUnique(_ section: String, _ ids: [String]) {
      var seen: Set<String> = []
      for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
        report(entry(section, index, id), "ruleset.duplicate_id", ["id": id])
      }
    }
    checkUnique("sources", sources.map(\.id))
    checkUnique("levels", levels.map { String($0.level) })
    checkUnique("domains", domains.map(\.id))
    checkUnique("offers", offers.map(\.id))
    checkUnique("findings", findings.map(\.id) + [gdmRule.reasonID])
    checkUnique("schedule", schedule.map(\.id))
    checkUnique("prenatal_diagnostics.items", prenatalDiagnostics.items.map(\.id))
    checkUnique("birthplaces.sites", birthplaces.sites.map(\.id))
    checkUnique("birthplaces.rules", birthplaces.rules.map(\.id))
    checkUnique("postnatal", postnatal.map(\.id))

    let domainIDs = Set(domains.map(\.id))
    let offerIDs = Set(offers.map(\.id))
    let findingIDs = Set(findings.map(\.id))
    let scheduleIDs = Set(schedule.map(\.id))
    let levelRange = AssessmentInput.levelRange

    if findings.count > RuleSet.maximumFindings {
      report("findings", "ruleset.too_many_findings", ["maximum": String(RuleSet.maximumFindings)])
    }
    let sourceIDs = Set(sources.map(\.id))
    for (index, source) in sources.enumerated() where source.label.da.isEmpty || source.label.en.isEmpty {
      report(entry("sources", index, source.id), "ruleset.empty_text")
    }
    func checkText(_ where: String, _ texts: LocalizedText..., sources: [String]?) {
      for text in texts where text.da.isEmpty || text.en.isEmpty {
        report(`where`, "ruleset.empty_text")
      }
      guard let sources else { return }
      if sources.isEmpty { report(`where`, "ruleset.no_source") }
      for id in sources where !sourceIDs.contains(id) {
        report(`where`, "ruleset.unknown_source", ["id": id])
      }
    }
    let siteIDs = Set(birthplaces.sites.map(\.id))
    func checkCondition(_ where: String, _ condition: Condition) {
      checkFindings(`where`, condition.findingIDs)
      for id in condition.siteIDs where !siteIDs.contains(id) {
        report(`where`, "ruleset.unknown_site", ["id": id])
      }
    }
    func checkFindings(_ where: String, _ ids: [String]) {
      for id in ids where !findingIDs.contains(id) {
        report(`where`, "ruleset.unknown_finding", ["id": id])
      }
    }
    func checkOffer(_ where: String, _ id: String) {
      if !offerIDs.contains(id) { report(`where`, "ruleset.unknown_offer", ["id": id]) }
    }
    func checkWindow(_ where: String, from: GestationalAge?, to: GestationalAge?, latest: GestationalAge?) {
      if let from, let to, to < from {
        report(`where`, "ruleset.window_backwards", ["from": from.description, "to": to.description])
      }
      if let latest, let end = to ?? from, latest < end {
        report(`where`, "ruleset.latest_before_end", ["latest": latest.description, "to": end.description])
      }
    }

    for level in levels {
      let place = "levels[\(level.level)]"
      if !levelRange.contains(level.level) { report(place, "ruleset.level_range", ["level": String(level.level)]) }
      checkText(place, level.label, level.explanation, sources: level.sources)
    }
    for (index, domain) in domains.enumerated() {
      checkText(entry("domains", index, domain.id), domain.label, sources: nil)
    }
    for (index, offer) in offers.enumerated() {
      checkText(entry("offers", index, offer.id), offer.label, offer.explanation, sources: offer.sources)
    }
    for (index, finding) in findings.enumerated() {
      let place = entry("findings", index, finding.id)
      if !domainIDs.contains(finding.domain) {
        report(place, "ruleset.unknown_domain", ["id": finding.domain])
      }
      if let level = finding.level, !levelRange.contains(level) {
        report(place, "ruleset.level_range", ["level": String(level)])
      }
      finding.offers.forEach { checkOffer(place, $0) }
      if let window = finding.plausible {
        checkWindow(place, from: window.gaFrom, to: window.gaTo, latest: nil)
        if let item = window.fromItem, !scheduleIDs.contains(item) {
          report(place, "ruleset.unknown_schedule_item", ["id": item])
        }
        checkText(place, sources: window.sources)
      }
      checkText(place, finding.label, finding.explanation, sources: finding.sources)
    }

    let gdm = gdmRule
    checkFindings(
      "gdm_rule", gdm.riskFactors + gdm.highRiskFindings + gdm.moderateRiskFindings + gdm.notWithFindings)
    for item in gdm.highRiskItems + gdm.moderateRiskItems where !scheduleIDs.contains(item) {
      report("gdm_rule", "ruleset.unknown_schedule_item", ["id": item])
    }
    if !levelRange.contains(gdm.level) { report("gdm_rule", "ruleset.level_range", ["level": String(gdm.level)]) }
    checkText("gdm_rule", gdm.label, gdm.explanation, sources: gdm.sources)

    for (index, rule) in offerRules.enumerated() {
      let place = entry("offer_rules", index, rule.offer)
      checkOffer(place, rule.offer)
      checkCondition(place, rule.when)
      checkFindings(place, rule.because.filter { !$0.hasPrefix("birth.") })
      checkText(place, sources: rule.sources)
    }
    for (index, rule) in schedule.enumerated() {
      let place = entry("schedule", index, rule.id)
      checkWindow(place, from: rule.gaFrom, to: rule.gaTo, latest: rule.gaLatest)
      checkCondition(place, rule.when)
      checkFindings(place, rule.indicatedBy)
      checkText(place, rule.label, rule.explanation, sources: rule.sources)
    }
    checkOffer("prenatal_diagnostics", prenatalDiagnostics.extendedOffer)
    for (index, rule) in prenatalDiagnostics.items.enumerated() {
      let place = entry("prenatal_diagnostics.items", index, rule.id)
      checkWindow(place, from: rule.gaFrom, to: rule.gaTo, latest: rule.gaLatest)
      if rule.programmes.isEmpty { report(place, "ruleset.no_programme") }
      checkText(place, rule.label, rule.explanation, sources: rule.sources)
    }
    for (index, site) in birthplaces.sites.enumerated() {
      checkText(entry("birthplaces.sites", index, site.id), site.name, sources: site.sources)
    }
    for (index, rule) in birthplaces.rules.enumerated() {
      let place = entry("birthplaces.rules", index, rule.id)
      checkCondition(place, rule.when)
      for kind in rule.reasonForKind.keys where BirthplaceKind(rawValue: kind) == nil {
        report(place, "ruleset.unknown_site_kind", ["kind": kind])
      }
      checkText(place, rule.reason, sources: rule.sources)
    }
    for (index, rule) in postnatal.enumerated() {
      let place = entry("postnatal", index, rule.id)
      checkCondition(place, rule.when)
      checkText(place, rule.label, rule.explanation, sources: rule.sources)
    }
    checkText("birthplaces", birthplaces.suitableReason, sources: birthplaces.sources)
    return problems
  }
}
