import Foundation
import Testing

/// `svangre export plan`, `record summary` and `record referral` as processes: what is
/// written where, and what is refused.
@Suite struct DocumentCommandTests {
  /// A store with one woman and one visitation (twins, level raised to 3).
  final class Store {
    let directory = NSTemporaryDirectory() + "svangre-cli-documents-" + UUID().uuidString.lowercased()
    var id = ""
    let cpr = "010190-2000"

    init(visitation: Bool = true) throws {
      let created = try svangre([
        "--store", directory, "record", "new", "--name", "Søs Ørnsholt", "--cpr", cpr, "--author", "AB",
      ])
      try #require(created.status == 0, "\(created.stderr)")
      id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      guard visitation else { return }
      let input = #"""
        {"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"},
         "findings": ["multiple_pregnancy", "home_birth_wish"], "override": {"level": 3, "reason": "Lang vej"}}
        """#
      let assessed = try svangre(
        ["--store", directory, "record", "assess", id, "--author", "AB", "--format", "json"], stdin: input)
      try #require(assessed.status == 0, "\(assessed.stderr)")
    }

    func run(_ arguments: [String], language: String = "da") throws -> Run {
      try svangre(["--store", directory, "--today", "2026-11-30", "--lang", language] + arguments)
    }

    func file(_ name: String) -> String { directory + "-out/" + name }

    deinit {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: directory + "-out")
    }
  }

  func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  @Test("Each format to a new file, 0600; a second export to it is refused and the file kept")
  func newFileOnly() throws {
    let store = try Store()
    try FileManager.default.createDirectory(atPath: store.file(""), withIntermediateDirectories: true)
    for format in ["ics", "html", "text"] {
      let path = store.file("plan.\(format)")
      let first = try store.run(["export", "plan", store.id, "--format", format, "--output", path])
      #expect(first.status == 0, "\(first.stderr)")
      #expect(first.stdout.isEmpty)
      #expect(try mode(path) == 0o600)
      let written = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(!String(decoding: written, as: UTF8.self).contains(store.cpr))
      let again = try store.run(["export", "plan", store.id, "--format", format, "--output", path], language: "en")
      #expect(again.status == 2)
      #expect(again.stderr.contains("already exists"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
    }
    #expect(
      String(decoding: try Data(contentsOf: URL(fileURLWithPath: store.file("plan.ics"))), as: UTF8.self)
        .hasPrefix("BEGIN:VCALENDAR\r\n"))
    // The store's own export writes through the same rule.
    let json = store.file("store.json")
    #expect(try store.run(["export", "--output", json]).status == 0)
    #expect(try mode(json) == 0o600)
    #expect(try store.run(["export", "--output", json]).status == 2)
  }

  @Test("A CPR number in the file name is refused, with or without its hyphen, and not repeated")
  func noCPRInFileNames() throws {
    let store = try Store()
    try FileManager.default.createDirectory(atPath: store.file(""), withIntermediateDirectories: true)
    for name in ["plan-\(store.cpr).ics", "0101902000.html", "søs-\(store.cpr)-eksport.json"] {
      let arguments =
        name.hasSuffix(".json")
        ? ["export", "--output", store.file(name)]
        : [
          "export", "plan", store.id, "--format", name.hasSuffix(".ics") ? "ics" : "html", "--output", store.file(name),
        ]
      let run = try store.run(arguments)
      #expect(run.status == 2, "\(name)")
      #expect(run.stderr.contains("CPR-nummer"))
      #expect(!run.stderr.contains("010190") && !run.stderr.contains("0101902000"))
      #expect(!FileManager.default.fileExists(atPath: store.file(name)))
    }
  }

  @Test("The plan to standard output; the calendar holds neither her CPR number nor her name")
  func planToStandardOutput() throws {
    let store = try Store()
    let ics = try store.run(["export", "plan", store.id, "--format", "ics"])
    #expect(ics.status == 0)
    #expect(ics.stdout.contains("BEGIN:VEVENT") && ics.stdout.contains("\r\n"))
    #expect(!ics.stdout.contains(store.cpr) && !ics.stdout.contains("0101902000") && !ics.stdout.contains("Ørnsholt"))
    let text = try store.run(["export", "plan", store.id], language: "en")
    #expect(text.status == 0)
    #expect(text.stdout.contains("Your pregnancy plan") && text.stdout.contains("Søs Ørnsholt"))
  }

  @Test("record summary (text and JSON) and record referral")
  func summaryAndReferral() throws {
    let store = try Store()
    let text = try store.run(["record", "summary", store.id])
    #expect(text.status == 0)
    #expect(text.stdout.contains("Niveau 3 valgt; reglerne foreslår niveau 2. Begrundelse: Lang vej"))
    #expect(!text.stdout.contains(store.cpr) && !text.stdout.contains("Ørnsholt"))
    let json = try object(try store.run(["record", "summary", store.id, "--format", "json"]).stdout)
    #expect(json["level"] as? Int == 3 && json["suggested_level"] as? Int == 2)
    #expect(json["override_reason"] as? String == "Lang vej")
    #expect(json["date"] as? String == "2026-11-30")
    let referral = try store.run(["record", "referral", store.id], language: "en")
    #expect(referral.status == 0)
    #expect(referral.stdout.contains("Referral to the birth place") && referral.stdout.contains("Wishes:"))
  }

  @Test("Before the first visitation there is nothing to write: exit 2, said in the user's language")
  func noVisitation() throws {
    let store = try Store(visitation: false)
    for (command, language) in [(["record", "summary", store.id], "da"), (["export", "plan", store.id], "en")] {
      let run = try store.run(command, language: language)
      #expect(run.status == 2)
      #expect(run.stderr.contains(language == "da" ? "ingen visitation" : "no visitation"))
      #expect(run.stdout.isEmpty)
    }
    #expect(try store.run(["record", "referral", "nosuchrecord"]).status == 2)
  }
}
