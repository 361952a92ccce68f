import Foundation
import Testing

/// `svangre due` as a process: the week's worklist as JSON and text, its filters, and its
/// refusals in both languages.
@Suite("svangre due")
struct DueCommandTests {
  let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-due-\(UUID().uuidString)").path

  /// A record seen on 2026-11-23 and due on `due`; its id.
  func woman(_ name: String, cpr: String, due: String) throws -> String {
    let id = try svangre(["--store", store, "record", "new", "--name", name, "--cpr", cpr, "--author", "AB"])
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let input = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "\#(due)"}}"#
    #expect(try svangre(["--store", store, "record", "assess", id, "--author", "AB"], stdin: input).status == 0)
    return id
  }

  func due(_ arguments: [String], lang: String = "da") throws -> Run {
    try svangre(["--store", store, "--today", "2026-12-16", "--lang", lang, "due"] + arguments)
  }

  @Test("this week by default, grouped by day, as stable JSON")
  func json() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let søs = try woman("Søs Ørnsholt", cpr: "010190-2000", due: "2027-05-20")
    let ida = try woman("Ida Ærø", cpr: "020290-4000", due: "2027-04-26")
    let run = try due(["--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let output = try object(run.stdout)
    #expect(output["format"] as? String == "svangre.due" && output["version"] as? Int == 1)
    #expect(output["today"] as? String == "2026-12-16")
    #expect(output["from"] as? String == "2026-12-14" && output["to"] as? String == "2026-12-20")
    #expect(output["counts"] as? [String: Int] == ["due": 2, "late": 0, "missed": 0, "done": 0])
    let days = try #require(output["days"] as? [[String: Any]])
    #expect(days.map { $0["date"] as? String } == ["2026-12-14", "2026-12-17"])
    let items = days.compactMap { $0["items"] as? [[String: Any]] }.flatMap { $0 }
    #expect(items.map { $0["record"] as? String } == [ida, søs])
    #expect(items.map { $0["item"] as? String } == ["midwife_21", "scan_18_20"])
    let scan = items[1]
    #expect(scan["cpr"] as? String == "010190-XXXX" && scan["gestational_age"] as? String == "18+0")
    #expect(scan["who"] as? String == "sonographer" && scan["status"] as? String == "due")
    #expect(scan["from"] as? String == "2026-12-17" && scan["level"] as? Int == 1)
    // The keys in their documented order.
    let keys = ["status", "record", "name", "cpr", "level", "gestational_age", "days_after_birth", "item", "label"]
    let positions = keys.map { run.stdout.range(of: "\"\($0)\"")!.lowerBound }
    #expect(positions == positions.sorted())
    #expect(!run.stdout.contains("010190-2000"))
  }

  @Test("filters by who and status; a range of days; text in Danish and English")
  func filtersAndText() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    _ = try woman("Søs Ørnsholt", cpr: "010190-2000", due: "2027-05-20")
    _ = try woman("Ida Ærø", cpr: "020290-4000", due: "2027-04-26")
    let midwife = try object(try due(["--format", "json", "--who", "midwife"]).stdout)
    #expect(midwife["counts"] as? [String: Int] == ["due": 1, "late": 0, "missed": 0, "done": 0])
    #expect((midwife["filter"] as? [String: Any])?["who"] as? [String] == ["midwife"])
    let done = try object(
      try due(["--format", "json", "--status", "done", "--from", "2026-11-23", "--to", "2026-11-23"]).stdout)
    let doneItems = (done["days"] as? [[String: Any]])?.compactMap { $0["items"] as? [[String: Any]] }.flatMap { $0 }
    #expect(doneItems?.map { $0["item"] as? String } == ["midwife_13_15"])
    let text = try due(["--format", "text"], lang: "da")
    #expect(text.status == 0)
    #expect(text.stdout.contains("Ugens kalender 2026-12-14 – 2026-12-20"))
    #expect(text.stdout.contains("Mandag 2026-12-14") && text.stdout.contains("Torsdag 2026-12-17"))
    #expect(
      text.stdout.contains("i vindue") && text.stdout.contains("Søs Ørnsholt") && text.stdout.contains("Sonograf"))
    let english = try due(["--format", "text"], lang: "en")
    #expect(english.stdout.contains("Thursday 2026-12-17") && english.stdout.contains("Sonographer"))
    #expect(english.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test("an item recorded done leaves the list and is counted and listed as done on its day")
  func recordedDone() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let søs = try woman("Søs Ørnsholt", cpr: "010190-2000", due: "2027-05-20")
    let done = try svangre([
      "--store", store, "--today", "2026-12-18", "record", "done", søs, "scan_18_20", "--date", "2026-12-17",
      "--author", "AB",
    ])
    #expect(done.status == 0, "\(done.stderr)")
    // As of Friday the scan is known done (on Thursday): out of the list, in the counts.
    let thursday = try object(
      try svangre(["--store", store, "--today", "2026-12-18", "due", "--format", "json"]).stdout)
    #expect(thursday["counts"] as? [String: Int] == ["due": 0, "late": 0, "missed": 0, "done": 1])
    #expect((thursday["days"] as? [Any])?.isEmpty == true)
    let listed = try object(
      try svangre(["--store", store, "--today", "2026-12-18", "due", "--status", "done", "--format", "json"]).stdout)
    let days = try #require(listed["days"] as? [[String: Any]])
    #expect(days.map { $0["date"] as? String } == ["2026-12-17"])
  }

  @Test("bad options are refused with a clear message in the user's language, exit 2")
  func refusals() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let cases: [([String], String, String)] = [
      (["--from", "2026-13-01"], "skal være en dato som ÅÅÅÅ-MM-DD", "must be a date as YYYY-MM-DD"),
      (["--from", "2026-12-20", "--to", "2026-12-14"], "ligger efter", "is after"),
      (["--from", "2026-01-01", "--to", "2027-06-01"], "højst være 366 dage", "at most 366 days"),
      (["--who", "doula"], "ukendt faggruppe 'doula'", "unknown provider 'doula'"),
      (["--status", "past"], "ukendt status 'past'", "unknown status 'past'"),
    ]
    for (arguments, danish, english) in cases {
      let da = try due(arguments)
      #expect(da.status == 2 && da.stderr.contains(danish), "\(arguments): \(da.stderr)")
      let en = try due(arguments, lang: "en")
      #expect(en.status == 2 && en.stderr.contains(english), "\(arguments): \(en.stderr)")
      #expect(!da.stderr.contains("Error:") && !da.stderr.contains("Fatal"))
    }
  }
}
