import Foundation
import Glibc
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// Tests with real child processes: SIGKILL at random moments, two writers at once, and
/// the CLI's contract. Serialized: they measure time and share two cores.
@Suite("Processes", .serialized)
struct ProcessTests {
  // A hang guard, not a speed target (those live in svangre-bench): generous, because a
  // loaded machine may take minutes where an idle one takes one.
  @Test(
    "crash test: a writer SIGKILLed at random moments 220 times loses no acknowledged save",
    .timeLimit(.minutes(10)), arguments: Backend.allCases)
  func crash(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let record = try store.createRecord(name: "Crash Test", cpr: "010190-1234", author: "AB")
    var acknowledged: [(revision: Int, marker: String)] = []
    var generator = SystemRandomNumberGenerator()
    let rounds = 220
    for _ in 0..<rounds {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: productPath("svangre-store-torture"))
      process.arguments = ["crash", try temp.location(), record.id]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      // Wait for the first acknowledged save, so most kills land mid-save rather than
      // during start-up; then kill at a random moment in the next ~3 saves.
      let reader = pipe.fileHandleForReading
      var output = reader.availableData
      usleep(UInt32.random(in: 0...25_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
      output += reader.readDataToEndOfFile()
      for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
        let parts = line.split(separator: " ")
        // Only whole lines count: the helper writes each line with one write(2).
        guard parts.count == 3, parts[0] == "ACK", let revision = Int(parts[1]) else {
          Issue.record("unexpected output line")
          continue
        }
        acknowledged.append((revision, String(parts[2])))
      }
      // After every kill the record reads back whole (on a server: the killed client's
      // transaction is rolled back).
      _ = try temp.store().load(record.id)
    }
    #expect(acknowledged.count >= rounds)

    let final = try temp.store().load(record.id)
    let saved = Dictionary(final.visitations.compactMap { view in marker(view).map { ($0, view.seq) } }) { a, _ in a }
    for ack in acknowledged {
      // Every acknowledged save is there, at the revision it was acknowledged with.
      #expect(saved[ack.marker] == ack.revision - 1, "save \(ack.marker) was acknowledged but is missing")
    }
    #expect(final.revision == final.history.count + 1)
    // Nothing but acknowledged saves and, at most, the one each killed writer was making.
    #expect(final.history.count <= acknowledged.count + rounds)
    let report = try temp.store().check()
    #expect(report.passed)
  }

  @Test(
    "concurrency: two processes, 200 saves each into one record; no lost update, clear refusals",
    arguments: Backend.allCases)
  func concurrency(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let record = try temp.store().createRecord(name: "Two Terminals", cpr: "010190-1234", author: "AB")
    let shared = Locked([String: ProcessResult]())
    let directory = try temp.location()
    let id = record.id
    let threads = ["A", "B"].map { tag in
      Thread {
        let result = try? runProduct("svangre-store-torture", ["contend", directory, id, "200", tag])
        shared.update { $0[tag] = result }
      }
    }
    threads.forEach { $0.start() }
    while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }
    let results = shared.value

    var refusals = 0
    for tag in ["A", "B"] {
      let result = try #require(results[tag])
      #expect(result.status == 0, "\(tag): \(result.stdout.suffix(300))")
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.filter { $0.hasPrefix("ACK ") }.count == 200)
      #expect(lines.last == "DONE 200")
      for line in lines where line.hasPrefix("REFUSED ") {
        refusals += 1
        #expect(line.contains("Not saved: changed by "))
        #expect(line.hasSuffix("Open it again and redo."))
      }
      #expect(!lines.contains { $0.hasPrefix("ERROR") })
    }
    let final = try temp.store().load(record.id)
    let markers = final.visitations.compactMap(marker)
    #expect(markers.count == 400)
    #expect(Set(markers) == Set((1...200).flatMap { ["A-\($0)", "B-\($0)"] }))
    #expect(final.revision == 401)
    // The two writers did overlap: some saves were refused and retried.
    #expect(refusals > 0)
    #expect(try temp.store().check().passed)
  }
}

@Suite("CLI record commands", .serialized)
struct CLIRecordTests {
  let temp = TemporaryStore()

  func svangre(_ arguments: [String], stdin: String? = nil, lang: String = "en") throws -> ProcessResult {
    try runProduct("svangre", ["--store", temp.directory, "--lang", lang] + arguments, stdin: stdin)
  }

  static let input = """
    {"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"},
     "findings": ["smoking"], "override": {"level": 3, "reason": "klinisk skøn"}}
    """

  @Test("the contract's minimal forms work exactly as written")
  func contractForms() throws {
    let new = try runProduct(
      "svangre",
      [
        "--store", temp.directory, "record", "new", "--name", "Søs Æbelø Ørnsholt", "--cpr", "010190-1234", "--author",
        "AB",
      ])
    #expect(new.status == 0)
    let id = new.stdout.trimmingCharacters(in: .newlines)
    #expect(new.stdout == id + "\n" && RecordID.isWellFormed(id))

    let inputFile = temp.directory + "/../input-\(id).json"
    try Self.input.write(toFile: inputFile, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: inputFile) }
    let assess = try runProduct(
      "svangre", ["--store", temp.directory, "record", "assess", id, "--input", inputFile, "--author", "AB"])
    #expect(assess.status == 0)
    let plain = try runProduct("svangre", ["assess", "--input", inputFile])
    #expect(assess.stdout == plain.stdout)  // exactly what `svangre assess` prints

    let show = try runProduct("svangre", ["--store", temp.directory, "record", "show", id, "--format", "json"])
    #expect(show.status == 0)
    let record = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    #expect(record["id"] as? String == id)
    #expect(record["name"] as? String == "Søs Æbelø Ørnsholt")
    #expect(record["cpr"] as? String == "010190-1234")
    let visitations = try #require(record["visitations"] as? [[String: Any]])
    #expect(visitations.count == 1)
    #expect(visitations[0]["author"] as? String == "AB")
    #expect(visitations[0]["suggested_level"] as? Int == 2)
    #expect(visitations[0]["level"] as? Int == 3)
    #expect(visitations[0]["override_reason"] as? String == "klinisk skøn")
    #expect((visitations[0]["at"] as? String)?.count == 25)
    // In text: when it was saved (the real clock, to the minute), then the clinical date.
    let text = try runProduct("svangre", ["--store", temp.directory, "record", "show", id, "--format", "text"])
    let at = try #require(visitations[0]["at"] as? String)
    #expect(text.stdout.contains("#1  \(Timestamp.minutes(at))  AB  Visitation 2026-11-23: niveau 3"), "\(text.stdout)")

    let list = try runProduct("svangre", ["--store", temp.directory, "record", "list", "--format", "json"])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 1 && rows[0]["id"] as? String == id && rows[0]["cpr"] as? String == "010190-XXXX")
    #expect(rows[0]["name"] as? String == "Søs Æbelø Ørnsholt")
    #expect(!list.stdout.contains("1234"))

    let check = try runProduct("svangre", ["--store", temp.directory, "store", "check"])
    #expect(check.status == 0)

    // The store location falls back to $SVANGRE_STORE.
    let viaEnvironment = try runProduct(
      "svangre", ["record", "list", "--format", "json"], environment: ["SVANGRE_STORE": temp.directory])
    #expect(viaEnvironment.stdout == list.stdout)
  }

  @Test("exit 2 for refused input, with the assess error unchanged and nothing saved")
  func refusedInput() throws {
    let id = try svangre(["record", "new", "--name", "A B", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .newlines)
    let missingAuthor = try svangre(["record", "new", "--name", "A B", "--cpr", "010190-1234"])
    #expect(missingAuthor.status == 2 && missingAuthor.stderr.contains("--author"))
    let badCPR = try svangre(["record", "new", "--name", "A B", "--cpr", "310290-1234", "--author", "AB"])
    #expect(badCPR.status == 2)
    #expect(!badCPR.stderr.contains("310290") && !badCPR.stdout.contains("310290"))
    let unknown = try svangre(["record", "show", "nosuchrecord"])
    #expect(unknown.status == 2 && unknown.stderr.contains("nosuchrecord"))
    // A CPR number in the id's place names her record; one that no record has is refused,
    // masked.
    let cprAsID = try svangre(["record", "show", "0101901234", "--format", "json"])
    #expect(cprAsID.status == 0 && cprAsID.stdout.contains(id))
    let unknownCPR = try svangre(["record", "show", "0202901234"])
    #expect(unknownCPR.status == 2 && !unknownCPR.stderr.contains("0202901234") && !unknownCPR.stderr.contains("1234"))

    let bad = "{\"reference_date\": \"2026-11-23\", \"parity\": \"x\", \"dating\": {\"due_date\": \"2027-05-20\"}}"
    let refused = try svangre(
      ["record", "assess", id, "--input", "-", "--author", "AB", "--format", "json"], stdin: bad)
    let plain = try svangre(["assess", "--input", "-", "--format", "json"], stdin: bad)
    #expect(refused.status == 2 && plain.status == 2)
    #expect(refused.stdout == plain.stdout && refused.stderr == plain.stderr)
    let noAuthor = try svangre(["record", "assess", id, "--input", "-"], stdin: Self.input)
    #expect(noAuthor.status == 2)
    #expect(try temp.open().load(id).history.isEmpty)
  }

  @Test("exit 3 for a damaged record, named in the message; text in Danish by default")
  func damaged() throws {
    let id = try svangre(["record", "new", "--name", "A B", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .newlines)
    try Data("{\"format\": \"svangre.rec".utf8).write(to: URL(fileURLWithPath: temp.path(id + ".json")))
    let english = try svangre(["record", "show", id])
    #expect(english.status == 3)
    #expect(english.stderr.contains("Record \(id) is damaged"))
    let danish = try runProduct("svangre", ["--store", temp.directory, "record", "show", id])
    #expect(danish.status == 3 && danish.stderr.contains("Journal \(id) er beskadiget"))
    let check = try svangre(["store", "check", "--format", "text"])
    #expect(check.status == 3 && check.stdout.contains(id))
    let quarantine = try svangre(["store", "quarantine", id])
    #expect(quarantine.status == 0)
    #expect(try svangre(["store", "check"]).status == 0)
  }

  @Test("amend, note, birth and close from the command line; export and import")
  func changes() throws {
    let id = try svangre(["record", "new", "--name", "A B", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .newlines)
    #expect(try svangre(["record", "note", id, "--text", "Første samtale", "--author", "AB"]).status == 0)
    #expect(
      try svangre([
        "record", "amend", id, "--field", "name", "--value", "Anna B", "--reason", "Stavefejl", "--author", "CD",
      ])
      .status == 0)
    let stale = try svangre(["record", "note", id, "--text", "x", "--author", "CD", "--expect-revision", "2"])
    #expect(stale.status == 2 && stale.stderr.contains("changed by CD at"))
    let birth = try svangre([
      "record", "birth", id, "--date", "2027-05-18", "--place", "hospital", "--author", "AB", "--today", "2027-05-20",
    ])
    #expect(birth.status == 2 && birth.stderr.contains("--discharge-hours"))
    #expect(
      try svangre([
        "record", "birth", id, "--date", "2027-05-18", "--place", "hospital", "--discharge-hours", "20", "--author",
        "AB", "--today", "2027-05-20",
      ]).status == 0)
    #expect(try svangre(["record", "close", id, "--reason", "Afsluttet", "--author", "AB"]).status == 0)
    let text = try svangre(["record", "show", id, "--format", "text"])
    #expect(text.stdout.contains("name changed from “A B” to “Anna B”; reason: Stavefejl"))

    let export = try svangre(["export"])
    #expect(export.status == 0)
    let other = TemporaryStore()
    let imported = try runProduct(
      "svangre", ["--store", other.directory, "import", "-", "--format", "json"], stdin: export.stdout)
    #expect(imported.status == 0 && imported.stdout.contains(id))
    let again = try runProduct(
      "svangre", ["--store", other.directory, "import", "-", "--format", "json"], stdin: export.stdout)
    #expect(again.status == 0 && again.stdout.contains("\"already_present\":[\"\(id)\"]"))
  }
}
