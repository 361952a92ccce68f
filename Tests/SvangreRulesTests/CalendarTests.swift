import Testing

@testable import SvangreRules

@Suite("Calendar dates and gestational age")
struct CalendarTests {
  @Test(
    "ISO dates parse only when the day exists",
    arguments: [
      ("2026-11-23", true), ("2028-02-29", true), ("2000-02-29", true), ("2027-02-29", false),
      ("1900-02-29", false), ("2026-04-31", false), ("2026-13-01", false), ("2026-00-10", false),
      ("2026-1-01", false), ("26-11-23", false), ("2026/11/23", false), ("2026-11-23T00:00", false),
      ("", false), ("２０２６-11-23", false),
    ])
  func parsing(text: String, valid: Bool) {
    #expect((CalendarDate(iso: text) != nil) == valid)
    if valid { #expect(CalendarDate(iso: text)?.iso == text) }
  }

  @Test("Day arithmetic round-trips across centuries and leap days")
  func roundTrip() {
    var day = CalendarDate(year: 1896, month: 1, day: 1)!
    let end = CalendarDate(year: 2104, month: 12, day: 31)!
    var previous = day
    while day <= end {
      let (y, m, d) = day.components
      #expect(CalendarDate(year: y, month: m, day: d) == day)
      previous = day
      day = day.adding(days: 1)
      #expect(day.days(since: previous) == 1)
    }
    #expect(CalendarDate(iso: "2024-02-28")!.adding(days: 1).iso == "2024-02-29")
    #expect(CalendarDate(iso: "2023-02-28")!.adding(days: 1).iso == "2023-03-01")
    #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
  }

  @Test(
    "Gestational age is written W+D and parsed strictly",
    arguments: [
      ("11+2", 79), ("0+0", 0), ("40+0", 280), ("44+0", 308), ("12+6", 90),
    ])
  func gestationalAge(text: String, days: Int) {
    #expect(GestationalAge(parsing: text)?.days == days)
    #expect(GestationalAge(days: days).description == text)
  }

  @Test(
    "Malformed gestational ages are refused", arguments: ["11+7", "11", "+3", "11+", "a+1", "-1+0", "11+2+1", "111+0"])
  func badGestationalAge(text: String) {
    #expect(GestationalAge(parsing: text) == nil)
  }

  @Test("GA on a date is 280 days minus the days left to the due date")
  func ageOnDate() {
    let due = CalendarDate(iso: "2027-05-20")!
    #expect(GestationalAge(on: CalendarDate(iso: "2026-11-23")!, dueDate: due).description == "14+4")
    #expect(GestationalAge(on: due, dueDate: due) == .term)
    #expect(GestationalAge(weeks: 21, days: 0).date(dueDate: due).iso == "2027-01-07")
    #expect(GestationalAge(days: -3).description == "-1+4")
  }
}
