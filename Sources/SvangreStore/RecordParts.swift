import Foundation
import SvangreRules

/// A record kept in parts, as a database backend keeps it: its head (the record as it was
/// created, without history) and its history entries, each as the JSON a record file
/// holds. Put back together, a record is verified exactly as a record file is read
/// (`RecordCodec.decode`): strict keys, no key twice, no newer schema, every value as a
/// save checks it. So both backends refuse the same damage.
public enum RecordParts {
  /// The head of `record`: everything but its history, at revision 1. Never changes.
  public static func head(_ record: PregnancyRecord) throws(StoreError) -> String {
    var head = record
    head.history = []
    head.revision = 1
    return try json(head)
  }

  /// One history entry as a record file holds it.
  public static func entry(_ entry: HistoryEntry) throws(StoreError) -> String {
    try json(entry)
  }

  /// The record `id` from its head and its entries (oldest first), verified; a part that
  /// does not read back makes the record `.damaged`, as a bad file does.
  public static func assemble(id: String, head: String, entries: [String], ruleSets: [RuleSet]) -> Result<
    PregnancyRecord, StoreError
  > {
    let damaged = { (damage: RecordDamage) in
      Result<PregnancyRecord, StoreError>.failure(.damaged(id: id, damage: damage))
    }
    let parts = [head] + entries
    guard parts.allSatisfy({ DuplicateKeys.first(in: Data($0.utf8)) == nil }) else { return damaged(.invalid) }
    guard var record = try? JSONDecoder().decode(PregnancyRecord.self, from: Data(head.utf8)) else {
      return damaged(RecordCodec.diagnose(Array(head.utf8)))
    }
    guard record.schemaVersion <= PregnancyRecord.schemaVersion else { return damaged(.newerSchema) }
    for entry in entries {
      guard let decoded = try? JSONDecoder().decode(HistoryEntry.self, from: Data(entry.utf8)) else {
        return damaged(.invalid)
      }
      record.history.append(decoded)
    }
    record.revision = record.history.count + 1
    record.schemaVersion = max(record.schemaVersion, record.neededSchemaVersion)
    return RecordCodec.verify(record, id: id, ruleSets: ruleSets)
  }

  /// An export document with `records`, as `svangre export` writes it.
  public static func exportDocument(_ records: [PregnancyRecord], at now: String) throws(StoreError) -> Data {
    try RecordCodec.exportDocument(records, at: now)
  }

  /// The records of an export document or a record file, each verified (nothing is
  /// written by this).
  public static func importedRecords(_ data: Data, ruleSets: [RuleSet]) throws(StoreError) -> [PregnancyRecord] {
    try RecordCodec.decodeImport(data, ruleSets: ruleSets)
  }

  /// The record exactly as a record file holds it, for a checksum that both backends agree on.
  public static func fileBytes(_ record: PregnancyRecord) throws(StoreError) -> [UInt8] {
    try RecordCodec.encode(record)
  }

  private static func json(_ value: some Encodable) throws(StoreError) -> String {
    do {
      return String(decoding: try RecordCodec.encoder.encode(value), as: UTF8.self)
    } catch {
      throw .system(operation: "encode", errno: 0)
    }
  }
}

/// `RecordStore.search` as every backend words it: a query with a digit is the start of
/// a CPR number (hyphen and spaces ignored), any other the inside of a name, ignoring
/// case and accents (`TextFolding`).
public struct RecordQuery {
  let folded: String
  let cprPrefix: String?

  public init(_ query: String) {
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.contains(where: \.isNumber) {
      cprPrefix = String(trimmed.filter { $0 != "-" && $0 != " " }.uppercased())
      folded = ""
    } else {
      cprPrefix = nil
      folded = TextFolding.fold(trimmed)
    }
  }

  /// The query as a backend that keeps its own keys compares it: a CPR prefix (letters
  /// and digits, upper-cased) to find at the start of `cprKey(_:)`, or else a part of the
  /// folded name (`TextFolding`; empty: every record).
  public var cprKey: String? { cprPrefix }
  public var nameKey: String { folded }

  /// A CPR number as `cprKey` is compared with it.
  public static func cprKey(_ cpr: String) -> String { cpr.filter { $0 != "-" }.uppercased() }

  /// True for every record when the query is empty.
  public func matches(name: String, cpr: String) -> Bool {
    if let cprPrefix { return Self.cprKey(cpr).hasPrefix(cprPrefix) }
    return folded.isEmpty || TextFolding.fold(name).contains(folded)
  }

  /// List order: by folded name (as bytes), then id.
  public static func listOrder(_ a: (name: String, id: String), _ b: (name: String, id: String)) -> Bool {
    let (left, right) = (Array(TextFolding.fold(a.name).utf8), Array(TextFolding.fold(b.name).utf8))
    if left != right { return left.lexicographicallyPrecedes(right) }
    return a.id < b.id
  }
}
