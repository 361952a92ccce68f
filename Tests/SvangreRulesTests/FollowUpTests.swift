import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

/// `assessFollowUp`: a woman in care past 44+0 with no birth is assessed on the day she
/// reached 44+0 and the answer asks for the birth, instead of a refusal.
@Suite("Follow-up past 44+0 with no birth")
struct FollowUpTests {
  func input(on reference: String, _ extra: String = "") throws -> AssessmentInput {
    try AssessmentInput.parse(Data(dueMay20(on: reference, extra).utf8), ruleSet: .bundled)
  }

  @Test("on 44+0 she is assessed as `assess` does; from 44+1 on that last day, and the birth is asked for")
  func lastDay() throws {
    let engine = AssessmentEngine()
    let onLastDay = try engine.assessFollowUp(try input(on: "2027-06-17"))
    #expect(!onLastDay.birthNotRecorded && onLastDay.assessedOn == date("2027-06-17"))
    #expect(onLastDay.assessment == (try engine.assess(try input(on: "2027-06-17"))))

    for (day, ga) in [("2027-06-18", "44+1"), ("2027-09-01", "54+6")] {
      let late = try input(on: day, #""findings": ["multiple_pregnancy"], "override": {"level": 3, "reason": "x"}"#)
      #expect(throws: InputError.self) { try engine.assess(late) }
      let followUp = try engine.assessFollowUp(late)
      #expect(followUp.birthNotRecorded)
      #expect(followUp.assessedOn == date("2027-06-17"))
      #expect(followUp.gestationalAge.description == ga)
      // Her last known level and what follows from it, as on 44+0.
      var lastDay = late
      lastDay.referenceDate = date("2027-06-17")
      #expect(followUp.assessment == (try engine.assess(lastDay)))
      #expect(followUp.assessment.level == 3 && followUp.assessment.suggestedLevel == 2)
      #expect(followUp.assessment.gestationalAge.description == "44+0")
    }
  }

  @Test("with the birth recorded, and before the pregnancy began, it is `assess`")
  func otherwiseAssess() throws {
    let engine = AssessmentEngine()
    let born = try input(
      on: "2027-07-01", #""birth": {"date": "2027-05-18", "place": "hospital", "discharge_hours": 20}"#)
    let followUp = try engine.assessFollowUp(born)
    #expect(!followUp.birthNotRecorded && followUp.assessedOn == date("2027-07-01"))
    #expect(followUp.assessment == (try engine.assess(born)))
    let early = try input(on: "2026-08-12")
    #expect(throws: InputError.self) { try engine.assessFollowUp(early) }
  }
}
