import Foundation

/// When a rule applies, written as data in the rule set.
///
/// JSON forms: `"always"`, `{"parity": "nulliparous"}`, `{"finding": ID}`,
/// `{"any_finding": [IDs]}`, `{"level_at_least": 2}` (the chosen level),
/// `{"care_level_at_least": 3}` (the higher of suggested and chosen level: what safety
/// limits follow, so that lowering the level never removes one), `{"birth_risk": true}`
/// (a finding marked `birth_risk` is present), `{"site_unsuitable": "home"}` (the birth
/// place rules found that site unsuitable), `{"ga_at_least": "28+0"}`,
/// `{"ga_below": "28+0"}`, `{"gdm_selects": true}` (the GDM rule chose this item),
/// `{"born": true}`, `{"birth_place": "home"}`, `{"born_before": "41+0"}`,
/// `{"discharge_hours_below": 24}`, `{"discharge_hours_above": 72}`,
/// `{"birth_flag": "traumatic"}`, and `{"all": [...]}`, `{"any": [...]}`, `{"not": ...}`.
public indirect enum Condition: Hashable, Sendable {
  case always
  case parity(Parity)
  case finding(String)
  case anyFinding([String])
  case levelAtLeast(Int)
  case careLevelAtLeast(Int)
  case birthRisk
  case siteUnsuitable(String)
  case gestationalAgeAtLeast(GestationalAge)
  case gestationalAgeBelow(GestationalAge)
  case selectedByGDMRule
  case born
  case birthPlace(BirthPlace)
  case bornBefore(GestationalAge)
  case dischargeHoursBelow(Double)
  case dischargeHoursAbove(Double)
  case birthFlag(BirthFlag)
  case all([Condition])
  case any([Condition])
  case not(Condition)

  /// Every finding ID the condition names, for validating the rule set.
  var findingIDs: [String] {
    switch self {
    case .finding(let id): [id]
    case .anyFinding(let ids): ids
    case .all(let parts), .any(let parts): parts.flatMap(\.findingIDs)
    case .not(let part): part.findingIDs
    default: []
    }
  }

  /// Every birth place site ID the condition names, for validating the rule set.
  var siteIDs: [String] {
    switch self {
    case .siteUnsuitable(let id): [id]
    case .all(let parts), .any(let parts): parts.flatMap(\.siteIDs)
    case .not(let part): part.siteIDs
    default: []
    }
  }
}

/// A yes/no fact about the birth.
public enum BirthFlag: String, Sendable, Codable {
  case traumatic
  case childLoss = "child_loss"
}

extension Condition: Codable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
      guard word == "always" else {
        throw DecodingError.dataCorruptedError(
          in: single, debugDescription: "unknown condition \"\(word)\"")
      }
      self = .always
      return
    }
    let c = try decoder.container(keyedBy: Key.self)
    guard c.allKeys.count == 1, let key = c.allKeys.first else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "a condition has exactly one key"))
    }
    switch key.stringValue {
    case "parity": self = .parity(try c.decode(Parity.self, forKey: key))
    case "finding": self = .finding(try c.decode(String.self, forKey: key))
    case "any_finding": self = .anyFinding(try c.decode([String].self, forKey: key))
    case "level_at_least": self = .levelAtLeast(try c.decode(Int.self, forKey: key))
    case "care_level_at_least": self = .careLevelAtLeast(try c.decode(Int.self, forKey: key))
    case "birth_risk":
      guard try c.decode(Bool.self, forKey: key) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "write {\"not\": {\"birth_risk\": true}} for no birth risk")
      }
      self = .birthRisk
    case "site_unsuitable": self = .siteUnsuitable(try c.decode(String.self, forKey: key))
    case "ga_at_least": self = .gestationalAgeAtLeast(try c.decode(GestationalAge.self, forKey: key))
    case "ga_below": self = .gestationalAgeBelow(try c.decode(GestationalAge.self, forKey: key))
    case "gdm_selects": self = .selectedByGDMRule
    case "born": self = .born
    case "birth_place": self = .birthPlace(try c.decode(BirthPlace.self, forKey: key))
    case "born_before": self = .bornBefore(try c.decode(GestationalAge.self, forKey: key))
    case "discharge_hours_below": self = .dischargeHoursBelow(try c.decode(Double.self, forKey: key))
    case "discharge_hours_above": self = .dischargeHoursAbove(try c.decode(Double.self, forKey: key))
    case "birth_flag": self = .birthFlag(try c.decode(BirthFlag.self, forKey: key))
    case "all": self = .all(try c.decode([Condition].self, forKey: key))
    case "any": self = .any(try c.decode([Condition].self, forKey: key))
    case "not": self = .not(try c.decode(Condition.self, forKey: key))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: key, in: c, debugDescription: "unknown condition \"\(key.stringValue)\"")
    }
  }

  public func encode(to encoder: Encoder) throws {
    if case .always = self {
      var single = encoder.singleValueContainer()
      try single.encode("always")
      return
    }
    var c = encoder.container(keyedBy: Key.self)
    switch self {
    case .always: break
    case .parity(let value): try c.encode(value, forKey: Key("parity"))
    case .finding(let value): try c.encode(value, forKey: Key("finding"))
    case .anyFinding(let value): try c.encode(value, forKey: Key("any_finding"))
    case .levelAtLeast(let value): try c.encode(value, forKey: Key("level_at_least"))
    case .careLevelAtLeast(let value): try c.encode(value, forKey: Key("care_level_at_least"))
    case .birthRisk: try c.encode(true, forKey: Key("birth_risk"))
    case .siteUnsuitable(let value): try c.encode(value, forKey: Key("site_unsuitable"))
    case .gestationalAgeAtLeast(let value): try c.encode(value, forKey: Key("ga_at_least"))
    case .gestationalAgeBelow(let value): try c.encode(value, forKey: Key("ga_below"))
    case .selectedByGDMRule: try c.encode(true, forKey: Key("gdm_selects"))
    case .born: try c.encode(true, forKey: Key("born"))
    case .birthPlace(let value): try c.encode(value, forKey: Key("birth_place"))
    case .bornBefore(let value): try c.encode(value, forKey: Key("born_before"))
    case .dischargeHoursBelow(let value): try c.encode(value, forKey: Key("discharge_hours_below"))
    case .dischargeHoursAbove(let value): try c.encode(value, forKey: Key("discharge_hours_above"))
    case .birthFlag(let value): try c.encode(value, forKey: Key("birth_flag"))
    case .all(let value): try c.encode(value, forKey: Key("all"))
    case .any(let value): try c.encode(value, forKey: Key("any"))
    case .not(let value): try c.encode(value, forKey: Key("not"))
    }
  }
}
