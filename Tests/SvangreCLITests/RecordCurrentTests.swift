import Foundation
import Testing

/// `record list` and `record show` give a record's state after corrections, as the TUI does.
@Suite(
  "svangre record: corrections count")
struct RecordCurrentProcessTests {
  /// A new record in `store` with one visitation of `input` when given; its id.
  func record(in store: String, assessing input: String?) throws -> String {
    let id = try svangre([
      "--store", store, "record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB",
    ])
    .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    if let input {
      #expect(try svangre(["--store", store, "record", "assess", id, "--author", "AB"], stdin: input).status == 0)
    }
    return id
  }

  @Test("After correcting the level and the due date, list and show (assessed on --today) use the new values")
  func correctedLevelAndDueDate() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let base = ["--store", store, "--today", "2026-11-23"]
    let id = try record(
      in: store,
      assessing: #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#)
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

  @Test("Past 44+0 with no birth: her last known level, assessed on the day she reached 44+0, and the birth asked for")
  func birthNotRecorded() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try record(
      in: store,
      assessing:
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}, "findings": ["multiple_pregnancy"]}"#
    )
    let late = ["--store", store, "--today", "2027-06-24", "record", "show", id]
    let current = try #require(try object(try svangre(late).stdout)["current"] as? [String: Any])
    #expect(current["birth_not_recorded"] as? Bool == true)
    #expect(current["assessed_on"] as? String == "2027-06-17")
    #expect((current["assessment"] as? [String: Any])?["level"] as? Int == 2)
    // Her visitation on 2026-11-23 was in the 13–15 week window; nothing was saved after.
    let schedule = try #require((current["assessment"] as? [String: Any])?["schedule"] as? [[String: Any]])
    func status(_ id: String) -> String? { schedule.first { $0["id"] as? String == id }?["status"] as? String }
    #expect(status("midwife_13_15") == "done" && status("midwife_21") == "missed")
    #expect(status("scan_18_20") == "past", "svangre does not record scans")
    let english = try svangre(late + ["--format", "text", "--lang", "en"]).stdout
    #expect(english.contains("Birth not recorded: the pregnancy reached 44+0 on 2027-06-17."))
    // On 44+0 itself nothing is asked.
    let onTheDay = try object(try svangre(["--store", store, "--today", "2027-06-17", "record", "show", id]).stdout)
    #expect((onTheDay["current"] as? [String: Any])?["birth_not_recorded"] as? Bool == false)
  }

  /// The CLI stores what the TUI stores (`Visitation(input:assessment:)`): the input as the
  /// rules read it, so a `null` field or an empty list typed into a file is not kept.
  @Test("record assess stores the input as the rules read it, not as typed")
  func storedInputIsNormalised() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try record(
      in: store,
      assessing:
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "bmi": null, "findings": [], "override": null, "dating": {"due_date": "2027-05-20", "lmp": null}}"#
    )
    let shown = try object(try svangre(["--store", store, "record", "show", id]).stdout)
    let visitation = try #require((shown["visitations"] as? [[String: Any]])?.first)
    let input = try #require(visitation["input"] as? [String: Any])
    #expect(Set(input.keys) == ["reference_date", "parity", "dating"])
    #expect(input["dating"] as? [String: String] == ["due_date": "2027-05-20"])
  }

  @Test("Before the first visitation show has no current state")
  func noVisitation() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-current-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try record(in: store, assessing: nil)
    let shown = try object(try svangre(["--store", store, "record", "show", id]).stdout)
    #expect(shown["current"] is NSNull)
  }
}
