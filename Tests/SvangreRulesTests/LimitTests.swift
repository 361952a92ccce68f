import Foundation
import SvangreResources
import SvangreTestSupport
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
      // String values are skipped, not read: escapes in them end nothing early.
      (#"{"t": "x\"y\\", "u": "\ud83d\ude00\u00e9\/", "t": 1}"#, "t"),
      (#"[{"a": "}", "b": ["]", "\""]}, {"c": 1, "c": 2}]"#, "[1].c"),
      // Keys compared one by one in a small object and in a set beyond 16: the same test.
      ("{" + (0..<20).map { "\"k\($0)\": 0, " }.joined() + "\"k3\": 1}", "k3"),
      ("{\"\u{E9}\": 0, " + (0..<20).map { "\"k\($0)\": 0, " }.joined() + "\"e\u{301}\": 1}", "e\u{301}"),
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

  @Test("An object with 100,000 keys is scanned in well under a second of CPU time")
  func wideObject() {
    let members = (0..<100_000).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
    let json = Data(("{" + members + ", \"k5\": 0}").utf8)
    let seconds = threadCPUSeconds { #expect(DuplicateKeys.first(in: json) == "k5") }
    #expect(seconds < 1)
  }

  @Test("Free text is counted in Unicode scalars, and a huge text is not counted to its end")
  func fits() {
    #expect(InputLimits.fits(String(repeating: "ø", count: 200), within: 200))
    #expect(!InputLimits.fits(String(repeating: "ø", count: 201), within: 200))
    #expect(!InputLimits.fits("o" + String(repeating: "\u{301}", count: 200), within: 200))
    let huge = String(repeating: "x", count: 50_000_000)
    let seconds = threadCPUSeconds { #expect(!InputLimits.fits(huge, within: InputLimits.freeTextCharacters)) }
    #expect(seconds < 1)
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

@Suite("The contract's input: duplicate keys, size, dates and the override reason")
struct InputLimitTests {
  @Test("A key twice is invalid_json naming its path; the same input without it is assessed")
  func duplicateKey() throws {
    let doubled =
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26", "lmp": "2026-08-01"}}"#
    let error = refusal(doubled)
    #expect(error?.code == .invalidJSON)
    #expect(error?.field == "dating.lmp")
    let findings = dueMay20(#""findings": ["preeclampsia"], "findings": []"#)
    #expect(refusal(findings)?.code == .invalidJSON)
    #expect(refusal(dueMay20(#""findings": ["preeclampsia"]"#)) == nil)
  }

  @Test("Input over 1 MiB is refused by the rules themselves, not only by the reader")
  func size() {
    let padded = dueMay20() + String(repeating: " ", count: InputLimits.assessmentBytes)
    #expect(refusal(padded)?.code == .invalidJSON)
    #expect(refusal(padded)?.detailKey == "error.invalid_json.too_large")
  }

  @Test("An override reason over the free-text limit is invalid_override")
  func overrideReason() {
    func reason(_ count: Int) -> String {
      dueMay20(#""override": {"level": 3, "reason": "\#(String(repeating: "å", count: count))"}"#)
    }
    #expect(refusal(reason(InputLimits.freeTextCharacters)) == nil)
    let error = refusal(reason(InputLimits.freeTextCharacters + 1))
    #expect(error?.code == .invalidOverride)
    #expect(error?.field == "override.reason")
  }

  @Test(
    "Dates outside 2000–2199, or a year from the consultation, are invalid_date naming the field",
    arguments: [
      (
        #"{"reference_date": "9999-01-01", "parity": "nulliparous", "dating": {"due_date": "9999-05-20"}}"#,
        "reference_date"
      ),
      (dueMay20(on: "2026-11-23").replacingOccurrences(of: "2027-05-20", with: "9999-05-20"), "dating.due_date"),
      (dueMay20(#""birth": {"date": "1999-12-31", "place": "home"}"#), "birth.date"),
      // After the birth, the contract's 0+0–44+0 no longer holds the due date.
      (
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2024-05-20"}, "birth": {"date": "2026-11-01", "place": "home"}}"#,
        "dating.due_date"
      ),
      (dueMay20(#""birth": {"date": "2025-11-22", "place": "home"}"#), "birth.date"),
      // A dating source the precedence sets aside is still checked.
      (
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20", "lmp": "2021-08-13"}}"#,
        "dating.lmp"
      ),
      (dueMay20(#""attendance": {"since": "2025-01-01", "done": []}"#), "attendance.since"),
    ])
  func dates(json: String, field: String) {
    let error = refusal(json)
    #expect(error?.code == .invalidDate)
    #expect(error?.field == field)
  }

  @Test("The contract's own dating check still comes first for the dating in use before the birth")
  func datingOutOfRange() {
    let twoYears = dueMay20().replacingOccurrences(of: "2027-05-20", with: "2028-11-23")
    #expect(refusal(twoYears)?.code == .datingOutOfRange)
    // A year to the day is accepted where the contract allows it: after the birth.
    let afterBirth =
      #"{"reference_date": "2027-11-23", "parity": "nulliparous", "dating": {"due_date": "2026-11-23"}, "birth": {"date": "2026-11-25", "place": "home"}}"#
    #expect(refusal(afterBirth) == nil)
  }

  @Test("A saved visitation assessed again on a later day is not held to the year around its entry")
  func laterDay() throws {
    var input = try AssessmentInput.parse(
      Data(dueMay20(on: "2027-06-01", #""birth": {"date": "2027-05-18", "place": "home"}"#).utf8), ruleSet: .bundled)
    input.referenceDate = CalendarDate(iso: "2029-01-01")!
    #expect(throws: Never.self) { try AssessmentEngine().assess(input) }
    input.referenceDate = CalendarDate(iso: "2200-01-01")!
    #expect(throws: InputError.self) { try AssessmentEngine().assess(input) }
  }

  @Test("A rule set that gives a key twice is refused, naming where")
  func ruleSet() throws {
    let bundled = String(decoding: Data(EmbeddedResources.defaultRuleSet), as: UTF8.self)
    let doubled = bundled.replacingOccurrences(
      of: #""id": "dk-rsyd-fodeplan""#, with: #""id": "dk-rsyd-fodeplan", "id": "x""#)
    #expect(doubled != bundled)
    do {
      _ = try RuleSet.load(Data(doubled.utf8))
      Issue.record("accepted")
    } catch {
      #expect(error.problems.map(\.key) == ["ruleset.duplicate_key"])
      #expect(error.problems.first?.entry == "id")
    }
  }
}
