import Foundation

// Decoding is strict: svangre writes no key but these, so a record with another one was
// changed by someone else, and the decoder would drop that key without a word.
extension PregnancyRecord {
  public init(from decoder: Decoder) throws {
    try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self))
    let container = try decoder.container(keyedBy: CodingKeys.self)
    format = try container.decode(String.self, forKey: .format)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    id = try container.decode(String.self, forKey: .id)
    revision = try container.decode(Int.self, forKey: .revision)
    createdAt = try container.decode(String.self, forKey: .createdAt)
    createdBy = try container.decode(String.self, forKey: .createdBy)
    woman = try container.decode(Woman.self, forKey: .woman)
    pregnancy = try container.decode(Pregnancy.self, forKey: .pregnancy)
    history = try container.decode([HistoryEntry].self, forKey: .history)
  }
}

extension PregnancyRecord.Woman {
  enum CodingKeys: String, CodingKey, CaseIterable { case name, cpr }

  public init(from decoder: Decoder) throws {
    try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self))
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    cpr = try container.decode(String.self, forKey: .cpr)
  }
}

extension PregnancyRecord.Pregnancy {
  public init(from decoder: Decoder) throws {
    try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self))
    let container = try decoder.container(keyedBy: CodingKeys.self)
    parity = try container.decodeIfPresent(String.self, forKey: .parity)
    dueDate = try container.decodeIfPresent(String.self, forKey: .dueDate)
  }
}

/// Refusing keys a type does not know, for the record's strict decoding.
enum StrictKeys {
  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  static func names<Key: CodingKey & CaseIterable>(_: Key.Type) -> Set<String> {
    Set(Key.allCases.map(\.stringValue))
  }

  static func refuseOthers(in decoder: Decoder, allowed: Set<String>) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    if let unknown = container.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
      throw DecodingError.dataCorruptedError(forKey: unknown, in: container, debugDescription: "unknown key")
    }
  }
}
