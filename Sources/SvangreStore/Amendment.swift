import SvangreRules

/// A correction, recorded as an addition: the original stays in the file.
public struct Amendment: Codable, Sendable, Equatable {
  /// What was corrected.
  public var field: AmendableField
  /// The entry corrected, for `note` and `level`; nil for the record's own fields.
  public var target: Int?
  /// The value before this correction (the current one at the time).
  public var old: JSONValue
  public var new: JSONValue
  /// Why: required.
  public var reason: String
  /// The further fields corrected in the same entry, for the same reason, in order (schema
  /// 3): a correction of several fields — a name and a CPR number, a birth's date and place —
  /// is one entry and one revision. Nil for a correction of one field. `parts` lists them all.
  public var also: [AmendedValue]?

  public init(
    field: AmendableField, target: Int?, old: JSONValue, new: JSONValue, reason: String, also: [AmendedValue]? = nil
  ) {
    self.field = field
    self.target = target
    self.old = old
    self.new = new
    self.reason = reason
    self.also = also
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case field, target, old, new, reason, also }

  public func encode(to encoder: Encoder) throws {
    try AmendedValue(self).encode(to: encoder)  // field, target, old, new
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(reason, forKey: .reason)
    try container.encodeIfPresent(also, forKey: .also)
  }

  /// Each field this entry corrects as a correction of one field, with the entry's reason:
  /// the first, then those in `also`.
  public var parts: [Amendment] {
    var first = self
    first.also = nil
    return [first]
      + (also ?? []).map {
        Amendment(field: $0.field, target: $0.target, old: $0.old, new: $0.new, reason: reason)
      }
  }
}

/// One more field of a correction of several (`Amendment.also`): as `Amendment`, without
/// the reason, which is the entry's.
public struct AmendedValue: Codable, Sendable, Equatable {
  public var field: AmendableField
  public var target: Int?
  public var old: JSONValue
  public var new: JSONValue

  public init(_ amendment: Amendment) {
    field = amendment.field
    target = amendment.target
    old = amendment.old
    new = amendment.new
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case field, target, old, new }

  public init(from decoder: Decoder) throws {
    try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self))
    let container = try decoder.container(keyedBy: CodingKeys.self)
    field = try container.decode(AmendableField.self, forKey: .field)
    target = try container.decodeIfPresent(Int.self, forKey: .target)
    old = try container.decode(JSONValue.self, forKey: .old)
    new = try container.decode(JSONValue.self, forKey: .new)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(field, forKey: .field)
    try container.encode(target, forKey: .target)
    try container.encode(old, forKey: .old)
    try container.encode(new, forKey: .new)
  }
}
