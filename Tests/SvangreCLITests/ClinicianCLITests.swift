import Foundation
import Testing

/// The CLI as a clinician uses it: a record named by her CPR number as well as its id
/// (never confused, never printed whole), `--author` from the saved initials, and `record
/// assess` on today's date when the input has none.
@Suite("svangre record as a clinician uses it")
struct ClinicianCLITests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-clin-\(UUID())")
  var store: String { directory.appendingPathComponent("store").path }
  var base: [String] { ["--store", store, "--lang", "en"] }

  func newRecord(_ cpr: String, name: String = "Anna") throws -> String {
    try svangre(base + ["record", "new", "--name", name, "--cpr", "-", "--author", "AB"], stdin: cpr + "\n").stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aRecordIsNamedByItsCPRNumberInTheIdsPlaceOrFromStandardInput() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    // In the id's place, with or without the hyphen.
    let shown = try svangre(base + ["record", "show", "010190-1234", "--format", "json"])
    #expect(shown.status == 0)
    #expect(try object(shown.stdout)["id"] as? String == id)
    let note = try svangre(base + ["record", "note", "0101901234", "--text", "Ringer", "--author", "AB"])
    #expect(note.status == 0 && note.stdout.contains(id))
    // From standard input: the number stands nowhere in the arguments.
    let closed = try svangre(
      base + ["record", "close", "--cpr", "-", "--reason", "Flyttet", "--author", "AB", "--format", "json"],
      stdin: "010190-1234\n")
    #expect(closed.status == 0)
    #expect(try object(closed.stdout)["id"] as? String == id)
    // Export takes it too.
    let export = try svangre(base + ["export", "010190-1234"])
    #expect(export.status == 0 && export.stdout.contains(id))
    // An id still works, unchanged.
    #expect(try svangre(base + ["record", "show", id, "--format", "json"]).status == 0)
  }

  @Test func anItemIsMarkedDoneForTheRecordHerNumberNames() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    let inputFile = directory.appendingPathComponent("input.json")
    try Data(#"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#.utf8)
      .write(to: inputFile)
    let assessed = try svangre(
      base + ["record", "assess", "--cpr", "-", "--input", inputFile.path, "--author", "AB"], stdin: "010190-1234\n")
    #expect(assessed.status == 0, "\(assessed.stderr)")
    // With --cpr the one argument is the item.
    let done = try svangre(
      base + [
        "--today", "2027-01-20", "record", "done", "--cpr", "-", "midwife_21", "--date", "2027-01-12", "--author", "CD",
        "--format", "json",
      ], stdin: "010190-1234\n")
    #expect(done.status == 0, "\(done.stderr)")
    #expect(try object(done.stdout)["id"] as? String == id)
    let byNumber = try svangre(
      base + ["--today", "2027-01-20", "record", "done", "0101901234", "scan_18_20", "--author", "CD"])
    #expect(byNumber.status == 0, "\(byNumber.stderr)")
  }

  @Test func anUnknownOrAmbiguousNumberIsRefusedNamingIdsAndTheMaskedNumberOnly() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try newRecord("010190-1234")
    let unknown = try svangre(base + ["record", "show", "020290-4321"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("No record has the CPR number 020290-XXXX."))
    #expect(!unknown.stderr.contains("4321") && !unknown.stdout.contains("4321"))
    #expect((try object(unknown.stdout)["error"] as? [String: Any])?["code"] as? String == "unknown_record")
    // A second pregnancy, the same woman: which one is meant must be said by id.
    let second = try newRecord("010190-1234", name: "Anna, 2. graviditet")
    let ambiguous = try svangre(base + ["record", "show", "010190-1234", "--format", "json"])
    #expect(ambiguous.status == 2)
    #expect(ambiguous.stderr.contains("010190-XXXX is in 2 records") || ambiguous.stderr.contains("is in 2 records"))
    #expect(ambiguous.stderr.contains(first) && ambiguous.stderr.contains(second))
    #expect(!ambiguous.stderr.contains("1234"))
    #expect(try object(ambiguous.stdout)["error"] != nil)
    // Both an id and --cpr, or neither: said, not guessed.
    let both = try svangre(base + ["record", "show", first, "--cpr", "010190-1234"])
    #expect(both.status == 2 && both.stderr.contains("an id or --cpr, not both"))
    let neither = try svangre(base + ["record", "show"])
    #expect(neither.status == 2 && neither.stderr.contains("Name the record"))
    // An invalid number given with --cpr is refused as the store refuses one.
    let invalid = try svangre(base + ["record", "show", "--cpr", "-"], stdin: "310290-1234\n")
    #expect(invalid.status == 2 && invalid.stderr.contains("CPR number"))
    // Standard input cannot carry both the number and the assessment.
    let twice = try svangre(
      base + ["record", "assess", "--cpr", "-", "--author", "AB"], stdin: "010190-1234\n{}")
    #expect(twice.status == 2 && twice.stderr.contains("Standard input can be used for one thing only"))
  }

  @Test func anIdThatIsAlsoACPRNumberIsRefusedAsAmbiguous() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    // An imported record may carry any id of letters and digits: give one all digits.
    let exported = try svangre(base + ["export", id]).stdout
    let renamed = exported.replacingOccurrences(of: id, with: "0202904321")
    let file = directory.appendingPathComponent("import.json")
    try Data(renamed.utf8).write(to: file)
    let other = directory.appendingPathComponent("other")
    let imported = try svangre(["--store", other.path, "--lang", "en", "import", file.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    _ = try svangre(
      ["--store", other.path, "record", "new", "--name", "Bente", "--cpr", "-", "--author", "AB"],
      stdin: "020290-4321\n")
    let ambiguous = try svangre(["--store", other.path, "--lang", "en", "record", "show", "0202904321"])
    #expect(ambiguous.status == 2)
    #expect(ambiguous.stderr.contains("is both a CPR number and a record's id"))
    #expect(!ambiguous.stderr.contains("4321"))
  }

  @Test func theAuthorDefaultsToTheInitialsTheTUISaved() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    let config = directory.appendingPathComponent("config")
    // No saved initials: refused, and told how to give them.
    let refused = try svangre(
      base + ["record", "note", id, "--text", "x"], environment: ["XDG_CONFIG_HOME": config.path])
    #expect(refused.status == 2 && refused.stderr.contains("--author"))
    // The TUI's file: ~/.config/svangre/config.json (here under XDG_CONFIG_HOME).
    try FileManager.default.createDirectory(
      at: config.appendingPathComponent("svangre"), withIntermediateDirectories: true)
    try Data(#"{"initials": "CD"}"#.utf8).write(to: config.appendingPathComponent("svangre/config.json"))
    let saved = try svangre(
      base + ["record", "note", id, "--text", "Ringer"], environment: ["XDG_CONFIG_HOME": config.path])
    #expect(saved.status == 0, "\(saved.stderr)")
    // --author still wins.
    _ = try svangre(
      base + ["record", "note", id, "--text", "Igen", "--author", "EF"], environment: ["XDG_CONFIG_HOME": config.path])
    let shown = try object(try svangre(base + ["record", "show", id, "--format", "json"]).stdout)
    let notes = try #require(shown["notes"] as? [[String: Any]])
    #expect(notes.map { $0["author"] as? String } == ["CD", "EF"])
  }

  @Test func whoOpenedARecordIsLoggedWithTheSavedInitialsUnlessGiven() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    let config = directory.appendingPathComponent("config")
    try FileManager.default.createDirectory(
      at: config.appendingPathComponent("svangre"), withIntermediateDirectories: true)
    try Data(#"{"initials": "CD"}"#.utf8).write(to: config.appendingPathComponent("svangre/config.json"))
    let saved = ["XDG_CONFIG_HOME": config.path]
    let day = ["--today", "2026-11-23"]
    let input = #"{"parity": "nulliparous", "dating": {"due_date": "2027-05-20"}, "findings": []}"#
    let assessed = try svangre(base + day + ["record", "assess", id, "--author", "AB"], stdin: input)
    #expect(assessed.status == 0, "\(assessed.stderr)")
    for command in [["record", "show", id], ["record", "summary", id], ["record", "referral", id]] {
      let opened = try svangre(base + day + command, environment: saved)
      #expect(opened.status == 0, "\(command): \(opened.stderr)")
    }
    // Given initials win; named by her CPR number, the same record's log.
    let plan = try svangre(
      base + day + ["export", "plan", id, "--format", "text", "--author", "EF"], environment: saved)
    #expect(plan.status == 0, "\(plan.stderr)")
    let log = try svangre(
      base + ["record", "access-log", "--cpr", "-", "--format", "json"], stdin: "010190-1234\n")
    #expect(log.status == 0, "\(log.stderr)")
    let accesses = try #require(try object(log.stdout)["accesses"] as? [[String: Any]])
    #expect(accesses.map { $0["purpose"] as? String } == ["show", "summary", "referral", "plan_export"])
    #expect(accesses.map { $0["initials"] as? String } == ["CD", "CD", "CD", "EF"])
  }

  @Test func recordAssessTakesTodayWhenTheInputHasNoReferenceDate() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let id = try newRecord("010190-1234")
    let input = #"{"parity": "nulliparous", "dating": {"due_date": "2027-05-20"}, "findings": []}"#
    let assessed = try svangre(
      base + ["--today", "2026-11-23", "record", "assess", id, "--author", "AB", "--format", "json"], stdin: input)
    #expect(assessed.status == 0, "\(assessed.stderr)")
    #expect(try object(assessed.stdout)["gestational_age"] as? String == "14+4")
    let shown = try object(try svangre(base + ["record", "show", id, "--format", "json"]).stdout)
    let visitation = try #require((shown["visitations"] as? [[String: Any]])?.first)
    #expect((visitation["input"] as? [String: Any])?["reference_date"] as? String == "2026-11-23")
    // A date in the input is kept; a key given twice is still refused, and nothing saved.
    let dated = #"{"reference_date": "2026-12-01", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#
    let kept = try svangre(
      base + ["--today", "2026-11-23", "record", "assess", id, "--author", "AB", "--format", "json"], stdin: dated)
    #expect(try object(kept.stdout)["gestational_age"] as? String == "15+5")
    let twice = #"{"parity": "nulliparous", "parity": "multiparous", "dating": {"due_date": "2027-05-20"}}"#
    let refused = try svangre(
      base + ["--today", "2026-11-23", "record", "assess", id, "--author", "AB", "--format", "json"], stdin: twice)
    #expect(refused.status == 2)
    #expect((try object(refused.stdout)["error"] as? [String: Any])?["code"] as? String == "invalid_json")
    let after = try object(try svangre(base + ["record", "show", id, "--format", "json"]).stdout)
    #expect((after["visitations"] as? [Any])?.count == 2)
  }
}
