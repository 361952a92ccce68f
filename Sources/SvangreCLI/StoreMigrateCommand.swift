import ArgumentParser
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
/// entries and the same SHA-256 of the record as a record file holds it. Then each record's
/// access log follows it (`StoreCopy.copyAccessLog`).
struct StoreMigrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate", abstract: helpText("help.store.migrate.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(help: argumentHelp("help.store.migrate.to")) var to: String

  func run() throws {
    let session = try StoreSession(global)
    // Its SHA-256 is `svangre-postgres`'s (swift-crypto): refused first when that is missing.
    let server = try session.run { () throws(StoreError) in try StoreFactory.server() }
    let source = try session.open()
    let ruleSets = [try global.ruleSet(session.strings), .bundled]
    let target = try session.run { () throws(StoreError) in
      try StoreFactory.open(to, clock: global.clock, ruleSets: ruleSets, strings: session.strings)
    }
    let copy = try session.run { () throws(StoreError) in
      try StoreCopy.copy(from: source, to: target, checksum: server.sha256)
    }
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
    Console.out(
      strings(
        "store.migrate.accessLog",
        ["copied": String(copy.accessCopied), "present": String(copy.accessPresent)]))
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
  /// Access-log lines copied now, and those the target had already (an earlier run).
  var accessCopied = 0
  var accessPresent = 0
  var entries: Int { verified.reduce(0) { $0 + $1.entries } }

  /// `checksum`: the SHA-256 (hex) of bytes, `ServerBackend.sha256`.
  static func copy(
    from source: any RecordStore, to target: any RecordStore, checksum sha256: ([UInt8]) -> String
  ) throws(StoreError) -> StoreCopy {
    func checksum(_ record: PregnancyRecord) throws(StoreError) -> String { sha256(try RecordParts.fileBytes(record)) }
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
    try copy.copyAccessLog(from: source, to: target)
    return copy
  }

  /// Each verified record's access log: the lines the target lacks (as many of each as
  /// the source has more), appended as they were, in one go; then checked, so that a
  /// record whose lines are not all there is named as not copied. Run again, it copies
  /// nothing.
  mutating func copyAccessLog(from source: any RecordStore, to target: any RecordStore) throws(StoreError) {
    struct Line: Hashable {
      var at: String, initials: String?, user: String, purpose: AccessPurpose
      init(_ entry: RecordAccess) {
        (at, initials, user, purpose) = (entry.at, entry.initials, entry.user, entry.purpose)
      }
    }
    func lines(_ entries: [RecordAccess]) -> [Line: Int] {
      entries.reduce(into: [:]) { $0[Line($1), default: 0] += 1 }
    }
    var missing: [RecordAccess] = []
    var wanted: [String: [Line: Int]] = [:]
    for record in verified {
      let original = try source.accessLog(of: record.id)
      var there = lines(try target.accessLog(of: record.id))
      wanted[record.id] = lines(original)
      for entry in original {
        if let count = there[Line(entry)], count > 0 {
          there[Line(entry)] = count - 1
          accessPresent += 1
        } else {
          missing.append(entry)
        }
      }
    }
    try target.copyAccessLog(missing)
    accessCopied = missing.count
    for (id, counts) in wanted.sorted(by: { $0.key < $1.key }) {
      let there = lines(try target.accessLog(of: id))
      if counts.contains(where: { there[$0.key, default: 0] < $0.value }) { mismatched.append(id) }
    }
  }
}
