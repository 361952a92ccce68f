import ArgumentParser
import Crypto
import Foundation
import SvangreStore

/// `store migrate --to LOCATION`: copies every record of the store (`--store`, usually a
/// clinic's JSON directory) into another (usually its PostgreSQL server, after `store
/// upgrade`), then verifies the copy. Nothing in the source is changed or removed.
///
/// The copy is an export and an import (`StoreCopy`): every record verified before
/// anything is written, all written in one transaction on a server, a record already
/// there with the same content skipped, one there with other content refused. The
/// verification reads each record back from the target: the same number of history
/// entries and the same SHA-256 of the record as a record file holds it.
struct StoreMigrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate", abstract: helpText("help.store.migrate.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(help: argumentHelp("help.store.migrate.to")) var to: String

  func run() throws {
    let session = try StoreSession(global)
    let source = try session.open()
    let ruleSets = [try global.ruleSet(session.strings), .bundled]
    let target = try session.run { () throws(StoreError) in
      try StoreFactory.open(to, clock: global.clock, ruleSets: ruleSets)
    }
    let copy = try session.run { () throws(StoreError) in try StoreCopy.copy(from: source, to: target) }
    let strings = session.strings
    guard copy.mismatched.isEmpty else {
      throw session.refuse(
        code: "migrate_mismatch",
        strings("store.migrate.mismatch", ["ids": copy.mismatched.joined(separator: ", ")]), exit: 3)
    }
    Console.out(
      strings(
        "store.migrate.done",
        [
          "count": String(copy.verified.count), "imported": String(copy.imported),
          "present": String(copy.alreadyPresent), "entries": String(copy.entries),
        ]))
  }
}

/// One store copied into another and checked, record by record.
struct StoreCopy {
  /// Each record found whole in the target: its id, number of history entries and the
  /// SHA-256 (hex) of the record as a record file holds it.
  var verified: [(id: String, entries: Int, sha256: String)] = []
  /// Records whose copy differs from the source (none, unless the target changed them).
  var mismatched: [String] = []
  var imported = 0
  var alreadyPresent = 0
  var entries: Int { verified.reduce(0) { $0 + $1.entries } }

  static func copy(from source: any RecordStore, to target: any RecordStore) throws(StoreError) -> StoreCopy {
    // Refused while a record of the source is damaged: a copy must be complete.
    let document = try source.export(ids: nil)
    let report = try target.importRecords(document)
    var copy = StoreCopy(imported: report.imported.count, alreadyPresent: report.alreadyPresent.count)
    for record in try RecordParts.importedRecords(document, ruleSets: source.ruleSets) {
      let original = try checksum(record)
      let copied: PregnancyRecord
      do throws(StoreError) {
        copied = try target.load(record.id)
      } catch .unknownRecord, .damaged {
        copy.mismatched.append(record.id)
        continue
      }
      if copied.history.count == record.history.count, try checksum(copied) == original {
        copy.verified.append((record.id, copied.history.count, original))
      } else {
        copy.mismatched.append(record.id)
      }
    }
    return copy
  }

  static func checksum(_ record: PregnancyRecord) throws(StoreError) -> String {
    SHA256.hash(data: try RecordParts.fileBytes(record)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
