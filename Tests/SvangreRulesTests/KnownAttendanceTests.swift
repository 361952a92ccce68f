import Foundation
import Testing

@testable import SvangreRules

/// How recorded attendance ("item done" entries) and the days she was seen combine
/// (`AssessmentEngine.attendance(for:known:)`). She is due 2027-05-20: midwife_13_15 runs
/// 2026-11-12–12-02, scan_11_14 10-31–11-20, the double test 10-09–10-22 (latest 11-19),
/// scan_18_20 12-17–12-31, midwife_21 2027-01-07–01-13.
@Suite("Known attendance")
struct KnownAttendanceTests {
  let engine = AssessmentEngine()

  func followUp(on day: String, seen: [String] = [], recorded: [(String, String)] = [], _ extra: String = "")
    throws -> Assessment
  {
    let input = try AssessmentInput.parse(Data(dueMay20(on: day, extra).utf8), ruleSet: .bundled)
    let known = KnownAttendance(
      consultations: seen.map(date), recorded: recorded.map { AttendedItem(id: $0.0, date: date($0.1)) })
    return try engine.assessFollowUp(input, known: known).assessment
  }

  @Test("a recorded day wins over the visitation inside the window")
  func recordedWins() throws {
    let assessment = try followUp(on: "2027-01-20", seen: ["2026-11-23"], recorded: [("midwife_13_15", "2026-11-20")])
    #expect(assessment.item("midwife_13_15")?.status == .done)
    #expect(assessment.item("midwife_13_15")?.doneDate == date("2026-11-20"))
  }

  @Test("a scan is done only when recorded, whatever visitation fell in its window")
  func scansOnlyWhenRecorded() throws {
    let seen = try followUp(on: "2027-01-20", seen: ["2026-11-23", "2026-12-20"])
    #expect(seen.item("scan_18_20")?.status == .past)
    let recorded = try followUp(
      on: "2027-01-20", seen: ["2026-11-23", "2026-12-20"], recorded: [("scan_18_20", "2026-12-20")])
    #expect(recorded.item("scan_18_20")?.status == .done)
    #expect(recorded.item("scan_18_20")?.doneDate == date("2026-12-20"))
    #expect(recorded.prenatalDiagnostics.items.first { $0.id == "scan_18_20" }?.status == .done)
  }

  @Test("once a scan is recorded for her, a scan not recorded since attendance counts is missed")
  func aRecordedKindIsKnown() throws {
    let none = try followUp(on: "2027-01-20", seen: ["2026-11-10"])
    #expect(none.item("scan_11_14")?.status == .past, "no scan recorded: nothing is known of scans")
    let one = try followUp(on: "2027-01-20", seen: ["2026-11-10"], recorded: [("scan_18_20", "2026-12-20")])
    #expect(one.item("scan_11_14")?.status == .missed)
    #expect(one.item("double_test")?.status == .past, "a test is another kind: still nothing known")
  }

  @Test("missed starts the day after the window's last day; a record on that last day is done")
  func missedEdge() throws {
    let lastDay = try followUp(on: "2026-12-02", seen: ["2026-10-20"])
    #expect(lastDay.item("midwife_13_15")?.status == .due)
    let after = try followUp(on: "2026-12-03", seen: ["2026-10-20"])
    #expect(after.item("midwife_13_15")?.status == .missed)
    let recorded = try followUp(on: "2026-12-03", seen: ["2026-10-20"], recorded: [("midwife_13_15", "2026-12-02")])
    #expect(recorded.item("midwife_13_15")?.status == .done)
  }

  @Test("late until its latest day, then missed once tests are recorded for her; done when recorded late")
  func lateEdge() throws {
    let test = ("ogtt_early", "2026-10-05")
    let extra = #""findings": ["previous_gdm"]"#
    let late = try followUp(on: "2026-11-19", seen: ["2026-10-01"], recorded: [test], extra)
    #expect(late.item("double_test")?.status == .late)
    let missed = try followUp(on: "2026-11-20", seen: ["2026-10-01"], recorded: [test], extra)
    #expect(missed.item("double_test")?.status == .missed)
    let done = try followUp(
      on: "2026-11-20", seen: ["2026-10-01"], recorded: [test, ("double_test", "2026-11-15")], extra)
    #expect(done.item("double_test")?.status == .done)
  }

  @Test("only what happened by the day assessed counts")
  func notYet() throws {
    let before = try followUp(on: "2027-01-09", seen: ["2026-11-23"], recorded: [("midwife_21", "2027-01-10")])
    #expect(before.item("midwife_21")?.status == .due)
    let after = try followUp(on: "2027-01-10", seen: ["2026-11-23"], recorded: [("midwife_21", "2027-01-10")])
    #expect(after.item("midwife_21")?.status == .done)
  }

  @Test("an item recorded that is no longer in her programme is left out, not refused")
  func outOfProgramme() throws {
    // midwife_36 is the multiparous woman's; parity corrected to nulliparous since.
    let assessment = try followUp(on: "2027-01-20", seen: ["2026-11-23"], recorded: [("midwife_36", "2026-12-01")])
    #expect(assessment.item("midwife_36") == nil)
    #expect(assessment.item("midwife_21")?.status == .missed)
  }

  @Test("attendance counts from the earliest of the first visitation and the first recorded day")
  func since() throws {
    let input = try AssessmentInput.parse(Data(dueMay20(on: "2027-01-20").utf8), ruleSet: .bundled)
    let attendance = try #require(
      engine.attendance(
        for: input,
        known: KnownAttendance(
          consultations: [date("2026-11-23")], recorded: [AttendedItem(id: "gp_6_10", date: date("2026-10-01"))])))
    #expect(attendance.since == date("2026-10-01"))
    #expect(attendance.covers == [.consultation])
    #expect(attendance.done.map(\.id) == ["gp_6_10", "midwife_13_15"])
    #expect(engine.attendance(for: input, known: KnownAttendance()) == nil)
  }

  @Test("the input's own attendance is kept, the record's entries win over it, and it speaks for every item")
  func inputAttendance() throws {
    let own = #""attendance": {"since": "2026-10-01", "done": [{"id": "gp_6_10", "date": "2026-10-02"}]}"#
    let assessment = try followUp(on: "2027-01-20", recorded: [("gp_6_10", "2026-10-03")], own)
    #expect(assessment.item("gp_6_10")?.doneDate == date("2026-10-03"))
    #expect(assessment.item("scan_11_14")?.status == .missed)
  }
}
