import Foundation
import Testing

@testable import SvangreRules

@Suite("Duplicate keys and the limits on what is read")
struct LimitTests {
  func duplicate(_ json: String) -> String? { DuplicateKeys.first(in: Data(json.utf8)) }

  @Test(
    "A key given twice in one object is found and named by its path",
    arguments: [
      (#"{"a": 1, "a": 2}"#, "a"),
      (#"{"findings": ["smoking"], "bmi": 20, "findings": []}"#, "findings"),
      (#"{"dating": {"lmp": "2026-09-26", "due_date": "2027-05-20", "lmp": "2026-09-27"}}"#, "dating.lmp"),
      (#"{"records": [{"id": "x"}, {"woman": {"name": "A", "cpr": "1", "name": "B"}}]}"#, "records[1].woman.name"),
      (#"[[], [{"k": 1}], [1, {"k": {}, "k": []}]]"#, "[2][1].k"),
      // The parser compares keys after unescaping, and as Swift strings.
      (#"{"ab": 1, "\u0061b": 2}"#, "ab"),
      ("{\"\u{E9}\": 1, \"e\u{301}\": 2}", "e\u{301}"),
      (#"{"\ud83d\ude00": 1, "😀": 2}"#, "😀"),
      ("\u{FEFF}{\"a\": 1, \"a\": 1}", "a"),
    ])
  func found(json: String, path: String) {
    #expect(JSONValue.parse(Data(json.utf8)) != nil)  // Foundation accepts every one of them
    #expect(duplicate(json) == path)
  }

  @Test(
    "Equal keys in different objects, and keys inside strings, are not duplicates",
    arguments: [
      #"{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}"#,
      #"{"text": "{\"a\": 1, \"a\": 2}", "a": "}]\\"}"#,
      #"{"a": 1, "A": 2, "a ": 3, "\"a": 4}"#,
      #"{}"#, #"[]"#, #""a""#, "12.5e3", "  null  ", #"{"x": [true, false, null, -1.5E+2, {}]}"#,
    ])
  func notFound(json: String) {
    #expect(JSONValue.parse(Data(json.utf8)) != nil)
    #expect(duplicate(json) == nil)
  }

  @Test("An object with 100,000 keys is scanned in well under a second")
  func wideObject() {
    let members = (0..<100_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
    let json = Data(("{" + members + ", \"k5\": 0}").utf8)
    let start = Date()
    #expect(DuplicateKeys.first(in: json) == "k5")
    #expect(Date().timeIntervalSince(start) < 1)
  }

  @Test("Free text is counted in Unicode scalars, and a huge text is not counted to its end")
  func fits() {
    #expect(InputLimits.fits(String(repeating: "ø", count: 200), within: 200))
    #expect(!InputLimits.fits(String(repeating: "ø", count: 201), within: 200))
    #expect(!InputLimits.fits("o" + String(repeating: "\u{301}", count: 200), within: 200))
    let huge = String(repeating: "x", count: 50_000_000)
    let start = Date()
    #expect(!InputLimits.fits(huge, within: InputLimits.freeTextCharacters))
    #expect(Date().timeIntervalSince(start) < 1)
  }

  @Test("Dates: years 2000–2199, and within a year of the reference date")
  func dates() {
    let reference = CalendarDate(iso: "2026-11-23")!
    #expect(InputLimits.isPlausible(CalendarDate(iso: "2027-11-23")!, near: reference))
    #expect(InputLimits.isPlausible(CalendarDate(iso: "2025-11-23")!, near: reference))
    #expect(!InputLimits.isPlausible(CalendarDate(iso: "2027-11-24")!, near: reference))
    #expect(!InputLimits.isPlausible(CalendarDate(iso: "2025-11-22")!, near: reference))
    #expect(!InputLimits.isPlausible(CalendarDate(iso: "9999-12-31")!))
    #expect(!InputLimits.isPlausible(CalendarDate(iso: "1999-12-31")!))
    #expect(InputLimits.isPlausible(CalendarDate(iso: "2199-12-31")!))
  }
}
