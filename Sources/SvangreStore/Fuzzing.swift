import Foundation
import SvangreResources
import SvangreRules

/// The store's half of the fuzz targets (Sources/svangre-fuzz, docs/fuzzing.md), here so
/// that it can reach the store's internal parsers without `@testable`, which a release or
/// fuzzer build lacks. Each function feeds arbitrary bytes to one way into the store and
/// traps (`fatalError`) when an invariant breaks; what the rules then make of a record is
/// the caller's part.
@_spi(Fuzzing)
public enum StoreFuzzing {
  /// A record file's bytes as `store check` and `record show` read them: a record when they
  /// decode, else nil after checking the damage is classified. A decoded record survives
  /// every derived view, re-encodes to itself and gives an index line that reads back.
  public static func record(_ bytes: [UInt8]) -> PregnancyRecord? {
    let fileID = fileID(of: bytes)
    switch RecordCodec.decode(bytes, id: fileID, ruleSets: [.bundled]) {
    case .success(let record):
      checkWhole(record, id: fileID)
      return record
    case .failure(.damaged(let id, _)):
      require(id == fileID, "a damaged record was reported under another id")
      return nil
    case .failure:
      fatalError("decoding a record failed with a non-damage error")
    }
  }

  /// An export (or a single record file) as `svangre import` reads it before it takes the
  /// store's lock: the records when they would be imported, else nil. Every record it
  /// would write reads back from its file as the same record, so that an import never
  /// leaves a record that `store check` reports damaged.
  public static func importDocument(_ bytes: [UInt8]) -> [PregnancyRecord]? {
    guard let records = try? RecordCodec.decodeImport(Data(bytes), ruleSets: [.bundled]) else { return nil }
    var seen = Set<String>()
    for record in records {
      // `importRecords` refuses a document naming one record twice; only the first is checked.
      guard seen.insert(record.id).inserted else { return nil }
      checkWhole(record, id: record.id)
    }
    return records
  }

  /// The store's small text parsers on arbitrary text: CPR numbers, search folding, an
  /// index line, an id in a message, and what a terminal is shown.
  public static func text(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    if let cpr = try? CPRNumber(parsing: text) {
      // Whatever parses must mask to the DDMMYY-XXXX shape and parse again unchanged.
      let masked = cpr.masked
      require(
        masked.count == 11 && masked.hasSuffix("-XXXX") && (try? CPRNumber(parsing: cpr.value)) == cpr,
        "a CPR number did not round-trip")
      _ = cpr.passesModulus11
    }
    _ = CPRNumber.mask(text)
    _ = TextFolding.fold(text)
    _ = IndexEntry(line: Substring(text))
    search(text)
    require(RecordID.forMessage(text).count <= 64, "an id in a message is longer than an id")
    let safe = TerminalText.safe(text)
    require(
      safe.unicodeScalars.allSatisfy { TerminalText.shown($0) == nil } && TerminalText.safe(safe) == safe,
      "TerminalText.safe left something a terminal acts on")
  }

  /// Every parser above on the same bytes (the in-process mutation test).
  public static func exercise(_ bytes: [UInt8]) {
    _ = record(bytes)
    _ = importDocument(bytes)
    text(bytes)
  }

  /// The id a record file is read under, as the store reads `ID.json`: the id it holds when
  /// that is well formed (the store names a file after its record), else `fuzz0001`.
  /// Found with `JSONSerialization` rather than `JSONValue.parse`, which builds the whole
  /// document as `JSONValue`s through `Decodable`: that doubled the cost of every input
  /// (the decoding below parses it again anyway).
  static func fileID(of bytes: [UInt8]) -> String {
    if let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
      let id = object["id"] as? String, RecordID.isWellFormed(id)
    {
      return id
    }
    return "fuzz0001"
  }

  /// The bundled rule set's programme rules, compiled once for every run.
  private static let programmeRules = ProgrammeRules(ruleSet: .bundled)

  /// What the store does with a record it accepted: show it, write it, index it, read it.
  private static func checkWhole(_ record: PregnancyRecord, id: String) {
    _ = (record.name, record.cpr, record.maskedCPR, record.dueDate, record.parity, record.status)
    _ = (record.visitations, record.notes, record.lastLevel, record.closure, record.birthAmendments)
    guard let again = try? RecordCodec.encode(record) else { fatalError("an accepted record did not encode") }
    guard case .success(let back) = RecordCodec.decode(again, id: id, ruleSets: [.bundled]), back == record else {
      fatalError("an accepted record did not read back from the file the store writes")
    }
    // `store check` rebuilds the index from the records it read; the list shows them from it.
    let entry = IndexEntry(
      record: record, file: FileIdentity(inode: 7, size: Int64(again.count), mtime: 1), rules: programmeRules)
    let line = entry.line
    guard line.hasSuffix("\n"), let parsed = IndexEntry(line: Substring(line.dropLast())) else {
      fatalError("the index line of an accepted record does not read back")
    }
    require(
      parsed.id == entry.id && parsed.file == entry.file && parsed.revision == entry.revision
        && parsed.lastLevel == entry.lastLevel && parsed.dueDate == entry.dueDate && parsed.status == entry.status
        && parsed.updatedAt == entry.updatedAt && parsed.visitations == entry.visitations
        && parsed.programme == entry.programme && parsed.programmeSpan == entry.programmeSpan
        && parsed.programmeTag == entry.programmeTag
        && (entry.programme.isEmpty || programmeRules.decode(entry.programme) != nil),
      "the index line of an accepted record reads back as another record")
  }

  static func require(_ condition: Bool, _ invariant: StaticString) {
    if !condition { fatalError("\(invariant)") }
  }
}
