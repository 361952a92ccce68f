import Foundation
import Testing

/// `record list` and `record show` give a record's state after corrections, as the TUI does.
@Suite(
  "svangre record: corrections count", .enabled(if: FileManager.default.isExecutableFile(atPath: svangreBinary.path)))
struct RecordCurrentProcessTests {
  @Test("After correcting the level and the due date, list and show (assessed on --today) use the new values")
  func correctedLevelAndDueDate() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let base = ["--store", store, "--today", "2026-11-23"]
    let id = try svangre(base + ["record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB"])
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let input = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#
    #expect(try svangre(base + ["record", "assess", id, "--author", "AB"], stdin: input).status == 0)
    for (field, value, entry) in [("level", "4", ["--entry", "1"]), ("due_date", "2027-06-03", [])] {
      let run = try svangre(
        base + ["record", "amend", id, "--field", field, "--value", value, "--reason", "Rettet", "--author", "CD"]
          + entry)
      #expect(run.status == 0, "\(run.stderr)")
    }

    let list = try #require(
      try JSONSerialization.jsonObject(with: Data(try svangre(base + ["record", "list"]).stdout.utf8))
        as? [[String: Any]])
    #expect(list.first?["level"] as? Int == 4 && list.first?["due_date"] as? String == "2027-06-03")

    let shown = try object(try svangre(base + ["record", "show", id]).stdout)
    let current = try #require(shown["current"] as? [String: Any])
    #expect(current["reference_date"] as? String == "2026-11-23")
    let assessment = try #require(current["assessment"] as? [String: Any])
    #expect(assessment["level"] as? Int == 4 && assessment["suggested_level"] as? Int == 1)
    #expect((assessment["dating"] as? [String: Any])?["due_date"] as? String == "2027-06-03")
    #expect(assessment["gestational_age"] as? String == "12+4")
    let svendborg = (assessment["birthplaces"] as? [[String: Any]])?.first { $0["site"] as? String == "ouh_svendborg" }
    #expect(svendborg?["suitable"] as? Bool == false)

    let text = try svangre(base + ["record", "show", id, "--format", "text"]).stdout
    #expect(text.contains("Nu: vurderet 2026-11-23 ud fra den seneste visitation med rettelserne siden:"))
    let now = try #require(text.components(separatedBy: "Nu: vurderet 2026-11-23").last)
    #expect(now.split(separator: "\n").contains { $0.contains("2027-06-03") && $0.contains("12+4") })
    #expect(text.contains("Niveau 4 (foreslået 1; ændret: Rettet)"))
  }

  @Test("Before the first visitation show has no current state")
  func noVisitation() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try svangre([
      "--store", store, "record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB",
    ])
    .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let shown = try object(try svangre(["--store", store, "record", "show", id]).stdout)
    #expect(shown["current"] is NSNull)
  }
}
