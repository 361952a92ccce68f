import Foundation

/// A text in every UI language. Rule sets carry their own wording so a region can ship
/// its rule set without touching code.
public struct LocalizedText: Hashable, Sendable, Codable {
  public var da: String
  public var en: String

  public init(da: String, en: String) {
    self.da = da
    self.en = en
  }

  public func text(_ language: Language) -> String {
    switch language {
    case .da: da
    case .en: en
    }
  }
}

/// Who carries out a visit or contact.
public enum CareProvider: String, Sendable, Codable, CaseIterable {
  case gp, midwife, sonographer, obstetrician
  case healthVisitor = "health_visitor"
  case lab
}

/// A versioned, validated set of clinical rules: the Fødeplan as data.
///
/// Everything the engine decides comes from here: the findings and the level each
/// suggests, the offers, the gestational-diabetes rule, the visit programme, prenatal
/// diagnostics, birth places and postnatal contacts. Every entry names its source.
public struct RuleSet: Sendable, Codable {
  public static let schema = "svangre.ruleset/2"

  public var schema: String
  public var id: String
  public var version: String
  public var title: LocalizedText
  /// Where the rules come from; every entry below names its sources by these IDs.
  public var sources: [SourceReference]
  public var levels: [LevelDescription]
  public var domains: [Domain]
  public var offers: [Offer]
  public var findings: [Finding]
  public var gdmRule: GDMRule
  public var offerRules: [OfferRule]
  public var schedule: [ScheduleRule]
  public var prenatalDiagnostics: PrenatalDiagnosticsRules
  public var birthplaces: BirthplaceRules
  public var postnatal: [PostnatalRule]

  /// Finding ID → position in `findings`; built once when the rule set is loaded.
  var findingIndex: [String: Int] = [:]
  /// Source ID → position in `sources`; built with `findingIndex`.
  var sourceIndex: [String: Int] = [:]

  enum CodingKeys: String, CodingKey {
    case schema, id, version, title, sources, levels, domains, offers, findings
    case gdmRule = "gdm_rule"
    case offerRules = "offer_rules"
    case schedule
    case prenatalDiagnostics = "prenatal_diagnostics"
    case birthplaces, postnatal
  }
}

/// One source the rules cite, e.g. the Fødeplan's Skema 1 or Lægehåndbogen.
public struct SourceReference: Sendable, Codable {
  /// Who stands behind a source: it tells the user whether a rule is the Fødeplan's own
  /// or something the Fødeplan does not say.
  public enum Origin: String, Sendable, Codable {
    /// Region Syddanmark's Fødeplan.
    case fodeplan
    /// sundhed.dk Lægehåndbogen.
    case laegehaandbogen
    /// Sundhedsstyrelsen's recommendations.
    case sundhedsstyrelsen
    /// The project's own choice where no source decides.
    case svangre
  }

  public var id: String
  /// As it is cited to the user ("FP fødselslæge").
  public var label: LocalizedText
  public var origin: Origin
}

/// What one level of care (niveau 1–4) means.
public struct LevelDescription: Sendable, Codable {
  public var level: Int
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]
}

/// A group of findings, shown together (obstetric history, this pregnancy, …).
public struct Domain: Sendable, Codable {
  public var id: String
  public var label: LocalizedText
}

/// Something the woman is offered beyond the basic programme (extended midwife, …).
public struct Offer: Sendable, Codable {
  public var id: String
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]
}

/// A visitation criterion the clinician ticks, and what it leads to.
public struct Finding: Sendable, Codable {
  public var id: String
  public var domain: String
  /// The level this finding suggests; nil for a finding that only feeds other rules
  /// (a GDM risk factor, a wish, a blood type).
  public var level: Int?
  /// A risk for the birth itself (FP: "ukompliceret graviditet med forventet ukompliceret
  /// fødsel"): it rules out the low-risk birth places whatever level is chosen.
  public var birthRisk: Bool
  public var offers: [String]
  /// Set automatically when the BMI is at least this.
  public var impliedByBMIAtLeast: Double?
  /// When in the pregnancy the finding can have been made (pre-eclampsia not before
  /// 20+0); nil when at any time. Keeps generated practice cases clinically believable.
  public var plausible: PlausibleWindow?
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, domain, level
    case birthRisk = "birth_risk"
    case offers
    case impliedByBMIAtLeast = "implied_by_bmi_at_least"
    case plausible
    case label, explanation, sources
  }
}

// In an extension, so that the memberwise initialiser stays (RuleSet+Memberwise.swift).
extension Finding {
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    domain = try c.decode(String.self, forKey: .domain)
    level = try c.decodeIfPresent(Int.self, forKey: .level)
    birthRisk = try c.decodeIfPresent(Bool.self, forKey: .birthRisk) ?? false
    offers = try c.decode([String].self, forKey: .offers)
    impliedByBMIAtLeast = try c.decodeIfPresent(Double.self, forKey: .impliedByBMIAtLeast)
    plausible = try c.decodeIfPresent(PlausibleWindow.self, forKey: .plausible)
    label = try c.decode(LocalizedText.self, forKey: .label)
    explanation = try c.decode(LocalizedText.self, forKey: .explanation)
    sources = try c.decode([String].self, forKey: .sources)
  }
}

/// The part of a pregnancy in which a finding can have been made: from a gestational
/// age, or from the start of the schedule item that finds it (gestational diabetes not
/// before the first glucose test could have been taken), up to an age.
public struct PlausibleWindow: Sendable, Codable, Hashable {
  public var gaFrom: GestationalAge?
  public var gaTo: GestationalAge?
  /// A schedule item ID: not before that item's window begins.
  public var fromItem: String?
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case gaFrom = "ga_from"
    case gaTo = "ga_to"
    case fromItem = "from_item"
    case sources
  }
}

extension RuleSet {
  /// Whether `finding` can have been made by gestational age `age`.
  public func isPlausible(_ finding: Finding, at age: GestationalAge) -> Bool {
    guard let window = finding.plausible else { return true }
    if let from = window.gaFrom, age < from { return false }
    if let to = window.gaTo, age > to { return false }
    if let item = window.fromItem, let start = schedule.first(where: { $0.id == item })?.gaFrom, age < start {
      return false
    }
    return true
  }
}

/// Risk of gestational diabetes and the glucose tolerance tests it calls for.
public struct GDMRule: Sendable, Codable {
  /// The reason ID reported when the woman is at risk (`gdm_risk`).
  public var reasonID: String
  public var level: Int
  /// Findings that mean she already has diabetes: no glucose test, no risk reason.
  public var notWithFindings: [String]
  public var bmiAtLeast: Double
  public var riskFactors: [String]
  /// Findings that alone put her at high risk (earlier GDM).
  public var highRiskFindings: [String]
  /// This many risk factors also put her at high risk.
  public var highRiskFactorCount: Int
  public var highRiskItems: [String]
  /// Findings that, like a single risk factor, call for the standard test.
  public var moderateRiskFindings: [String]
  public var moderateRiskItems: [String]
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case reasonID = "reason_id"
    case level
    case notWithFindings = "not_with_findings"
    case bmiAtLeast = "bmi_at_least"
    case riskFactors = "risk_factors"
    case highRiskFindings = "high_risk_findings"
    case highRiskFactorCount = "high_risk_factor_count"
    case highRiskItems = "high_risk_items"
    case moderateRiskFindings = "moderate_risk_findings"
    case moderateRiskItems = "moderate_risk_items"
    case label, explanation, sources
  }
}

/// An offer added by a combination of facts rather than by one finding.
public struct OfferRule: Sendable, Codable {
  public var offer: String
  public var when: Condition
  /// What to name as the cause (finding IDs, or `birth.traumatic` and the like).
  public var because: [String]
  /// IDs into `RuleSet.sources`.
  public var sources: [String]
}

/// What kind of contact a schedule item is.
public enum ScheduleItemKind: String, Sendable, Codable, CaseIterable {
  /// A consultation with her GP or midwife: what a saved visitation stands for.
  case consultation
  case scan
  /// A blood test or screening test.
  case test
  /// A treatment given (anti-D).
  case treatment
  case homeVisit = "home_visit"
}

/// One item of the antenatal visit programme (FP Skema 2, 3; LH).
public struct ScheduleRule: Sendable, Codable {
  public var id: String
  public var who: CareProvider
  public var kind: ScheduleItemKind
  public var gaFrom: GestationalAge
  public var gaTo: GestationalAge
  /// The last moment the item can still be done, when the source gives one.
  public var gaLatest: GestationalAge?
  public var when: Condition
  /// Findings that make an optional item clearly indicated (reported, not required).
  public var indicatedBy: [String]
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, who, kind
    case gaFrom = "ga_from"
    case gaTo = "ga_to"
    case gaLatest = "ga_latest"
    case when
    case indicatedBy = "indicated_by"
    case label, explanation, sources
  }
}

// In an extension, so that the memberwise initialiser stays (RuleSet+Memberwise.swift).
extension ScheduleRule {
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    who = try c.decode(CareProvider.self, forKey: .who)
    kind = try c.decode(ScheduleItemKind.self, forKey: .kind)
    gaFrom = try c.decode(GestationalAge.self, forKey: .gaFrom)
    gaTo = try c.decode(GestationalAge.self, forKey: .gaTo)
    gaLatest = try c.decodeIfPresent(GestationalAge.self, forKey: .gaLatest)
    when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
    indicatedBy = try c.decodeIfPresent([String].self, forKey: .indicatedBy) ?? []
    label = try c.decode(LocalizedText.self, forKey: .label)
    explanation = try c.decode(LocalizedText.self, forKey: .explanation)
    sources = try c.decode([String].self, forKey: .sources)
  }
}

/// FP Skema 3: the basic and the extended prenatal diagnostics programmes.
public struct PrenatalDiagnosticsRules: Sendable, Codable {
  /// The offer that switches the woman to the extended programme.
  public var extendedOffer: String
  public var items: [PrenatalDiagnosticRule]

  enum CodingKeys: String, CodingKey {
    case extendedOffer = "extended_offer"
    case items
  }
}

public enum DiagnosticsProgramme: String, Sendable, Codable {
  case basic, extended
}

public struct PrenatalDiagnosticRule: Sendable, Codable {
  public var id: String
  public var programmes: [DiagnosticsProgramme]
  /// Nil for an item with no gestational window (a referral made at once).
  public var gaFrom: GestationalAge?
  /// Nil when the item stays possible until the birth.
  public var gaTo: GestationalAge?
  public var gaLatest: GestationalAge?
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, programmes
    case gaFrom = "ga_from"
    case gaTo = "ga_to"
    case gaLatest = "ga_latest"
    case label, explanation, sources
  }
}

extension GestationalAge: Codable {
  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let age = GestationalAge(parsing: text) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(text)\" is not W+D")
    }
    self = age
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
