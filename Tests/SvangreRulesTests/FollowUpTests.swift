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

  @Test("with the days she was seen, her GP and midwife items are done or missed; scans and lab tests stay past")
  func attendanceFromVisitations() throws {
    // Seen on 2026-11-23 (in midwife_13_15), looked at on 2027-02-12 (26+1): the week-21
    // midwife visit passed with no visitation, so did the 18–20 scan, which svangre does not record.
    let input = try input(on: "2027-02-12", #""bmi": 28"#)
    let followUp = try AssessmentEngine().assessFollowUp(input, consultations: [date("2026-11-23")])
    let assessment = followUp.assessment
    #expect(assessment.item("midwife_13_15")?.status == .done)
    #expect(assessment.item("midwife_13_15")?.doneDate == date("2026-11-23"))
    #expect(assessment.item("midwife_21")?.status == .missed)
    #expect(assessment.item("scan_18_20")?.status == .past)
    #expect(assessment.item("gp_6_10")?.status == .past, "ended before she was first seen")
    #expect(assessment.item("ogtt_24_28")?.status == .due)
    // Without the days she was seen nothing is known: past, as `assess` says.
    let plain = try AssessmentEngine().assessFollowUp(input)
    #expect(plain.assessment.item("midwife_21")?.status == .past)
    #expect(plain.assessment.item("midwife_13_15")?.status == .past)
  }
}
