import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

/// `AssessmentEngine.worklist`: which items of a woman's programme the clinic's worklist
/// lists for a range of days, under which day and with which status. Her dates (due
/// 2027-05-20): midwife 13–15 is 2026-11-12…12-02, the scan 18–20 2026-12-17…12-31,
/// midwife 21 2027-01-07…01-13, the double test 2026-10-09…10-22 (latest 11-19).
@Suite("The worklist's rules")
struct WorklistTests {
  let engine = AssessmentEngine()

  func programme(on reference: String = "2026-11-23", _ extra: String = "") throws -> Programme {
    let input = try AssessmentInput.parse(Data(dueMay20(on: reference, extra).utf8), ruleSet: .bundled)
    return try #require(engine.programme(for: input))
  }

  /// (item, day, status) of her worklist; she was seen on `seen`, and `recorded` items were
  /// recorded done (item, day).
  func listed(
    _ programme: Programme, _ from: String, _ to: String, today: String, seen: [String] = ["2026-11-23"],
    recorded: [(String, String)] = []
  ) -> [String] {
    let known = KnownAttendance(
      consultations: seen.map(date), recorded: recorded.map { AttendedItem(id: $0.0, date: date($0.1)) })
    return AssessmentEngine.worklist(programme, known: known, today: date(today), range: date(from)...date(to)).map {
      "\(programme.windows[$0.window].id) \($0.day.iso) \($0.status.rawValue)"
    }
  }

  @Test("an item is listed under the day its window opens, and not before")
  func opensInTheRange() throws {
    let her = try programme()
    #expect(listed(her, "2026-12-14", "2026-12-20", today: "2026-12-16") == ["scan_18_20 2026-12-17 due"])
    #expect(listed(her, "2026-12-07", "2026-12-13", today: "2026-12-09") == [])
    // The window's first and last day are in the range; the day after, it is not due.
    #expect(listed(her, "2027-01-07", "2027-01-07", today: "2027-01-07") == ["midwife_21 2027-01-07 due"])
    #expect(listed(her, "2027-01-01", "2027-01-06", today: "2027-01-01") == [])
    #expect(listed(her, "2027-01-13", "2027-01-13", today: "2027-01-13") == ["midwife_21 2027-01-13 due"])
  }

  @Test("an item due since before the range is listed under its first day")
  func carriedOver() throws {
    let her = try programme()
    #expect(listed(her, "2026-12-21", "2026-12-27", today: "2026-12-21") == ["scan_18_20 2026-12-21 due"])
  }

  @Test("a consultation not seen is missed the day after its window, in that week only")
  func missed() throws {
    let her = try programme()
    #expect(listed(her, "2027-01-11", "2027-01-17", today: "2027-01-15") == ["midwife_21 2027-01-14 missed"])
    // Looked at on Monday, it is still due then (what the clinic knows that day).
    #expect(listed(her, "2027-01-11", "2027-01-17", today: "2027-01-11") == ["midwife_21 2027-01-11 due"])
    #expect(listed(her, "2027-01-18", "2027-01-24", today: "2027-01-20") == [])
    // Before her first consultation nothing is known: the double test and the GP visit stay past.
    #expect(listed(her, "2026-11-16", "2026-11-22", today: "2026-11-22", seen: []) == ["midwife_13_15 2026-11-16 due"])
  }

  @Test("late from the day after the window to its latest day; a test is never called missed from visitations")
  func late() throws {
    let her = try programme()
    #expect(
      listed(her, "2026-10-26", "2026-11-01", today: "2026-10-28") == [
        "gp_6_10 2026-10-26 due", "double_test 2026-10-26 late", "scan_11_14 2026-10-31 due",
      ])
    #expect(
      listed(her, "2026-10-19", "2026-10-25", today: "2026-10-24") == [
        "gp_6_10 2026-10-19 due", "double_test 2026-10-23 late",
      ])
    #expect(
      listed(her, "2026-11-16", "2026-11-22", today: "2026-11-20").contains { $0.hasPrefix("double_test") } == false)
  }

  @Test("done on the day it was done, and only once known; a past week as of its last day")
  func done() throws {
    let her = try programme()
    #expect(listed(her, "2026-11-23", "2026-11-29", today: "2026-11-25") == ["midwife_13_15 2026-11-23 done"])
    #expect(listed(her, "2026-11-23", "2026-11-29", today: "2026-11-22") == ["midwife_13_15 2026-11-23 due"])
    #expect(listed(her, "2026-11-30", "2026-12-06", today: "2027-02-01") == [])
    // A scan recorded done is done on its day, and known only from that day.
    let scan = [("scan_18_20", "2026-12-18")]
    #expect(
      listed(her, "2026-12-14", "2026-12-20", today: "2026-12-18", recorded: scan) == ["scan_18_20 2026-12-18 done"])
    #expect(
      listed(her, "2026-12-14", "2026-12-20", today: "2026-12-17", recorded: scan) == ["scan_18_20 2026-12-17 due"])
    // A consultation recorded on another day than the visitation: the record wins.
    #expect(
      listed(her, "2026-11-23", "2026-11-29", today: "2026-11-25", recorded: [("midwife_13_15", "2026-11-24")])
        == ["midwife_13_15 2026-11-24 done"])
  }

  @Test("after the birth the antenatal items stop and the postnatal contacts are listed, never missed")
  func afterTheBirth() throws {
    let her = try programme(
      on: "2027-01-06", #""birth": {"date": "2027-01-05", "place": "hospital", "discharge_hours": 20}"#)
    #expect(her.birthDate == date("2027-01-05"))
    #expect(
      listed(her, "2027-01-04", "2027-01-10", today: "2027-01-06") == [
        "pn_midwife_home_day1 2027-01-06 due", "pn_clinic_day2_3 2027-01-07 due",
        "pn_health_visitor_day4_5 2027-01-09 due",
      ])
    #expect(listed(her, "2027-01-11", "2027-01-17", today: "2027-01-12").allSatisfy { !$0.hasSuffix("missed") })
    let before = try programme()
    #expect(listed(before, "2027-01-04", "2027-01-10", today: "2027-01-06") == ["midwife_21 2027-01-07 due"])
  }

  @Test("her attendance is the same on dated windows as on an assessment")
  func attendanceAgrees() throws {
    let input = try AssessmentInput.parse(Data(dueMay20(on: "2027-01-20").utf8), ruleSet: .bundled)
    let her = try #require(engine.programme(for: input))
    let recorded = [
      AttendedItem(id: "scan_18_20", date: date("2026-12-20")), AttendedItem(id: "gp_25", date: date("2027-02-05")),
    ]
    for known in [
      KnownAttendance(consultations: [date("2026-11-23"), date("2027-01-08"), date("2027-02-01")]),
      KnownAttendance(consultations: [date("2026-11-23")], recorded: recorded), KnownAttendance(),
    ] {
      #expect(
        engine.attendance(for: input, known: known)
          == AssessmentEngine.attendance(windows: her.windows, known: known, own: nil, on: date("2027-01-20")))
    }
  }

  @Test("a week runs Monday to Sunday")
  func week() {
    #expect(date("2026-12-07").weekday == 1 && date("2026-12-13").weekday == 7 && date("1970-01-01").weekday == 4)
    #expect(date("2026-12-09").week == date("2026-12-07")...date("2026-12-13"))
    #expect(date("2026-12-13").week == date("2026-12-07")...date("2026-12-13"))
    #expect(date("1969-12-31").week == date("1969-12-29")...date("1970-01-04"))
  }
}
