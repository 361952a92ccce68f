import Foundation
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreCLI

/// `svangre due`'s JSON at the size where it is written in parts over the cores
/// (`WorklistOutput.json`): the rows written apart must each land in their place.
@Suite("svangre due: a long worklist's JSON")
struct DueOutputTests {
  let engine = AssessmentEngine()
  let today = CalendarDate(iso: "2026-12-16")!

  /// 3,000 women due over most of a year, each seen at her first visit: rows of every
  /// status on every day of the week.
  func worklist() throws -> Worklist {
    let records = try (0..<3_000).map { number in
      let due = today.adding(days: 20 + number % 260)
      let seen = due.adding(days: -250)
      let input = JSONValue.sortedObject([
        "reference_date": .string(seen.iso), "parity": .string("nulliparous"),
        "dating": .sortedObject(["due_date": .string(due.iso)]),
      ])
      let programme = try #require(engine.programme(for: try AssessmentInput(json: input, ruleSet: .bundled)))
      return RecordProgramme(
        id: "rec" + String(number), name: "Kvinde \(number % 97) Ærø", maskedCPR: "010190-XXXX", level: 1 + number % 4,
        programme: programme, known: KnownAttendance(consultations: [seen]))
    }
    return Worklist(
      records: records, engine: engine, today: today, range: today.week,
      filter: WorklistFilter(statuses: Set(WorklistFilter.statusOrder)))
  }

  @Test("compact and pretty, every row is in its day, in order, and both texts are the same JSON")
  func rowsInPlace() throws {
    let worklist = try worklist()
    #expect(worklist.rows.count > 2_500 && worklist.days.count == 7, "\(worklist.rows.count) rows")
    var values: [NSDictionary] = []
    for pretty in [false, true] {
      let bytes = WorklistOutput.json(worklist, language: .da, pretty: pretty)
      #expect(bytes.last == UInt8(ascii: "\n"))
      let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
      let days = try #require(parsed["days"] as? [[String: Any]])
      #expect(days.map { $0["date"] as? String } == worklist.days.map(\.day.iso))
      let items = days.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }
      #expect(items.map { $0["record"] as? String } == worklist.rows.map(\.recordID))
      #expect(items.map { $0["item"] as? String } == worklist.rows.map(\.item.id))
      #expect(items.map { $0["status"] as? String } == worklist.rows.map(\.status.rawValue))
      values.append(parsed)
    }
    #expect(values[0] == values[1])
  }
}
