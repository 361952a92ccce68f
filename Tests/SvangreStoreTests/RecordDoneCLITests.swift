import Foundation
import Testing
@testable import SvangreStore

/// `svangre record done` as a process: saved, shown, corrected, refused in both languages
/// with the contract's exit codes. The clinical date is `--today`, never the clock.
@Suite("CLI record done", .serialized)
struct RecordDoneCLITests {
  let temp = TemporaryStore()

  func svangre(_ arguments: [String], lang: String = "en", stdin: String? = nil) throws -> ProcessResult {
    try runProduct(
      "svangre", ["--store", temp.directory, "--lang", lang, "--today", "2027-01-20"] + arguments, stdin: stdin)
  }

  /// A record seen on 2026-11-23, nulliparous, due 2027-05-20.
  func record() throws -> String {
    let id = try svangre(["record", "new", "--name", "Søs Ørnsholt", "--cpr", "010190-1234", "--author", "AB"])
      .stdout.trimmingCharacters(in: .newlines)
    let input = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#
    let assess = try svangre(["record", "assess", id, "--input", "-", "--author", "AB"], stdin: input)
    #expect(assess.status == 0)
    return id
  }

  func current(_ id: String) throws -> [String: [String: Any]] {
    let show = try svangre(["record", "show", id, "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    let current = try #require(json["current"] as? [String: Any])
    let assessment = try #require(current["assessment"] as? [String: Any])
    let schedule = try #require(assessment["schedule"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: schedule.map { ($0["id"] as! String, $0) })
  }

  @Test("record done saves the item; record show and the status change; the day defaults to --today")
  func doneAndShown() throws {
    let id = try record()
    #expect(try current(id)["midwife_21"]?["status"] as? String == "missed")
    let done = try svangre([
      "record", "done", id, "midwife_21", "--date", "2027-01-12", "--author", "CD", "--note", "ok", "--format", "json",
    ])
    #expect(done.status == 0 && done.stdout.contains("\"revision\":3"))
    let items = try current(id)
    #expect(items["midwife_21"]?["status"] as? String == "done")
    #expect(items["midwife_21"]?["done_date"] as? String == "2027-01-12")

    let today = try svangre(["record", "done", id, "scan_18_20", "--author", "CD", "--format", "text"])
    #expect(today.status == 0 && today.stdout.contains("revision 4"))
    #expect(try current(id)["scan_18_20"]?["done_date"] as? String == "2027-01-20")

    let show = try svangre(["record", "show", id, "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    let attendance = try #require(json["attendance"] as? [[String: Any]])
    #expect(attendance.map { $0["item"] as? String } == ["midwife_21", "scan_18_20"])
    #expect(attendance.first?["note"] as? String == "ok" && attendance.first?["author"] as? String == "CD")
    let text = try svangre(["record", "show", id, "--format", "text"])
    #expect(text.stdout.contains("Done: Midwife visit week 21 (midwife_21) on 2027-01-12; note: ok"))
  }

  @Test("a correction of the day and a cancellation keep the original; the status follows")
  func corrected() throws {
    let id = try record()
    _ = try svangre(["record", "done", id, "midwife_21", "--date", "2027-01-12", "--author", "CD"])
    let amend = try svangre([
      "record", "amend", id, "--field", "done.date", "--entry", "2", "--value", "2027-01-13", "--reason", "forkert dag",
      "--author", "EF",
    ])
    #expect(amend.status == 0)
    #expect(try current(id)["midwife_21"]?["done_date"] as? String == "2027-01-13")
    let future = try svangre([
      "record", "amend", id, "--field", "done.date", "--entry", "2", "--value", "2027-01-21", "--reason", "x",
      "--author", "EF",
    ])
    #expect(future.status == 2 && future.stderr.contains("after today"))
    let cancel = try svangre([
      "record", "amend", id, "--field", "done.cancelled", "--entry", "2", "--value", "true", "--reason", "ikke mødt",
      "--author", "EF",
    ])
    #expect(cancel.status == 0)
    #expect(try current(id)["midwife_21"]?["status"] as? String == "missed")
    let show = try svangre(["record", "show", id, "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    let entry = try #require((json["attendance"] as? [[String: Any]])?.first)
    #expect(entry["recorded_date"] as? String == "2027-01-12" && entry["date"] as? String == "2027-01-13")
    #expect(entry["cancelled"] as? Bool == true && (entry["amendments"] as? [Any])?.count == 2)
  }

  @Test("refusals: exit 2, a message in Danish and English, nothing saved")
  func refusals() throws {
    let id = try record()
    let cases: [([String], String, String)] = [
      (["scan_99"], "no such item", "ikke noget sådant punkt"),
      (["midwife_36"], "not in her programme", "ikke i hendes program"),
      (["midwife_21", "--date", "2027-01-21"], "after today", "efter i dag"),
      (["midwife_21", "--date", "2026-08-01"], "before the pregnancy", "før graviditeten"),
      (["midwife_21", "--date", "21-01-2027"], "YYYY-MM-DD", "ÅÅÅÅ-MM-DD"),
      (["midwife_21", "--note", String(repeating: "x", count: 20_001)], "20,000", "20.000"),
    ]
    for (arguments, english, danish) in cases {
      let en = try svangre(["record", "done", id] + arguments + ["--author", "CD"])
      #expect(en.status == 2 && en.stderr.contains(english), "\(arguments): \(en.stderr)")
      let da = try svangre(["record", "done", id] + arguments + ["--author", "CD"], lang: "da")
      #expect(da.status == 2 && da.stderr.contains(danish), "\(arguments): \(da.stderr)")
      #expect(!en.stderr.contains("Error:") && !en.stderr.contains("done.item"))
    }
    // An item she does not have: her programme's items are listed.
    let unknown = try svangre(["record", "done", id, "midwife_36", "--author", "CD"])
    #expect(unknown.stderr.contains("midwife_21, gp_25"))
    let author = try svangre(["record", "done", id, "midwife_21", "--author", "A.B."])
    #expect(author.status == 2 && author.stderr.contains("initials"))
    let json = try svangre(["record", "done", id, "scan_99", "--author", "CD", "--format", "json"])
    #expect(json.stdout.contains("\"code\":\"invalid_input\""))
    let missing = try svangre(["record", "done", "zzzzzzzzzzzz", "midwife_21", "--author", "CD"])
    #expect(missing.status == 2)
    #expect(try svangre(["record", "show", id, "--format", "json"]).stdout.contains("\"revision\":2"))
  }
}
