import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

@Suite("Refused input: every contract error code")
struct InputErrorTests {
  static let base = #""reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}"#

  /// One input for each way of being refused: the JSON, its code and its field.
  static let refusals: [(String, InputError.Code, String?)] = [
    ("not json", InputError.Code.invalidJSON, nil),
    ("[1, 2]", .invalidJSON, nil),
    ("\"text\"", .invalidJSON, nil),
    (#"{"parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#, .missingField, "reference_date"),
    (#"{"reference_date": "2026-11-23", "dating": {"lmp": "2026-09-26"}}"#, .missingField, "parity"),
    (#"{"reference_date": "2026-11-23", "parity": "nulliparous"}"#, .missingField, "dating"),
    (#"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {}}"#, .missingField, "dating"),
    (#"{\#(base), "finding": ["smoking"]}"#, .unknownField, "finding"),
    (
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26", "cycle": 30}}"#,
      .unknownField, "dating.cycle"
    ),
    (
      #"{"reference_date": "2026-11-31", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#, .invalidDate,
      "reference_date"
    ),
    (
      #"{"reference_date": "23-11-2026", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#, .invalidDate,
      "reference_date"
    ),
    (
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-02-29"}}"#,
      .invalidDate, "dating.due_date"
    ),
    (
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": 20260926}}"#, .invalidDate,
      "dating.lmp"
    ),
    (
      #"{"reference_date": "2026-11-23", "parity": "first", "dating": {"lmp": "2026-09-26"}}"#, .invalidValue,
      "parity"
    ),
    (#"{\#(base), "bmi": 9.9}"#, .invalidValue, "bmi"),
    (#"{\#(base), "bmi": 80.1}"#, .invalidValue, "bmi"),
    (#"{\#(base), "bmi": "31"}"#, .invalidValue, "bmi"),
    (#"{\#(base), "findings": ["smoking", "twins"]}"#, .unknownFinding, "findings[1]"),
    (#"{\#(base), "findings": [3]}"#, .unknownFinding, "findings[0]"),
    (#"{\#(base), "override": {"level": 5, "reason": "x"}}"#, .invalidOverride, "override.level"),
    (#"{\#(base), "override": {"level": 0, "reason": "x"}}"#, .invalidOverride, "override.level"),
    (#"{\#(base), "override": {"level": 2.5, "reason": "x"}}"#, .invalidOverride, "override.level"),
    (#"{\#(base), "override": {"level": 3, "reason": "  "}}"#, .invalidOverride, "override.reason"),
    (#"{\#(base), "override": {"level": 3}}"#, .invalidOverride, "override.reason"),
    (#"{\#(base), "birth": {"date": "2026-11-20", "place": "hospital"}}"#, .missingField, "birth.discharge_hours"),
    (#"{\#(base), "birth": {"place": "home"}}"#, .missingField, "birth.date"),
    (#"{\#(base), "birth": {"date": "2026-11-20", "place": "car"}}"#, .invalidValue, "birth.place"),
    (
      #"{\#(base), "birth": {"date": "2026-11-20", "place": "hospital", "discharge_hours": -1}}"#, .invalidValue,
      "birth.discharge_hours"
    ),
    (
      #"{\#(base), "birth": {"date": "2026-11-20", "place": "home", "traumatic": "yes"}}"#, .invalidValue,
      "birth.traumatic"
    ),
    (
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2027-01-01"}}"#,
      .datingOutOfRange, "dating"
    ),
    (
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2026-09-01"}}"#,
      .datingOutOfRange, "dating"
    ),
    (#"{\#(base), "attendance": {"done": []}}"#, .missingField, "attendance.since"),
    (
      #"{\#(base), "attendance": {"since": "2026-11-01", "done": [{"date": "2026-11-02"}]}}"#, .missingField,
      "attendance.done[0].id"
    ),
    (
      #"{\#(base), "attendance": {"since": "2026-11-01", "done": [{"id": "gp_6_10", "date": "2026-13-02"}]}}"#,
      .invalidDate, "attendance.done[0].date"
    ),
    (
      #"{\#(base), "attendance": {"since": "2026-11-01", "done": [{"id": "nope", "date": "2026-11-02"}]}}"#,
      .invalidValue, "attendance.done[0].id"
    ),
    (#"{\#(base), "bmi": 20, "bmi": 30}"#, .invalidJSON, "bmi"),
  ]

  @Test("Each mistake gets its code and names its field", arguments: refusals)
  func refused(json: String, code: InputError.Code, field: String?) {
    let error = refusal(json)
    #expect(error?.code == code)
    #expect(error?.field == field)
  }

  @Test("Every refusal has a message in Danish and English that is not a bare key")
  func messages() {
    let samples = [
      "not json", #"{"reference_date": "2026-11-31", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#,
      #"{\#(Self.base), "findings": ["twins"]}"#, #"{\#(Self.base), "bmi": 5}"#,
      #"{\#(Self.base), "override": {"level": 3}}"#, #"{\#(Self.base), "typo": 1}"#,
    ]
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      for json in samples {
        guard let error = refusal(json) else {
          Issue.record("accepted: \(json)")
          continue
        }
        let message = error.message(strings)
        #expect(!message.hasPrefix("error."), "\(message)")
        #expect(!message.contains("{"), "unfilled placeholder in \(message)")
      }
    }
    #expect(
      refusal(#"{\#(Self.base), "findings": ["twins"]}"#)!.message(StringCatalog(language: .en)).contains("\"twins\""))
  }

  /// The contract's input field names: API for programs, never words for people.
  static let fieldNames = [
    "reference_date", "parity", "dating", "due_date", "lmp", "cycle_days", "scan_date", "scan_ga", "bmi", "findings",
    "override", "level", "reason", "birth", "date", "place", "discharge_hours", "traumatic", "child_loss",
    "attendance", "since", "done", "id",
  ]

  @Test("Messages name fields as clinicians do, never by the contract's field names, for every code")
  func noInternalFieldNames() throws {
    let typed = [
      Dating(lastPeriod: CalendarDate(iso: "2026-09-26")!, cycleDays: 15),
      Dating(scanDate: CalendarDate(iso: "2026-11-01")!),
      Dating(scanAge: GestationalAge(weeks: 12, days: 3)),
      Dating(scanDate: CalendarDate(iso: "2026-11-01")!, scanAge: GestationalAge(weeks: 30, days: 0)),
    ].compactMap { dating -> InputError? in
      let input = AssessmentInput(referenceDate: CalendarDate(iso: "2026-11-23")!, parity: .nulliparous, dating: dating)
      do throws(InputError) {
        _ = try AssessmentEngine().assess(input)
        return nil
      } catch {
        return error
      }
    }
    let errors = Self.refusals.compactMap { refusal($0.0) } + typed
    #expect(Set(errors.map(\.code)) == Set(InputError.Code.allCases))
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      for error in errors {
        let message = error.message(strings)
        if let field = error.field, field.contains(where: { "._[".contains($0) }) {
          let path = field.replacing(#/\[\d+\]/#, with: "[]").lowercased()
          #expect(!message.lowercased().contains(path), "\(language): \(message)")
          #expect(!message.lowercased().contains(field.lowercased()), "\(language): \(message)")
        }
        for name in Self.fieldNames {
          #expect(!message.contains("'\(name)'") && !message.contains("\"\(name)\""), "\(language): \(message)")
          if name.contains("_") || name == "lmp" { #expect(!message.contains(name), "\(language): \(message)") }
        }
        #expect(!message.contains("field."), "a field without a name: \(message)")
        #expect(message.range(of: #"\{[A-Za-z]+\}"#, options: .regularExpression) == nil, "unfilled: \(message)")
      }
    }
  }

  @Test("The examples of the issue read as a midwife says them")
  func clinicalFieldNames() throws {
    let da = StringCatalog(language: .da)
    let scan = try #require(
      refusal(
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"scan_date": "2026-11-01", "scan_ga": "3+0"}}"#
      ))
    #expect(scan.field == "dating.scan_ga")
    #expect(scan.message(da).hasPrefix("GA ved scanning skal"))
    let hours = try #require(
      refusal(#"{\#(Self.base), "birth": {"date": "2026-11-20", "place": "hospital", "discharge_hours": -1}}"#))
    #expect(hours.field == "birth.discharge_hours")
    #expect(hours.message(da).hasPrefix("Timer til udskrivelse skal"))
    let missing = try #require(refusal(#"{"parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#))
    #expect(missing.message(da) == "Konsultationsdato mangler og skal udfyldes.")
    let finding = try #require(refusal(#"{\#(Self.base), "findings": ["smoking", "twins"]}"#))
    #expect(finding.message(da).contains("nr. 2"))
    let typo = try #require(
      refusal(
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26", "cycle": 30}}"#))
    #expect(typo.message(da).contains("'cycle' under datering"))
  }

  @Test("The error JSON has the contract's shape")
  func errorJSON() throws {
    let error = try #require(refusal(#"{\#(Self.base), "findings": ["smoking", "twins"]}"#))
    let text = error.contractJSON(StringCatalog(language: .en)).serialized()
    let parsed = try #require(JSONValue.parse(Data(text.utf8)))
    #expect(parsed["error"]?["code"] == .string("unknown_finding"))
    #expect(parsed["error"]?["field"] == .string("findings[1]"))
  }

  @Test("Optional fields may be null; unknown finding IDs never pass silently")
  func nulls() {
    #expect(refusal(#"{\#(Self.base), "bmi": null, "findings": null, "override": null, "birth": null}"#) == nil)
  }
}

@Suite("Inputs built in code are held to the same rules")
struct TypedInputTests {
  let today = CalendarDate(iso: "2026-11-23")!

  func code(_ edit: (inout AssessmentInput) -> Void) -> (InputError.Code, String?)? {
    var input = AssessmentInput(
      referenceDate: today, parity: .nulliparous, dating: Dating(lastPeriod: CalendarDate(iso: "2026-09-26")!))
    edit(&input)
    do {
      _ = try AssessmentEngine().assess(input)
      return nil
    } catch {
      return (error.code, error.field)
    }
  }

  @Test("The engine refuses what parsing would have refused")
  func engineValidates() {
    #expect(code { _ in } == nil)
    #expect(code { $0.dating.cycleDays = 15 }! == (.invalidValue, "dating.cycle_days"))
    #expect(code { $0.dating.cycleDays = 45 } == nil)
    #expect(code { $0.bmi = 9 }! == (.invalidValue, "bmi"))
    #expect(code { $0.findings = ["smoking", "twins"] }! == (.unknownFinding, "findings[1]"))
    #expect(code { $0.override = LevelOverride(level: 5, reason: "x") }! == (.invalidOverride, "override.level"))
    #expect(code { $0.override = LevelOverride(level: 2, reason: " ") }! == (.invalidOverride, "override.reason"))
    #expect(code { $0.dating = Dating(scanDate: today) }! == (.missingField, "dating.scan_ga"))
    #expect(code { $0.dating = Dating() }! == (.missingField, "dating"))
    #expect(
      code { $0.birth = Birth(date: today, place: .hospital) }! == (.missingField, "birth.discharge_hours"))
    #expect(
      code { $0.birth = Birth(date: today.adding(days: 1), place: .home) }! == (.invalidValue, "birth.date"))
  }
}
