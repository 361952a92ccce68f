import Foundation
import SvangreRules

/// The bytes of a record file and of an export document.
enum RecordCodec {
  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    // Pretty for a person reading the file; sorted so that the same record is always the
    // same bytes (an import compares records, a diff shows only what changed).
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  static func encode(_ record: PregnancyRecord) throws(StoreError) -> [UInt8] {
    do {
      return Array(try encoder.encode(record)) + [0x0A]
    } catch {
      throw .system(operation: "encode", errno: 0)
    }
  }

  /// Decodes a record file, naming what is wrong with a damaged one. The record must hold
  /// only what a save writes (`Validation.record`, with `ruleSets` for visitation inputs):
  /// strict keys, no key twice, every value as a save would have checked it.
  static func decode(_ bytes: [UInt8], id: String, ruleSets: [RuleSet]) -> Result<PregnancyRecord, StoreError> {
    let data = Data(bytes)
    if let record = try? JSONDecoder().decode(PregnancyRecord.self, from: data) {
      // svangre never writes a key twice; a file that does was made by someone else, and
      // the decoder would have dropped one of the two values silently.
      guard DuplicateKeys.first(in: data) == nil else { return .failure(.damaged(id: id, damage: .invalid)) }
      if record.schemaVersion > PregnancyRecord.schemaVersion {
        return .failure(.damaged(id: id, damage: .newerSchema))
      }
      return verify(record, id: id, ruleSets: ruleSets)
    }
    return .failure(.damaged(id: id, damage: diagnose(bytes)))
  }

  /// The checks of a decoded record: it holds only what a save writes.
  static func verify(_ record: PregnancyRecord, id: String, ruleSets: [RuleSet]) -> Result<PregnancyRecord, StoreError>
  {
    do throws(StoreError) {
      try Validation.record(record, expectedID: id, ruleSets: ruleSets)
    } catch .invalidInput(field: "ruleset", reason: "unknown") {
      return .failure(.damaged(id: id, damage: .unknownRuleSet))
    } catch {
      return .failure(.damaged(id: id, damage: .invalid))
    }
    return .success(record)
  }

  /// `svangre export`'s document: the newest version among its records, so that an
  /// export of version-1 records stays readable by a build that knows only version 1.
  static func exportDocument(_ records: [PregnancyRecord], at now: String) throws(StoreError) -> Data {
    let version = records.map(\.schemaVersion).max() ?? PregnancyRecord.firstSchemaVersion
    let document = ExportDocument(
      format: ExportDocument.format, schemaVersion: version, exportedAt: now, records: records)
    do {
      return try encoder.encode(document) + Data("\n".utf8)
    } catch {
      throw .system(operation: "encode", errno: 0)
    }
  }

  /// Why bytes that did not decode are not a record.
  static func diagnose(_ bytes: [UInt8]) -> RecordDamage {
    let first = bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
    guard let first else { return .truncated }
    guard let value = JSONValue.parse(Data(bytes)) else {
      // A record starts with "{"; JSON that starts right but does not parse is most
      // likely cut off (an interrupted copy, a full disk).
      return first == UInt8(ascii: "{") ? .truncated : .garbage
    }
    if case .number(let version) = value["schema_version"], version > Double(PregnancyRecord.schemaVersion) {
      return .newerSchema
    }
    return .invalid
  }

  /// The records of an export document or of a single record file, each verified as a
  /// record file is (`decode`).
  static func decodeImport(_ data: Data, ruleSets: [RuleSet]) throws(StoreError) -> [PregnancyRecord] {
    guard let value = JSONValue.parse(data), case .object = value else {
      throw .importRefused(id: nil, reason: "not_export")
    }
    // Checked on the file's own text: the records below are re-encoded from parsed
    // values, in which one of two equal keys is already gone.
    guard DuplicateKeys.first(in: data) == nil else { throw .importRefused(id: nil, reason: "duplicate_key") }
    let items: [JSONValue]
    if case .string(ExportDocument.format) = value["format"] {
      if case .number(let version) = value["schema_version"], version > Double(PregnancyRecord.schemaVersion) {
        throw .importRefused(id: nil, reason: "newer_schema")
      }
      guard case .array(let records) = value["records"] else { throw .importRefused(id: nil, reason: "not_export") }
      items = records
    } else if case .string(PregnancyRecord.format) = value["format"] {
      items = [value]
    } else {
      throw .importRefused(id: nil, reason: "not_export")
    }
    var records: [PregnancyRecord] = []
    for item in items {
      var id: String? = nil
      if case .string(let value) = item["id"], RecordID.isWellFormed(value) { id = value }
      guard let id, let bytes = try? encoder.encode(item) else {
        throw .importRefused(id: nil, reason: "invalid_record")
      }
      switch decode(Array(bytes), id: id, ruleSets: ruleSets) {
      case .success(let record): records.append(record)
      case .failure(.damaged(_, .newerSchema)): throw .importRefused(id: id, reason: "newer_schema")
      case .failure(.damaged(_, .unknownRuleSet)): throw .importRefused(id: id, reason: "unknown_rule_set")
      case .failure: throw .importRefused(id: id, reason: "invalid_record")
      }
    }
    return records
  }
}

/// `svangre export`: records exactly as stored, in one document.
struct ExportDocument: Codable {
  static let format = "svangre.export"
  var format: String
  var schemaVersion: Int
  var exportedAt: String
  var records: [PregnancyRecord]

  enum CodingKeys: String, CodingKey {
    case format
    case schemaVersion = "schema_version"
    case exportedAt = "exported_at"
    case records
  }
}
