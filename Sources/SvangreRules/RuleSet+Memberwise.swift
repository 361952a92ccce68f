// The rule set's memberwise initialisers, open to this package. The build-time generator
// (`svangre-embed`) loads and validates each bundled rule set with `RuleSet.load`, then
// writes it out as Swift that calls these, so svangre builds its rule set at start-up
// instead of decoding JSON. The generator reflects the loaded values: each factory takes
// every stored property in declaration order under its own name. A property added to a
// type is added here too (the generated code then fails to compile until it is).

extension RuleSet {
  package static func memberwise(
    schema: String, id: String, version: String, title: LocalizedText, sources: [SourceReference],
    levels: [LevelDescription], domains: [Domain], offers: [Offer], findings: [Finding], gdmRule: GDMRule,
    offerRules: [OfferRule], schedule: [ScheduleRule], prenatalDiagnostics: PrenatalDiagnosticsRules,
    birthplaces: BirthplaceRules, postnatal: [PostnatalRule]
  ) -> Self {
    var ruleSet = Self(
      schema: schema, id: id, version: version, title: title, sources: sources, levels: levels, domains: domains,
      offers: offers, findings: findings, gdmRule: gdmRule, offerRules: offerRules, schedule: schedule,
      prenatalDiagnostics: prenatalDiagnostics, birthplaces: birthplaces, postnatal: postnatal)
    ruleSet.buildIndexes()
    return ruleSet
  }
}

extension LocalizedText {
  package static func memberwise(da: String, en: String) -> Self { Self(da: da, en: en) }
}

extension GestationalAge {
  package static func memberwise(days: Int) -> Self { Self(days: days) }
}

extension SourceReference {
  package static func memberwise(id: String, label: LocalizedText, origin: Origin) -> Self {
    Self(id: id, label: label, origin: origin)
  }
}

extension LevelDescription {
  package static func memberwise(level: Int, label: LocalizedText, explanation: LocalizedText, sources: [String])
    -> Self
  { Self(level: level, label: label, explanation: explanation, sources: sources) }
}

extension Domain {
  package static func memberwise(id: String, label: LocalizedText) -> Self { Self(id: id, label: label) }
}

extension Offer {
  package static func memberwise(id: String, label: LocalizedText, explanation: LocalizedText, sources: [String])
    -> Self
  { Self(id: id, label: label, explanation: explanation, sources: sources) }
}

extension Finding {
  package static func memberwise(
    id: String, domain: String, level: Int?, birthRisk: Bool, offers: [String], impliedByBMIAtLeast: Double?,
    plausible: PlausibleWindow?, label: LocalizedText, explanation: LocalizedText, sources: [String]
  ) -> Self {
    Self(
      id: id, domain: domain, level: level, birthRisk: birthRisk, offers: offers,
      impliedByBMIAtLeast: impliedByBMIAtLeast, plausible: plausible, label: label, explanation: explanation,
      sources: sources)
  }
}

extension PlausibleWindow {
  package static func memberwise(gaFrom: GestationalAge?, gaTo: GestationalAge?, fromItem: String?, sources: [String])
    -> Self
  { Self(gaFrom: gaFrom, gaTo: gaTo, fromItem: fromItem, sources: sources) }
}

extension GDMRule {
  package static func memberwise(
    reasonID: String, level: Int, notWithFindings: [String], bmiAtLeast: Double, riskFactors: [String],
    highRiskFindings: [String], highRiskFactorCount: Int, highRiskItems: [String], moderateRiskFindings: [String],
    moderateRiskItems: [String], label: LocalizedText, explanation: LocalizedText, sources: [String]
  ) -> Self {
    Self(
      reasonID: reasonID, level: level, notWithFindings: notWithFindings, bmiAtLeast: bmiAtLeast,
      riskFactors: riskFactors, highRiskFindings: highRiskFindings, highRiskFactorCount: highRiskFactorCount,
      highRiskItems: highRiskItems, moderateRiskFindings: moderateRiskFindings, moderateRiskItems: moderateRiskItems,
      label: label, explanation: explanation, sources: sources)
  }
}

extension OfferRule {
  package static func memberwise(offer: String, when: Condition, because: [String], sources: [String]) -> Self {
    Self(offer: offer, when: when, because: because, sources: sources)
  }
}

extension ScheduleRule {
  package static func memberwise(
    id: String, who: CareProvider, kind: ScheduleItemKind, gaFrom: GestationalAge, gaTo: GestationalAge,
    gaLatest: GestationalAge?, when: Condition, indicatedBy: [String], label: LocalizedText,
    explanation: LocalizedText, sources: [String]
  ) -> Self {
    Self(
      id: id, who: who, kind: kind, gaFrom: gaFrom, gaTo: gaTo, gaLatest: gaLatest, when: when,
      indicatedBy: indicatedBy, label: label, explanation: explanation, sources: sources)
  }
}

extension PrenatalDiagnosticsRules {
  package static func memberwise(extendedOffer: String, items: [PrenatalDiagnosticRule]) -> Self {
    Self(extendedOffer: extendedOffer, items: items)
  }
}

extension PrenatalDiagnosticRule {
  package static func memberwise(
    id: String, programmes: [DiagnosticsProgramme], gaFrom: GestationalAge?, gaTo: GestationalAge?,
    gaLatest: GestationalAge?, label: LocalizedText, explanation: LocalizedText, sources: [String]
  ) -> Self {
    Self(
      id: id, programmes: programmes, gaFrom: gaFrom, gaTo: gaTo, gaLatest: gaLatest, label: label,
      explanation: explanation, sources: sources)
  }
}

extension BirthplaceRules {
  package static func memberwise(
    sites: [BirthplaceSite], rules: [BirthplaceRule], suitableReason: LocalizedText, sources: [String]
  ) -> Self { Self(sites: sites, rules: rules, suitableReason: suitableReason, sources: sources) }
}

extension BirthplaceSite {
  package static func memberwise(
    id: String, kind: BirthplaceKind, name: LocalizedText, obstetrician: Bool, anaesthetist: Bool,
    paediatrician: Bool, neonatalUnit: Bool, capabilities: [String], sources: [String]
  ) -> Self {
    Self(
      id: id, kind: kind, name: name, obstetrician: obstetrician, anaesthetist: anaesthetist,
      paediatrician: paediatrician, neonatalUnit: neonatalUnit, capabilities: capabilities, sources: sources)
  }
}

extension BirthplaceRule {
  package static func memberwise(
    id: String, when: Condition, requires: String, reason: LocalizedText, reasonForKind: [String: LocalizedText],
    sources: [String]
  ) -> Self {
    Self(id: id, when: when, requires: requires, reason: reason, reasonForKind: reasonForKind, sources: sources)
  }
}

extension PostnatalRule {
  package static func memberwise(
    id: String, who: CareProvider, days: ClosedRange<Int>, fromDischarge: Bool, when: Condition,
    label: LocalizedText, explanation: LocalizedText, sources: [String]
  ) -> Self {
    Self(
      id: id, who: who, days: days, fromDischarge: fromDischarge, when: when, label: label,
      explanation: explanation, sources: sources)
  }
}
