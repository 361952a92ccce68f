import Testing

@testable import SvangreRules

@Suite("Dating")
struct DatingTests {
  @Test(
    "Due date from the LMP shifts with the cycle length",
    arguments: [
      (21, "2027-06-26"), (28, "2027-07-03"), (35, "2027-07-10"), (45, "2027-07-20"),
    ])
  func cycleLength(cycle: Int, due: String) throws {
    let result = try assess(
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26", "cycle_days": \#(cycle)}}"#
    )
    #expect(result.dueDate.iso == due)
    #expect(result.datingSource == .lastPeriod)
    #expect(result.gestationalAge == GestationalAge(on: date("2026-11-23"), dueDate: date(due)))
  }

  @Test("Cycle lengths outside 21–45 days are refused", arguments: [20, 46, 0, -28])
  func badCycle(cycle: Int) {
    let error = refusal(
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26", "cycle_days": \#(cycle)}}"#
    )
    #expect(error?.code == .invalidValue)
    #expect(error?.field == "dating.cycle_days")
  }

  @Test("A due date across 29 February counts the leap day")
  func leapDay() throws {
    let fromLMP = try assess(
      #"{"reference_date": "2023-08-01", "parity": "nulliparous", "dating": {"lmp": "2023-05-25"}}"#)
    #expect(fromLMP.dueDate.iso == "2024-02-29")
    let after = try assess(
      #"{"reference_date": "2023-08-01", "parity": "nulliparous", "dating": {"lmp": "2023-05-26"}}"#)
    #expect(after.dueDate.iso == "2024-03-01")
    // A week-39 window that contains 29 February still spans exactly seven days.
    let due = try assess(
      #"{"reference_date": "2023-08-01", "parity": "nulliparous", "dating": {"due_date": "2024-03-05"}}"#)
    let visit = try #require(due.item("midwife_39"))
    #expect(visit.from.iso == "2024-02-27")
    #expect(visit.to.iso == "2024-03-04")
  }

  @Test("Precedence: due date, then scan, then LMP")
  func precedence() throws {
    let all = try assess(
      #"{"reference_date": "2026-12-02", "parity": "nulliparous", "dating": {"due_date": "2027-06-10", "scan_date": "2026-12-02", "scan_ga": "12+3", "lmp": "2026-09-01"}}"#
    )
    #expect(all.datingSource == .dueDate)
    #expect(all.dueDate.iso == "2027-06-10")
    let scan = try assess(
      #"{"reference_date": "2026-12-02", "parity": "nulliparous", "dating": {"scan_date": "2026-12-02", "scan_ga": "12+3", "lmp": "2026-09-01"}}"#
    )
    #expect(scan.datingSource == .scan)
    #expect(scan.dueDate.iso == "2027-06-13")
    #expect(scan.gestationalAge.description == "12+3")
  }

  @Test("A scan needs both its date and the GA it measured")
  func scanPairs() {
    #expect(
      refusal(#"{"reference_date": "2026-12-02", "parity": "nulliparous", "dating": {"scan_date": "2026-12-02"}}"#)?
        .field
        == "dating.scan_ga")
    #expect(
      refusal(#"{"reference_date": "2026-12-02", "parity": "nulliparous", "dating": {"scan_ga": "12+3"}}"#)?.field
        == "dating.scan_date")
    #expect(
      refusal(
        #"{"reference_date": "2026-12-02", "parity": "nulliparous", "dating": {"scan_date": "2026-12-02", "scan_ga": "12+9"}}"#
      )?.code
        == .invalidValue)
  }

  @Test("GA must lie between 0+0 and 44+0 before the birth")
  func range() {
    // Due 2027-05-20: 44+0 is 2027-06-17.
    #expect(refusal(dueMay20(on: "2027-06-17")) == nil)
    #expect(refusal(dueMay20(on: "2027-06-18"))?.code == .datingOutOfRange)
    // 0+0 is 2026-08-13.
    #expect(refusal(dueMay20(on: "2026-08-13")) == nil)
    #expect(refusal(dueMay20(on: "2026-08-12"))?.code == .datingOutOfRange)
    // After the birth, the postnatal weeks run past 44+0.
    #expect(
      refusal(dueMay20(on: "2027-07-01", #""birth": {"date": "2027-05-18", "place": "home"}"#)) == nil)
  }
}
