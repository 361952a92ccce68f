// The rule set's birth places and postnatal contacts: the parts that decide where she can
// give birth and who sees her after it.

/// The region's birth places and when each suits a woman.
public struct BirthplaceRules: Sendable, Codable {
  public var sites: [BirthplaceSite]
  /// Checked in order; a site lacking what a rule requires is unsuitable for that reason.
  public var rules: [BirthplaceRule]
  public var suitableReason: LocalizedText
  /// The sources of `suitableReason`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case sites, rules
    case suitableReason = "suitable_reason"
    case sources
  }
}

public enum BirthplaceKind: String, Sendable, Codable {
  case hospital, clinic, home
}

/// A birth place and the facts of the Fødeplan's table about it.
public struct BirthplaceSite: Sendable, Codable {
  public var id: String
  public var kind: BirthplaceKind
  public var name: LocalizedText
  public var obstetrician: Bool
  public var anaesthetist: Bool
  public var paediatrician: Bool
  public var neonatalUnit: Bool
  /// What the site can take care of; rules require capabilities by name.
  public var capabilities: [String]
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, kind, name, obstetrician, anaesthetist, paediatrician
    case neonatalUnit = "neonatal_unit"
    case capabilities, sources
  }
}

/// When `when` holds, only sites with the capability `requires` are suitable.
public struct BirthplaceRule: Sendable, Codable {
  public var id: String
  public var when: Condition
  public var requires: String
  public var reason: LocalizedText
  /// A different explanation for a kind of site (home birth stays her right).
  public var reasonForKind: [String: LocalizedText]
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, when, requires, reason
    case reasonForKind = "reason_for_kind"
    case sources
  }
}

// In an extension, so that the memberwise initialiser stays (RuleSet+Memberwise.swift).
extension BirthplaceRule {
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    when = try c.decode(Condition.self, forKey: .when)
    requires = try c.decode(String.self, forKey: .requires)
    reason = try c.decode(LocalizedText.self, forKey: .reason)
    reasonForKind = try c.decodeIfPresent([String: LocalizedText].self, forKey: .reasonForKind) ?? [:]
    sources = try c.decode([String].self, forKey: .sources)
  }
}

/// A contact after the birth (FP Skema 4).
public struct PostnatalRule: Sendable, Codable {
  public var id: String
  public var who: CareProvider
  /// Days after the birth, or after the discharge day when `fromDischarge` is set.
  public var days: ClosedRange<Int>
  public var fromDischarge: Bool
  public var when: Condition
  public var label: LocalizedText
  public var explanation: LocalizedText
  /// IDs into `RuleSet.sources`.
  public var sources: [String]

  enum CodingKeys: String, CodingKey {
    case id, who
    case dayFrom = "day_from"
    case dayTo = "day_to"
    case fromDischarge = "from_discharge"
    case when, label, explanation, sources
  }
}

// In an extension, so that the memberwise initialiser stays (RuleSet+Memberwise.swift).
extension PostnatalRule {
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    who = try c.decode(CareProvider.self, forKey: .who)
    let from = try c.decode(Int.self, forKey: .dayFrom)
    let to = try c.decode(Int.self, forKey: .dayTo)
    guard from <= to else {
      throw DecodingError.dataCorruptedError(
        forKey: .dayTo, in: c, debugDescription: "day_to \(to) is before day_from \(from)")
    }
    days = from...to
    fromDischarge = try c.decodeIfPresent(Bool.self, forKey: .fromDischarge) ?? false
    when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
    label = try c.decode(LocalizedText.self, forKey: .label)
    explanation = try c.decode(LocalizedText.self, forKey: .explanation)
    sources = try c.decode([String].self, forKey: .sources)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(who, forKey: .who)
    try c.encode(days.lowerBound, forKey: .dayFrom)
    try c.encode(days.upperBound, forKey: .dayTo)
    try c.encode(fromDischarge, forKey: .fromDischarge)
    try c.encode(when, forKey: .when)
    try c.encode(label, forKey: .label)
    try c.encode(explanation, forKey: .explanation)
    try c.encode(sources, forKey: .sources)
  }
}
