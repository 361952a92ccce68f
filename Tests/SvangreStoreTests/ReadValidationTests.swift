import Foundation
import Glibc
import SvangreResources
import SvangreRules
import Testing
@_spi(Benchmark) @testable import SvangreStore

/// A record file changed by hand (or made by another program) must be read with the same
/// rules as a save: a value a save would refuse is named, never listed, checked clean or
/// imported (docs/store.md, "Threat model").
@Suite("Import and store check validate what they read")
struct ReadValidationTests {
  /// One way to spoil a whole record's JSON, named for the test list.
  struct Tampering: CustomTestStringConvertible, Sendable {
    var name: String
    var change: @Sendable (inout [String: Any]) -> Void
    var testDescription: String { name }
  }

  static let tamperings: [Tampering] = [
    Tampering(name: "a visitation at level 9") { $0.visitation["level"] = 9 },
    Tampering(name: "a suggested level 0") { $0.visitation["suggested_level"] = 0 },
    Tampering(name: "due date 2027-02-30") { $0.pregnancy["due_date"] = "2027-02-30" },
    Tampering(name: "a visitation's due date 2027-02-30") { $0.visitation["due_date"] = "2027-02-30" },
    Tampering(name: "a gestational age of 14 weeks and 9 days") { $0.visitation["gestational_age"] = "14+9" },
    Tampering(name: "a visitation whose input is not an assessment") { $0.visitation["input"] = ["hello": "world"] },
    Tampering(name: "an input with a finding the rule set does not have") {
      var input = $0.visitation["input"] as! [String: Any]
      input["findings"] = ["no_such_finding"]
      $0.visitation["input"] = input
    },
    Tampering(name: "a field svangre never writes, at the top") { $0["colour"] = "red" },
    Tampering(name: "a field svangre never writes, in an entry") { $0.visitation["colour"] = "red" },
    Tampering(name: "a field svangre never writes, beside the name") { $0.woman["address"] = "Vej 1" },
    Tampering(name: "a name with terminal escapes") { $0.woman["name"] = "Anne\u{1B}]0;x\u{07}" },
    Tampering(name: "a name with white space around it") { $0.woman["name"] = "  Anne Hansen" },
    Tampering(name: "a name of 201 characters") { $0.woman["name"] = String(repeating: "A", count: 201) },
    Tampering(name: "a CPR number without its hyphen") { $0.woman["cpr"] = "0101901234" },
    Tampering(name: "initials that are not initials") { $0.visitation["author"] = "A B" },
    Tampering(name: "a creator of 13 characters") { $0["created_by"] = "ABCDEFGHIJKLM" },
    Tampering(name: "a creation time that is not a time") { $0["created_at"] = "yesterday" },
    Tampering(name: "an entry saved on 2027-02-30") { $0.visitation["at"] = "2027-02-30T10:42:00+01:00" },
    Tampering(name: "a correction of a level to 7") {
      $0.append(["kind": "amendment", "field": "level", "target": 1, "old": 2, "new": 7, "reason": "x"])
    },
    Tampering(name: "a correction of the name to an empty one") {
      $0.append([
        "kind": "amendment", "field": "name", "target": NSNull(), "old": "Anne Hansen", "new": "", "reason": "x",
      ])
    },
    Tampering(name: "a birth with 5,000 hours to discharge") {
      $0.append([
        "kind": "birth", "date": "2027-05-18", "place": "hospital", "discharge_hours": 5000, "traumatic": false,
        "child_loss": false,
      ])
    },
    Tampering(name: "a birth at sea") {
      $0.append([
        "kind": "birth", "date": "2027-05-18", "place": "sea", "discharge_hours": NSNull(), "traumatic": false,
        "child_loss": false,
      ])
    },
    Tampering(name: "a note with a NUL") { $0.append(["kind": "note", "text": "før\u{0}efter"]) },
  ]

  /// A store with a whole record ("Bodil Berg", one visitation at level 2) and a second one
  /// whose file is the first's JSON after `change`, saved under its own id.
  func storeWithTamperedRecord(_ change: (inout [String: Any]) -> Void) throws -> (
    TemporaryStore, good: String, bad: String, badJSON: [String: Any]
  ) {
    let temp = TemporaryStore()
    let store = try temp.open()
    let good = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    var bad = try store.createRecord(name: "Bodil Berg", cpr: "020290-1234", author: "AB")
    bad = try store.appendVisitation(
      bad.id, basedOn: 1, visitation: sampleVisitation(level: 2), author: "AB")
    let path = temp.path(bad.id + ".json")
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    change(&json)
    try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
      .write(to: URL(fileURLWithPath: path))
    chmod(path, 0o600)
    return (temp, good.id, bad.id, json)
  }

  @Test("a record file that a save would have refused is named, not listed, and fails the check", arguments: tamperings)
  func readBack(_ tampering: Tampering) throws {
    let (temp, good, bad, _) = try storeWithTamperedRecord(tampering.change)
    let store = try temp.open()
    #expect(throws: StoreError.damaged(id: bad, damage: .invalid)) { try store.load(bad) }
    #expect(try store.list().map(\.id) == [good])
    #expect(store.problems == [RecordProblem(id: bad, damage: .invalid)])
    #expect(try store.check().problems == [RecordProblem(id: bad, damage: .invalid)])
    #expect(throws: StoreError.damaged(id: bad, damage: .invalid)) { try store.export() }
  }

  @Test("an import holding a record a save would have refused names it and imports nothing", arguments: tamperings)
  func importRefused(_ tampering: Tampering) throws {
    let (temp, good, bad, badJSON) = try storeWithTamperedRecord(tampering.change)
    let goodJSON = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: temp.path(good + ".json"))))
    let document: [String: Any] = [
      "format": "svangre.export", "schema_version": 1, "exported_at": "2026-11-23T10:00:00+01:00",
      "records": [goodJSON, badJSON],
    ]
    let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    let other = TemporaryStore()
    let store = try other.open()
    #expect(throws: StoreError.importRefused(id: bad, reason: "invalid_record")) { try store.importRecords(data) }
    #expect(try store.list().isEmpty)
  }

  @Test("the CLI names the record: import refuses it (exit 2), check reports it (exit 3), list leaves it out")
  func cli() throws {
    let (temp, good, bad, badJSON) = try storeWithTamperedRecord { $0.visitation["level"] = 9 }
    let check = try messages(temp, ["store", "check"])
    #expect(check.da.status == 3 && check.da.stdout.contains("Journal \(bad) er beskadiget"))
    #expect(check.en.status == 3 && check.en.stdout.contains("a level outside 1–4"))
    let list = try runProduct("svangre", ["--store", temp.directory, "record", "list", "--format", "json"])
    #expect(list.status == 0 && list.stdout.contains(good) && !list.stdout.contains(bad))
    #expect(!list.stdout.contains("\"level\":9"))
    let file = temp.directory + "-import.json"
    defer { unlink(file) }
    try JSONSerialization.data(withJSONObject: badJSON).write(to: URL(fileURLWithPath: file))
    let other = TemporaryStore()
    let da = try runProduct("svangre", ["--store", other.directory, "import", file])
    let en = try runProduct("svangre", ["--store", other.directory, "--lang", "en", "import", file])
    #expect(
      da.status == 2 && da.stderr.contains("journal \(bad)") && da.stderr.contains("en gemning ville have afvist"))
    #expect(en.status == 2 && en.stderr.contains("record \(bad)") && en.stderr.contains("a save would have refused"))
    #expect(try other.open().list().isEmpty)
  }

  @Test("a save is held to the same rules: a visitation whose input is not an assessment is refused")
  func saveRefused() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    let record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    var visitation = sampleVisitation(level: 2)
    visitation.input = .sortedObject(["hello": .string("world")])
    #expect(throws: StoreError.invalidInput(field: "input", reason: "format")) {
      try store.appendVisitation(record.id, basedOn: 1, visitation: visitation, author: "AB")
    }
    visitation = sampleVisitation(level: 9)
    #expect(throws: StoreError.invalidInput(field: "level", reason: "format")) {
      try store.appendVisitation(record.id, basedOn: 1, visitation: visitation, author: "AB")
    }
    #expect(try store.load(record.id).revision == 1)
  }

  @Test("a record changed on disk after a store read it is checked again, even at the same size and time")
  func changedAfterRead() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    var record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    record = try store.appendVisitation(
      record.id, basedOn: 1, visitation: sampleVisitation(level: 2), author: "AB")
    #expect(try store.load(record.id).revision == 2)
    let path = temp.path(record.id + ".json")
    var info = stat()
    stat(path, &info)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let tampered = text.replacingOccurrences(of: "\"level\" : 2", with: "\"level\" : 9")
    #expect(tampered != text && tampered.utf8.count == text.utf8.count)
    try tampered.write(toFile: path, atomically: false, encoding: .utf8)
    var times = [info.st_atim, info.st_mtim]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    #expect(throws: StoreError.damaged(id: record.id, damage: .invalid)) { try store.load(record.id) }
  }

  @Test("the benchmark's synthetic records are records a save would write")
  func syntheticRecords() throws {
    let temp = TemporaryStore()
    let ids = try StoreBenchmarkSupport.seed(directory: temp.directory, count: 200)
    let store = try temp.open()
    #expect(try store.list().count == ids.count)
    #expect(store.problems == [])
  }

  @Test("a visitation under a region's own rule set reads back only when the store is given that rule set")
  func regionRuleSet() throws {
    let temp = TemporaryStore()
    // The bundled rule set under another id: a region's own, given with --rules.
    let bundled = try String(contentsOf: RuleSetFile.bundledURL, encoding: .utf8)
    let regional = bundled.replacingOccurrences(of: "\"id\": \"dk-rsyd-fodeplan\"", with: "\"id\": \"dk-region-test\"")
    #expect(regional != bundled)
    let rulesFile = temp.directory + "-rules.json"
    defer { unlink(rulesFile) }
    try regional.write(toFile: rulesFile, atomically: true, encoding: .utf8)
    let ruleSet = try RuleSet.load(Data(regional.utf8))
    let store = try temp.open(ruleSets: [ruleSet, .bundled])
    let record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    var visitation = sampleVisitation(level: 2)
    visitation.ruleSetID = "dk-region-test"
    _ = try store.appendVisitation(record.id, basedOn: 1, visitation: visitation, author: "AB")
    #expect(try temp.open(ruleSets: [ruleSet, .bundled]).load(record.id).revision == 2)
    #expect(throws: StoreError.damaged(id: record.id, damage: .unknownRuleSet)) { try temp.open().load(record.id) }
    let without = try runProduct("svangre", ["--store", temp.directory, "--lang", "en", "record", "show", record.id])
    #expect(without.status == 3 && without.stderr.contains("--rules FILE"))
    let with = try runProduct(
      "svangre", ["--store", temp.directory, "--rules", rulesFile, "record", "show", record.id, "--format", "json"])
    #expect(with.status == 0 && with.stdout.contains("dk-region-test"))
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The record's first history entry (its visitation).
  fileprivate var visitation: [String: Any] {
    get { (self["history"] as! [[String: Any]])[0] }
    set {
      var history = self["history"] as! [[String: Any]]
      history[0] = newValue
      self["history"] = history
    }
  }

  fileprivate var pregnancy: [String: Any] {
    get { self["pregnancy"] as! [String: Any] }
    set { self["pregnancy"] = newValue }
  }

  fileprivate var woman: [String: Any] {
    get { self["woman"] as! [String: Any] }
    set { self["woman"] = newValue }
  }

  /// Appends an entry with the next `seq`, a time and an author, and counts the revision.
  fileprivate mutating func append(_ entry: [String: Any]) {
    var history = self["history"] as! [[String: Any]]
    var entry = entry
    entry["seq"] = history.count + 1
    entry["at"] = "2026-11-24T09:00:00+01:00"
    entry["author"] = "CD"
    history.append(entry)
    self["history"] = history
    self["revision"] = history.count + 1
  }
}

/// Where the bundled rule set's JSON is in the checkout.
enum RuleSetFile {
  static var bundledURL: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Resources/rulesets/region-syddanmark-2021.json")
  }
}
