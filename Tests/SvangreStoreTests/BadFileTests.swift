import Foundation
import Glibc
import SvangreResources
import SvangreRules
import Testing
@testable import SvangreStore

@Suite("Bad record files")
struct BadFileTests {
  /// A store with one good record and one whose file is replaced by `bytes`.
  func storeWithBadFile(_ bytes: [UInt8]) throws -> (TemporaryStore, good: String, bad: String) {
    let temp = TemporaryStore()
    let store = try temp.open()
    let good = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let bad = try store.createRecord(name: "Bodil Berg", cpr: "020290-1234", author: "AB")
    _ = try store.addNote(bad.id, basedOn: 1, text: "x", author: "AB")
    let path = temp.path(bad.id + ".json")
    try FileManager.default.removeItem(atPath: path)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o600)
    return (temp, good.id, bad.id)
  }

  static func validBytes() throws -> [UInt8] {
    let temp = TemporaryStore()
    let store = try temp.open()
    let record = try store.createRecord(name: "Bodil Berg", cpr: "020290-1234", author: "AB")
    return Array(try Data(contentsOf: URL(fileURLWithPath: temp.path(record.id + ".json"))))
  }

  func expectDamage(_ bytes: [UInt8], _ damage: RecordDamage, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let (temp, good, bad) = try storeWithBadFile(bytes)
    let store = try temp.open()
    // The bad record is named, with its id and never its CPR number…
    #expect(throws: StoreError.damaged(id: bad, damage: damage), sourceLocation: sourceLocation) {
      try store.load(bad)
    }
    let error = StoreError.damaged(id: bad, damage: damage)
    #expect(error.exitCode == 3, sourceLocation: sourceLocation)
    let message = Catalogue.english(error)
    #expect(message.contains(bad) && !message.contains("020290"), sourceLocation: sourceLocation)
    // …the rest of the store keeps working…
    #expect(try store.list().map(\.id) == [good], sourceLocation: sourceLocation)
    #expect(store.problems == [RecordProblem(id: bad, damage: damage)], sourceLocation: sourceLocation)
    _ = try store.addNote(good, basedOn: 1, text: "still fine", author: "AB")
    _ = try store.createRecord(name: "Cecilie", cpr: "030390-1234", author: "AB")
    // …writing to the bad record is refused and leaves its bytes alone…
    #expect(throws: StoreError.damaged(id: bad, damage: damage), sourceLocation: sourceLocation) {
      try store.addNote(bad, basedOn: 2, text: "y", author: "AB")
    }
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: temp.path(bad + ".json")))) == bytes)
    // …check reports it and fails, and only quarantine moves it (never deletes).
    let report = try store.check()
    #expect(!report.passed && report.problems.map(\.id) == [bad], sourceLocation: sourceLocation)
    #expect(throws: StoreError.notDamaged(id: good)) { try store.quarantine(good) }
    let moved = try store.quarantine(bad)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: moved))) == bytes, sourceLocation: sourceLocation)
    #expect(try store.check().passed, sourceLocation: sourceLocation)
    #expect(throws: StoreError.unknownRecord(id: bad)) { try store.load(bad) }
  }

  @Test("a truncated file")
  func truncated() throws {
    let bytes = try Self.validBytes()
    try expectDamage(Array(bytes.prefix(bytes.count / 2)), .truncated)
  }

  @Test("an empty file")
  func empty() throws { try expectDamage([], .truncated) }

  @Test("a file of garbage")
  func garbage() throws {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[0] = 0x00
    try expectDamage(bytes, .garbage)
  }

  @Test("JSON that is not a record")
  func notARecord() throws { try expectDamage(Array("{\"hello\": [1, 2, 3]}".utf8), .invalid) }

  @Test("a record whose revision does not match its history")
  func inconsistent() throws {
    let text = String(decoding: try Self.validBytes(), as: UTF8.self)
      .replacingOccurrences(of: "\"revision\" : 1", with: "\"revision\" : 7")
    try expectDamage(Array(text.utf8), .invalid)
  }

  @Test("a file from a newer schema version")
  func newerSchema() throws {
    let text = String(decoding: try Self.validBytes(), as: UTF8.self)
      .replacingOccurrences(
        of: "\"schema_version\" : 1", with: "\"schema_version\" : \(PregnancyRecord.schemaVersion + 1)")
    try expectDamage(Array(text.utf8), .newerSchema)
    // Also when the newer schema no longer decodes as this one.
    try expectDamage(
      Array("{\"format\": \"svangre.record\", \"schema_version\": 5, \"people\": []}".utf8), .newerSchema)
  }

  @Test("a file the user cannot read")
  func unreadable() throws {
    if geteuid() != 0 {
      let (temp, good, bad) = try storeWithBadFile(try Self.validBytes())
      chmod(temp.path(bad + ".json"), 0o000)
      let store = try temp.open()
      #expect(throws: StoreError.damaged(id: bad, damage: .unreadable)) { try store.load(bad) }
      #expect(try store.list().map(\.id) == [good])
      #expect(!(try store.check().passed))
      return
    }
    // Root reads any file, so run the CLI as an unprivileged user against a store that
    // user owns, with one record file whose mode lets not even its owner read it.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
      Issue.record("/usr/bin/setpriv is needed to run the CLI as another user")
      return
    }
    let (temp, _, bad) = try storeWithBadFile(try Self.validBytes())
    let svangre = productPath("svangre")
    for path in [temp.directory, svangre] where !reachableByOthers(path) {
      Issue.record("\(path) cannot be reached by an unprivileged user")
      return
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: temp.directory) + [""] {
      #expect(chown(temp.path(name), 65534, 65534) == 0)
    }
    chmod(temp.path(bad + ".json"), 0o000)
    let show = try runProduct(
      "/usr/bin/setpriv",
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", svangre, "--store", temp.directory, "--lang", "en",
        "record", "show", bad, "--format", "json",
      ])
    #expect(show.status == 3)
    #expect(show.stderr.contains("Record \(bad) cannot be read"))
    #expect(show.stdout.contains("damaged_record.unreadable"))
  }

  /// Whether every directory above `path` lets others through.
  func reachableByOthers(_ path: String) -> Bool {
    var cursor = path
    while cursor != "/" {
      cursor = (cursor as NSString).deletingLastPathComponent
      if fileMode(cursor) & 0o001 == 0 { return false }
    }
    return true
  }

  @Test("store check reports every bad file at once, and the CLI exits non-zero")
  func checkReportsAll() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    let ids = try (0..<4).map { index in
      try store.createRecord(name: "Kvinde \(index)", cpr: "01019\(index)-1234", author: "AB").id
    }
    try Data().write(to: URL(fileURLWithPath: temp.path(ids[0] + ".json")))
    try Data("not json".utf8).write(to: URL(fileURLWithPath: temp.path(ids[1] + ".json")))
    let report = try store.check()
    #expect(report.problems.map(\.id).sorted() == [ids[0], ids[1]].sorted())
    let cli = try runProduct("svangre", ["--store", temp.directory, "store", "check", "--format", "json"])
    #expect(cli.status == 3)
    #expect(cli.stdout.contains(ids[0]) && cli.stdout.contains(ids[1]))
    #expect(!cli.stdout.contains(ids[2]))
  }
}
