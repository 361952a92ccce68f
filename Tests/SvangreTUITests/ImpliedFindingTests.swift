import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// A finding the rules set themselves (`Reason.implied`: overweight from a BMI ≥ 30) shows
/// ticked in the walkthrough, says why, and cannot be unticked while the BMI holds.
@Suite struct ImpliedFindingTests {
  func walkthrough(bmi: String, language: Language = .da) -> AppModel {
    var model = makeModel(width: 80, height: 24, language: language)
    model.typeNewRecord()
    model.type("2027-05-20")
    for _ in 0...WalkItem.fields.count { model.press(.down) }
    model.type(bmi)
    return model
  }

  func overweightRow(_ model: AppModel, language: Language = .da) -> String? {
    let label = language == .da ? "Svær overvægt (BMI ≥ 30)" : "Obesity (BMI ≥ 30)"
    // The walkthrough's pane, left of the side panel (which lists the reasons).
    let pane = model.screenText.split(separator: "\n").map { String($0.split(separator: "│").first ?? "") }
    return pane.first { $0.contains(label) }
  }

  @Test(arguments: Language.allCases)
  func aBMIOf30TicksOverweightAndSaysSo(language: Language) throws {
    var model = walkthrough(bmi: "31.2", language: language)
    model.focusFinding(language == .da ? "Svær overvægt" : "Obesity")
    let row = try #require(overweightRow(model, language: language))
    #expect(row.contains("[x]"))
    #expect(model.screenText.contains(language == .da ? "krydset af fra BMI 31.2" : "ticked from BMI 31.2"))
    guard case .success(let assessment) = model.walkResult else { throw CancellationError() }
    #expect(assessment.reasons.contains { $0.id == "overweight" && $0.implied })
  }

  @Test func spaceCannotUntickWhatTheBMISets() throws {
    var model = walkthrough(bmi: "31")
    model.focusFinding("Svær overvægt")
    model.press(.char(" "))
    #expect(model.walk.findings.isEmpty)
    #expect(model.message == "Svær overvægt (BMI ≥ 30) er krydset af ud fra BMI; ret BMI for at ændre det.")
    #expect(try #require(overweightRow(model)).contains("[x]"))
  }

  @Test func belowThirtyTheBoxIsEmptyAndCanBeTickedByHand() throws {
    var model = walkthrough(bmi: "29.9")
    model.focusFinding("Svær overvægt")
    #expect(try #require(overweightRow(model)).contains("[ ]"))
    #expect(!model.screenText.contains("krydset af fra BMI"))
    model.press(.char(" "))
    #expect(model.walk.findings == ["overweight"])
    #expect(try #require(overweightRow(model)).contains("[x]"))
    #expect(!model.screenText.contains("krydset af fra BMI"))
  }
}
