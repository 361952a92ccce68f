import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// Nothing on screen is cut off mid-word: explanations and labels wrap, and where a line
/// must be cut it ends in "…".
@Suite struct TextFitTests {
  /// The words of `lines`, one space apart, as a person reads them across line breaks.
  func words(_ lines: [String]) -> String {
    lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
  }

  func planModel(width: Int, language: Language) -> AppModel {
    var model = makeModel(width: width, height: 24, language: language)
    model.typeNewRecord("Søs Æbelø Ørnsholt")
    model.type("2027-05-20")
    model.focusFinding(language == .da ? "Flerfoldsgraviditet" : "Multiple pregnancy")
    model.press(.char(" "), .enter, .enter)
    return model
  }

  @Test(arguments: [(80, Language.da), (80, .en), (100, .da), (132, .en)])
  func thePlanShowsEveryLabelAndReasonWhole(width: Int, language: Language) throws {
    let model = planModel(width: width, language: language)
    #expect(model.screen == .plan)
    let lines = try #require(model.plan).page.lines.map(\.text)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= width - 2 }, "\(lines)")
    #expect(!lines.contains { $0.contains("…") }, "\(lines)")
    let text = words(lines)
    let assessment = try #require(model.plan?.followUp).assessment
    for item in assessment.schedule { #expect(text.contains(item.label.text(language))) }
    for item in assessment.prenatalDiagnostics.items { #expect(text.contains(item.label.text(language))) }
    for place in assessment.birthplaces { #expect(text.contains(place.reason.text(language))) }
  }

  @Test(arguments: Language.allCases)
  func theFocusedCriterionIsExplainedInFullTheOthersEndInAnEllipsis(language: Language) {
    var model = makeModel(width: 80, height: 24, language: language)
    model.typeNewRecord()
    let ruleSet = model.context.ruleSet
    guard var walk = model.walkthrough else { return #expect(Bool(false), "not on the walkthrough") }
    for (index, item) in walk.items.enumerated() {
      guard case .finding = item else { continue }
      walk.form.focus = index
      // Each criterion's explanation lines, by the row they belong to.
      var shown: [Int: [String]] = [:]
      var current = -1
      for line in walk.walkLines(width: 80 * 58 / 100, model.environment) {
        if case .item(let row) = line { current = row }
        if case .explanation(let text) = line { shown[current, default: []].append(text) }
      }
      for (row, lines) in shown {
        guard case .finding(let id) = walk.items[row], let finding = ruleSet.finding(id) else { continue }
        let explanation = words([finding.explanation.text(language)])
        if row == index {
          #expect(words(lines) == explanation, "\(id)")
        } else {
          #expect(lines.count == 1)
          let line = lines[0]
          #expect(line == explanation || (line.hasSuffix("…") && explanation.hasPrefix(line.dropLast())), "\(line)")
        }
      }
    }
  }

  @Test func theFrameNeverEndsMidWordAtTheEdge() {
    var model = makeModel(width: 80, height: 24)
    model.typeNewRecord("Søs Æbelø Ørnsholt med et meget langt navn der ikke kan stå i listen")
    #expect(model.screen == .walkthrough)
    let buffer = model.render()
    // The header keeps the date and initials; the name gives way with "…".
    #expect(buffer.line(0).contains("…"))
    #expect(buffer.line(0).hasSuffix("I dag 2026-11-23 · AB"))
  }
}
