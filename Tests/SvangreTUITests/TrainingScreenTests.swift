import Foundation
import SvangreResources
import SvangreRules
import SvangreTraining
import Testing

@testable import SvangreTUI

/// The training screen: generated practice cases, answered with 1–4, scored, never saved.
/// Expected levels always come from the generated case's own assessment.
@Suite struct TrainingScreenTests {
  /// A level other than the rules' suggestion, for a wrong answer.
  func wrongLevel(for practice: PracticeCase) -> Int {
    practice.assessment.suggestedLevel == 1 ? 2 : 1
  }

  func key(_ level: Int) -> Key { .char(Character(String(level))) }

  @Test func tOnTheListOpensTrainingWithACase() throws {
    var model = makeModel()
    model.press(.char("t"))
    #expect(model.screen == .training)
    let practice = try #require(model.practiceCase)
    let text = model.screenText
    #expect(text.contains("Svangre · Træning"))
    #expect(text.contains("Øvelse 1 · 0 af 0 rigtige"))
    #expect(text.contains("GA \(practice.assessment.gestationalAge.description)"))
    #expect(text.contains("termin \(practice.assessment.dueDate.iso)"))
    #expect(text.contains("Hvilket niveau foreslår reglerne? Tryk 1–4."))
    // The status bar comes from the key table.
    let status = model.render().line(23)
    #expect(status.contains("1–4 svar  Enter/n næste"))
    #expect(status.contains("Esc tilbage"))
    // The list shows the key too.
    model.press(.esc)
    #expect(model.render().line(23).contains("t træning"))
  }

  @Test func findingsAreShownByLabelUnderTheirDomain() throws {
    var model = makeModel(width: 120, height: 40)
    model.press(.char("t"))
    // Move on until a case with findings (the generator gives one within a few cases).
    var practice = try #require(model.practiceCase)
    while practice.input.findings.isEmpty {
      model.press(.char("1"), .enter)
      practice = try #require(model.practiceCase)
    }
    let ruleSet = model.context.ruleSet
    let text = model.screenText
    for id in practice.input.findings {
      let finding = try #require(ruleSet.finding(id))
      let domain = try #require(ruleSet.domains.first { $0.id == finding.domain })
      let row = try #require(model.render().find(finding.label.text(.da)))
      #expect(model.render().line(row.row).contains(domain.label.text(.da) + ":"))
    }
    #expect(!text.contains("Ingen fund."))
  }

  @Test func aRightAnswerShowsReasonsSourcesAndOffers() throws {
    var model = makeModel(width: 120, height: 40)
    model.press(.char("t"))
    let practice = try #require(model.practiceCase)
    let level = practice.assessment.suggestedLevel
    model.press(key(level))
    let text = model.screenText
    #expect(text.contains("✓ Rigtigt: du svarede niveau \(level), og reglerne foreslår niveau \(level)."))
    #expect(text.contains("Øvelse 1 · 1 af 1 rigtige"))
    for reason in practice.assessment.reasons {
      #expect(text.contains("[\(reason.level)] \(reason.label.text(.da)) (\(reason.source.text(.da)))"))
    }
    if practice.assessment.reasons.isEmpty { #expect(text.contains("Ingen fund hæver niveauet.")) }
    for offer in practice.assessment.offers {
      #expect(text.contains("• \(offer.label.text(.da))"))
    }
    // A second key does not change the answer.
    model.press(key(wrongLevel(for: practice)))
    #expect(model.practiceScore.answered == 1 && model.practiceScore.correct == 1)
  }

  @Test func aWrongAnswerSaysSoInWordsAndCounts() throws {
    var model = makeModel(language: .en)
    model.press(.char("t"))
    let practice = try #require(model.practiceCase)
    let wrong = wrongLevel(for: practice)
    model.press(key(wrong))
    let buffer = model.render()
    let text = buffer.text
    #expect(
      text.contains(
        "✗ Wrong: you answered level \(wrong), but the rules suggest level \(practice.assessment.suggestedLevel)."))
    #expect(text.contains("Case 1 · 0 of 1 right"))
    // Meaning is in the words; the style only underlines it.
    let row = try #require(buffer.find("✗ Wrong"))
    #expect(buffer[row.row, row.column].style.contains(.bold))
  }

  @Test func nextCaseKeepsTheScoreAndEscGoesBack() throws {
    let repository = MemoryRepository()
    var model = makeModel(repository: repository)
    model.press(.char("t"))
    // Enter before answering does not skip the case.
    model.press(.enter)
    #expect(model.practiceCase?.number == 1)
    #expect(model.message == "Svar først: tryk 1–4.")
    var expected = (correct: 0, answered: 0)
    for round in 0..<4 {
      let practice = try #require(model.practiceCase)
      #expect(practice.number == round + 1)
      let right = round != 2
      model.press(key(right ? practice.assessment.suggestedLevel : wrongLevel(for: practice)))
      expected.answered += 1
      if right { expected.correct += 1 }
      #expect(model.screenText.contains("\(expected.correct) af \(expected.answered) rigtige"))
      model.press(round.isMultiple(of: 2) ? .enter : .char("n"))
    }
    #expect(model.screenText.contains("Øvelse 5 · 3 af 4 rigtige"))
    model.press(.esc)
    #expect(model.screen == .list)
    #expect(model.screenText.contains("Ingen journaler endnu"))
    // Practice cases are not patients: nothing reached the store.
    #expect(repository.records.isEmpty)
    // A new session starts the score from zero, with new cases.
    model.press(.char("t"))
    #expect(model.screenText.contains("Øvelse 6 · 0 af 0 rigtige"))
  }

  @Test func theSameSeedGivesTheSameCases() {
    var first = makeModel(trainingSeed: 42)
    var second = makeModel(trainingSeed: 42)
    first.press(.char("t"))
    second.press(.char("t"))
    #expect(first.screenText == second.screenText)
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func fitsAndScrollsAtBothSizes(width: Int, height: Int) throws {
    for language in Language.allCases {
      var model = makeModel(width: width, height: height, language: language)
      model.press(.char("t"))
      for _ in 0..<12 {
        let practice = try #require(model.practiceCase)
        model.press(key(practice.assessment.suggestedLevel))
        let buffer = model.render()
        #expect(buffer.width == width && buffer.height == height)
        // The verdict is on screen after answering, even when the page scrolls.
        #expect(buffer.contains(language == .da ? "✓ Rigtigt" : "✓ Right"))
        // Every line is wrapped to the page, so nothing is cut off at the right edge.
        #expect(model.training?.page.lines.allSatisfy { DisplayWidth.of($0.text) <= width - 2 } == true)
        model.press(.pageDown, .pageDown)
        #expect(model.render().contains(language == .da ? "Enter eller n" : "Enter or n"))
        model.press(.enter)
      }
    }
  }

  @Test func helpListsTheTrainingKeys() {
    var model = makeModel(height: 200)
    model.press(.f1)
    #expect(model.screenText.contains("t       Træning: øv visitationen på genererede øvelser"))
    model.press(.esc, .char("t"), .f1)
    let text = model.screenText
    #expect(text.contains("Træning ──"))
    #expect(text.contains("1–4     Dit svar: det niveau, du mener reglerne foreslår"))
  }
}
