import Foundation

/// A JSON value: svangre's one JSON type, for what it reads and what it writes.
///
/// Objects keep their members in order: output reads in a sensible order (contract
/// first, details last) and is the same bytes every time; an object read from JSON text
/// has its keys sorted, and `sortedObject` builds one in that order, so a value read back
/// from a file prints as the value that was saved. Two objects are equal when they have
/// the same members, in any order, as JSON means.
///
/// The contract's input is validated field by field with a precise error for each
/// mistake, which `Decodable` structs cannot give; and a stored visitation keeps the
/// input it was assessed on as JSON, so it can be re-assessed under a newer rule set.
public indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  /// A whole number written by svangre (a count, a level); text read in is `.number`.
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// An object with `members` in key order: as one read from JSON text.
  public static func sortedObject(_ members: [String: JSONValue]) -> JSONValue {
    .object(members.keys.sorted().map { ($0, members[$0]!) })
  }

  /// The members of an object by key, nil when it is not an object.
  public var members: [String: JSONValue]? {
    guard case .object(let pairs) = self else { return nil }
    return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
  }

  /// The member `key` of an object, nil otherwise.
  public subscript(key: String) -> JSONValue? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }

  /// A number's value, whichever way it was made.
  var numericValue: Double? {
    switch self {
    case .int(let value): Double(value)
    case .number(let value): value
    default: nil
    }
  }
}

extension JSONValue: Hashable {
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object, .object): lhs.members == rhs.members
    default: lhs.numericValue != nil && lhs.numericValue == rhs.numericValue
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value): hasher.combine(value)
    case .int, .number: hasher.combine(numericValue)
    case .string(let value): hasher.combine(value)
    case .array(let items): hasher.combine(items)
    // In key order, so that equal objects hash alike whatever their order.
    case .object(let pairs):
      for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }
}

extension JSONValue: Codable {
  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: Decoder) throws {
    if let object = try? decoder.container(keyedBy: Key.self) {
      self = .object(
        try object.allKeys.map(\.stringValue).sorted().map {
          ($0, try object.decode(JSONValue.self, forKey: Key(stringValue: $0)))
        })
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else {
      self = .array(try container.decode([JSONValue].self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    if case .object(let pairs) = self {
      var container = encoder.container(keyedBy: Key.self)
      for (key, value) in pairs { try container.encode(value, forKey: Key(stringValue: key)) }
      return
    }
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .number(let value):
      // Whole numbers are written without a fraction so that `"level": 3` stays `3`.
      if value.rounded() == value, abs(value) < 1e15 {
        try container.encode(Int64(value))
      } else {
        try container.encode(value)
      }
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object: break
    }
  }
}
