import Foundation
import SvangreRules
import Testing

/// Runs a shell command line with `$SVANGRE` set to the binary (for pipes and limits).
func shell(_ script: String) throws -> Run {
  try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: ["SVANGRE": svangreBinary.path])
}

/// A temporary file of `size` bytes that takes no disk space (a hole), or with `text`.
func temporaryFile(size: Int? = nil, text: String? = nil) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-limits-\(UUID()).json")
  _ = FileManager.default.createFile(atPath: url.path, contents: text.map { Data($0.utf8) })
  if let size {
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
  }
  return url
}

let plainInput = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#

@Suite("Everything read has a limit")
struct ReadLimitTests {
  @Test("2 GB on standard input under a memory limit: refused with exit 2 and the contract's error, no backtrace")
  func endlessStandardInput() throws {
    let run = try shell(#"ulimit -v 1500000; head -c 2G /dev/zero | "$SVANGRE" assess --format json --lang en"#)
    #expect(run.status == 2)
    #expect(!run.stderr.contains("Fatal error"))
    let error = try #require(try object(run.stdout)["error"] as? [String: Any])
    #expect(error["code"] as? String == "invalid_json")
    #expect(run.stderr.contains("larger than 1 MiB"))
  }

  @Test("An input of exactly 1 MiB is read; one byte more is refused, from a file or a pipe")
  func assessmentLimit() throws {
    let padding = String(repeating: " ", count: InputLimits.assessmentBytes - plainInput.utf8.count)
    let exact = try temporaryFile(text: plainInput + padding)
    let over = try temporaryFile(text: plainInput + padding + " ")
    defer {
      try? FileManager.default.removeItem(at: exact)
      try? FileManager.default.removeItem(at: over)
    }
    #expect(try svangre(["assess", "--input", exact.path]).status == 0)
    let refused = try svangre(["assess", "--input", over.path, "--format", "json"])
    #expect(refused.status == 2)
    #expect((try object(refused.stdout)["error"] as? [String: Any])?["code"] as? String == "invalid_json")
    #expect(try shell(#"cat "\#(exact.path)" | "$SVANGRE" assess"#).status == 0)
    #expect(try shell(#"cat "\#(over.path)" | "$SVANGRE" assess"#).status == 2)
  }

  @Test("A missing input file gives the error object too (--format json)")
  func missingFile() throws {
    let run = try svangre(["assess", "--input", "/nonexistent/x.json", "--format", "json", "--lang", "en"])
    #expect(run.status == 2)
    let error = try #require(try object(run.stdout)["error"] as? [String: Any])
    #expect(error["code"] as? String == "invalid_json")
    #expect((error["message"] as? String)?.contains("/nonexistent/x.json") == true)
  }

  @Test("A rule set file and an import over their limits are refused by their size, without reading them")
  func fileLimits() throws {
    let rules = try temporaryFile(size: InputLimits.ruleSetBytes + 1)
    let export = try temporaryFile(size: InputLimits.importBytes + 1)
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-limits-\(UUID())").path
    defer {
      try? FileManager.default.removeItem(at: rules)
      try? FileManager.default.removeItem(at: export)
      try? FileManager.default.removeItem(atPath: store)
    }
    let check = try svangre(["rules", "check", rules.path, "--lang", "en"])
    #expect(check.status == 2)
    #expect(check.stderr.contains("larger than 4 MiB"))
    let assess = try svangre(["assess", "--rules", rules.path], stdin: plainInput)
    #expect(assess.status == 2)
    let imported = try svangre(["--store", store, "import", export.path, "--format", "json", "--lang", "en"])
    #expect(imported.status == 2)
    #expect(imported.stderr.contains("larger than 256 MiB"))
    #expect((try object(imported.stdout)["error"] as? [String: Any])?["code"] as? String == "import_refused")
  }

  @Test("A quiz answer is one line, not the rest of a 2 GB stream")
  func quizLine() throws {
    let run = try shell(
      #"ulimit -v 1500000; head -c 2G /dev/zero | "$SVANGRE" training quiz --count 1 --seed 1 --today 2026-11-23"#)
    #expect(run.status == 2)
    #expect(!run.stderr.contains("Fatal error"))
  }
}

@Suite(
  "Free texts and dates have one limit")
struct TextAndDateLimitTests {
  let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-limits-\(UUID())").path

  func record(_ arguments: [String], stdin: String = "") throws -> Run {
    try svangre(["--store", store, "--lang", "en", "--today", "2026-11-23"] + arguments, stdin: stdin)
  }

  func newRecord(dueDate: String? = nil) throws -> Run {
    try record(
      ["record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB"]
        + (dueDate.map { ["--due-date", $0] } ?? []))
  }

  @Test("A note, a reason and a name at the limit are saved; one character more is refused")
  func freeText() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try newRecord().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let longest = String(repeating: "ø", count: InputLimits.freeTextCharacters)
    #expect(try record(["record", "note", id, "--author", "AB", "--text", longest]).status == 0)
    let note = try record(["record", "note", id, "--author", "AB", "--text", longest + "x"])
    #expect(note.status == 2)
    #expect(note.stderr.contains("at most 20,000 characters"))
    // Combining marks count: one letter with 20,000 marks is not one character.
    let marks = "x" + String(repeating: "\u{301}", count: InputLimits.freeTextCharacters)
    #expect(try record(["record", "note", id, "--author", "AB", "--text", marks]).status == 2)
    #expect(try record(["record", "close", id, "--author", "AB", "--reason", longest + "x"]).status == 2)
    let name = String(repeating: "Å", count: InputLimits.nameCharacters + 1)
    #expect(
      try record(["record", "amend", id, "--field", "name", "--value", name, "--reason", "r", "--author", "AB"]).status
        == 2)
    let shown = try record(["record", "show", id, "--format", "json"])
    #expect((try object(shown.stdout)["revision"] as? Int) == 2)  // only the first note was saved
  }

  @Test("An override reason over the limit is refused by record assess, and nothing is saved")
  func overrideReason() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try newRecord().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let reason = String(repeating: "a", count: InputLimits.freeTextCharacters + 1)
    let input =
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}, "override": {"level": 3, "reason": ""#
      + reason + #""}}"#
    let run = try record(["record", "assess", id, "--author", "AB", "--format", "json"], stdin: input)
    #expect(run.status == 2)
    let shown = try record(["record", "show", id, "--format", "json"])
    #expect((try object(shown.stdout)["visitations"] as? [Any])?.isEmpty == true)
  }

  @Test("Due dates within a year of today, births within the last year, never year 9999")
  func dates() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    for far in ["9999-12-31", "2027-11-24", "2025-11-22", "1999-06-01"] {
      let run = try newRecord(dueDate: far)
      #expect(run.status == 2, "due date \(far)")
      #expect(run.stderr.contains("within a year of today"))
    }
    let created = try newRecord(dueDate: "2027-11-23")  // exactly a year ahead
    #expect(created.status == 0)
    let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let amend = ["record", "amend", id, "--reason", "typo", "--author", "AB", "--field"]
    #expect(try record(amend + ["due_date", "--value", "9999-01-01"]).status == 2)
    #expect(try record(amend + ["due_date", "--value", "2027-05-20"]).status == 0)
    let birth = ["record", "birth", id, "--place", "home", "--author", "AB", "--date"]
    let old = try record(birth + ["2025-11-22"])
    #expect(old.status == 2)
    #expect(old.stderr.contains("within the last year"))
    #expect(try record(birth + ["2026-11-20"]).status == 0)
    #expect(try record(amend + ["birth.date", "--value", "2025-01-01"]).status == 2)
  }

  @Test("An import whose JSON gives a key twice is refused, naming why")
  func duplicateKeysInImport() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try newRecord().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let exported = try record(["export", id]).stdout
    // The same record under another id, with a second "name" beside the first.
    let other = "p2kc7qehccta"
    let doubled = exported.replacingOccurrences(of: id, with: other)
      .replacingOccurrences(of: #""name" : "Anna""#, with: #""name" : "Anna", "name" : "Bodil""#)
    #expect(doubled.contains("Bodil"))
    let run = try record(["import", "-", "--format", "json"], stdin: doubled)
    #expect(run.status == 2)
    #expect(run.stderr.contains("same key twice"))
    #expect(try record(["record", "show", other]).status == 2)  // nothing was imported
    // Without the second key the same document imports.
    let single = exported.replacingOccurrences(of: id, with: other)
    #expect(try record(["import", "-"], stdin: single).status == 0)
  }
}
