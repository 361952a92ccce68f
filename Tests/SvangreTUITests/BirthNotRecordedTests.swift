import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// A woman past 44+0 with no birth recorded keeps her last known level, and the list and
/// the plan ask for the birth (the engine decides: `assessFollowUp`).
@Suite("Past 44+0 with no birth recorded")
struct BirthNotRecordedTests {
  @Test(arguments: [
    (
      Language.da, "45+0   3*     fødsel ikke registreret", "Niveau 3 (valgt; forslag 2) · termin 2027-05-20 · GA 45+0",
      "Fødsel ikke registreret: graviditeten nåede 44+0 den 2027-06-17. Tryk b og registrér fødslen."
    ),
    (
      .en, "45+0   3*     birth not recorded", "Level 3 (chosen; suggested 2) · due 2027-05-20 · GA 45+0",
      "Birth not recorded: the pregnancy reached 44+0 on 2027-06-17. Press b to record the birth."
    ),
  ])
  func listAndPlanAskForTheBirth(language: Language, row: String, summary: String, prompt: String) throws {
    // Saved on 2026-11-23 (twins, level 3 chosen over 2), opened again three weeks after term.
    let (_, repository) = ScreenTests().savedModel()
    var model = makeModel(
      width: 120, height: 40, language: language, repository: repository, today: CalendarDate(iso: "2027-06-24")!)
    #expect(model.screenText.contains(row))
    model.press(.enter)
    #expect(model.screen == .plan)
    let text = model.screenText
    #expect(text.contains(summary))
    #expect(text.replacingOccurrences(of: "\n ", with: " ").contains(prompt))
    #expect(!text.contains(language == .da ? "Ingen visitation endnu" : "No visitation yet"))
    // The birth places still follow her risks on the last day that could be assessed.
    model.press(.pageDown, .pageDown, .pageDown)
    #expect(model.screenText.contains("OUH Svendborg"))
    // b opens the birth form, as the prompt says.
    model.press(.char("b"))
    #expect(model.screen == .birth)
  }

  @Test func onTheLastDayNothingIsAsked() {
    let (_, repository) = ScreenTests().savedModel()
    var model = makeModel(width: 120, height: 40, repository: repository, today: CalendarDate(iso: "2027-06-17")!)
    #expect(model.screenText.contains("44+0"))
    #expect(!model.screenText.contains("fødsel ikke registreret"))
    model.press(.enter)
    #expect(!model.screenText.contains("Fødsel ikke registreret"))
  }
}
