import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

@Suite("Contract output")
struct ContractOutputTests {
  @Test("Keys come in the contract's order and the JSON parses back")
  func order() throws {
    let result = try assess(
      dueMay20(#""findings": ["multiple_pregnancy"], "override": {"level": 3, "reason": "Æ \"ø\"\n"}"#))
    let text = result.contractJSON(language: .da).serialized()
    #expect(text.hasPrefix(#"{"contract":"svangre.assessment/2","ruleset":{"id":"dk-rsyd-fodeplan","#))
    let json = try #require(JSONValue.parse(Data(text.utf8)))
    #expect(json["level"] == .number(3))
    #expect(json["suggested_level"] == .number(2))
    #expect(json["override_reason"] == .string("Æ \"ø\"\n"))
    #expect(json["gestational_age"] == .string("14+4"))
    guard case .array(let schedule) = json["schedule"] else {
      Issue.record("no schedule")
      return
    }
    #expect(schedule.first?["id"] == .string("gp_6_10"))
    #expect(schedule.first?["status"] == .string("past"))
    let pretty = result.contractJSON(language: .en).serialized(pretty: true)
    #expect(JSONValue.parse(Data(pretty.utf8)) != nil)
    #expect(pretty.contains("\n  \"dating\": {\n    \"due_date\": \"2027-05-20\""))
  }

  @Test("Texts follow the language; IDs do not")
  func language() throws {
    let result = try assess(dueMay20(#""findings": ["smoking"]"#))
    let da = result.contractJSON(language: .da).serialized()
    let en = result.contractJSON(language: .en).serialized()
    #expect(da.contains("Ryger"))
    #expect(en.contains("Smokes"))
    #expect(da.contains(#""id":"smoking""#) && en.contains(#""id":"smoking""#))
  }

  @Test("The input's JSON form reads back to the same input")
  func inputRoundTrip() throws {
    let json = dueMay20(
      on: "2027-05-21",
      #""bmi": 31.5, "findings": ["smoking", "rhd_negative"], "override": {"level": 3, "reason": "r"}, "birth": {"date": "2027-05-19", "place": "hospital", "discharge_hours": 30, "traumatic": true}"#
    )
    let input = try AssessmentInput.parse(Data(json.utf8), ruleSet: .bundled)
    let again = try AssessmentInput(json: input.json, ruleSet: .bundled)
    #expect(again == input)
  }
}

@Suite("Public acceptance cases (../shared/cases beside the checkout; none found fails)")
struct PublicCaseTests {
  static let casesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/cases")

  @Test("Each case's levels, dates and statuses match")
  func cases() throws {
    let files =
      (try? FileManager.default.contentsOfDirectory(at: Self.casesDirectory, includingPropertiesForKeys: nil))?
      .filter { $0.pathExtension == "json" } ?? []
    // No cases found is a failure, not a pass: the acceptance cases must be read.
    try #require(!files.isEmpty, "no public cases in \(Self.casesDirectory.path)")
    for file in files {
      let case_ = try #require(JSONValue.parse(try Data(contentsOf: file)))
      guard let input = case_["input"], let expect = case_["expect"] else { continue }
      let data = try JSONEncoder().encode(input)
      let outcome = Result { () throws(InputError) -> Assessment in
        try AssessmentEngine().assess(try AssessmentInput.parse(data, ruleSet: .bundled))
      }
      switch outcome {
      case .failure(let error):
        #expect(expect["error_code"] == .string(error.code.rawValue), "\(file.lastPathComponent)")
      case .success(let result):
        #expect(expect["error_code"] == nil, "\(file.lastPathComponent)")
        #expect(expect["due_date"].map { $0 == .string(result.dueDate.iso) } ?? true)
        #expect(expect["level"].map { $0 == .number(Double(result.level)) } ?? true)
        #expect(expect["suggested_level"].map { $0 == .number(Double(result.suggestedLevel)) } ?? true)
        if case .object(let items) = expect["schedule"] {
          for (id, fields) in items {
            let item = result.schedule.first { $0.id == id }
            #expect(item != nil, "\(file.lastPathComponent): \(id)")
            #expect(fields["from"].map { $0 == .string(item?.from.iso ?? "") } ?? true)
            #expect(fields["status"].map { $0 == .string(item?.status.rawValue ?? "") } ?? true)
          }
        }
      }
    }
  }
}
