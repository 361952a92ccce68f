import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreTUI

/// The worklist screen ("Ugens kalender") on the in-memory store: opened from the list by
/// `u`, grouped by day, filtered by key, a week at a time, Enter opens the woman's plan.
@Suite struct WorklistScreenTests {
  /// Two women seen on 2026-11-23: Søs due 2027-05-20 (her scan 18–20 falls due on Thursday
  /// 2026-12-17), Ida due 2027-04-26 (her scan 18–20 is due from Monday 2026-11-23, her
  /// midwife consultation at 21 weeks from Monday 2026-12-14). The clinical date is
  /// Wednesday 2026-12-16.
  func model(width: Int = 80, height: Int = 24, today: String = "2026-12-16") -> AppModel {
    let repository = MemoryRepository()
    for (name, cpr, due) in [("Søs Ørnsholt", "010190-2000", "2027-05-20"), ("Ida Ærø", "020290-4000", "2027-04-26")] {
      let id = try! repository.create(name: name, cpr: cpr, author: "AB")
      let input = AssessmentInput(
        referenceDate: CalendarDate(iso: "2026-11-23")!, parity: .nulliparous,
        dating: Dating(dueDate: CalendarDate(iso: due)!))
      try! repository.appendVisitation(recordID: id, input: input, author: "AB", expectedRevision: 1)
    }
    return makeModel(width: width, height: height, repository: repository, today: CalendarDate(iso: today)!)
  }

  var worklist: (AppModel) -> WorklistScreen? = { model in
    model.state as? WorklistScreen
  }

  @Test func opensFromTheListGroupedByDay() throws {
    var model = model(width: 120, height: 40)
    #expect(model.render().line(39).contains("u uge"))
    model.press(.char("u"))
    #expect(model.screen == .worklist)
    let text = model.screenText
    #expect(text.contains("Svangre · Ugens kalender"))
    #expect(text.contains("Ugens kalender 2026-12-14 – 2026-12-20"))
    #expect(text.contains("Vist: alle faggrupper; sent, i vindue, mangler"))
    #expect(text.contains("I vindue: 2"))
    #expect(text.contains("Mandag 2026-12-14") && text.contains("Torsdag 2026-12-17"))
    #expect(text.contains("Søs Ørnsholt") && text.contains("010190-XXXX") && text.contains("18+0"))
    #expect(text.contains("Ida Ærø") && text.contains("21+0") && text.contains("Jordemoder"))
  }

  @Test func weeksAndFiltersByKey() throws {
    var model = model(width: 120, height: 40, today: "2026-11-25")
    model.press(.char("u"))
    var text = model.screenText
    #expect(text.contains("Mandag 2026-11-23") && text.contains("Ida Ærø"))
    #expect(text.contains("udført: 1"))
    model.press(.char("s"))  // late only
    #expect(model.screenText.contains("Vist: alle faggrupper; sent\n") && !model.screenText.contains("Ida Ærø"))
    model.press(.char("s"))  // due only
    #expect(model.screenText.contains("Ida Ærø"))
    model.press(.char("s"), .char("s"))  // missed, then done
    text = model.screenText
    #expect(text.contains("Vist: alle faggrupper; udført"))
    #expect(text.contains("Søs Ørnsholt") && !text.contains("Ida Ærø"))
    model.press(.char("s"))  // back to what needs the clinic
    model.press(.char("f"))  // GP only: nothing that week
    text = model.screenText
    #expect(text.contains("Vist: Egen læge;"))
    #expect(text.contains("Ingen punkter i perioden."))
    model.press(.char("f"), .char("f"))  // sonographer: Ida's scan again
    #expect(model.screenText.contains("Ida Ærø"))
    model.press(.right)
    #expect(model.screenText.contains("Ugens kalender 2026-11-30 – 2026-12-06"))
    model.press(.left, .left)
    #expect(model.screenText.contains("Ugens kalender 2026-11-16 – 2026-11-22"))
  }

  @Test func enterOpensHerPlanAndEscGoesBack() throws {
    var model = model()
    model.press(.char("u"))
    #expect(worklist(model)?.lines.first?.isRow == false)
    model.press(.enter)
    #expect(model.screen == .plan)
    #expect(model.plan?.detail.name == "Ida Ærø")
    model.press(.esc)
    model.press(.char("u"), .esc)
    #expect(model.screen == .list)
  }

  /// A woman opened from a row of the worklist opens at her plan with the cursor on that
  /// row's item (so `d` marks it done), not on the plan's own first choice: every row of
  /// every week from the first visitation to the due date.
  @Test func herPlanOpensOnTheItemOfTheRow() throws {
    var rows = 0
    var notThePlansOwnChoice = 0
    for week in stride(from: 0, through: 175, by: 7) {
      let today = CalendarDate(iso: "2026-11-23")!.adding(days: week).iso
      var index = 0
      while true {
        var model = model(today: today)
        model.press(.char("u"))
        let count = try #require(worklist(model)).lines.filter(\.isRow).count
        guard index < count else { break }
        for _ in 0..<index { model.press(.down) }
        let row = try #require(worklist(model).flatMap(\.selectedRow))
        model.press(.enter)
        let plan = try #require(model.plan)
        #expect(plan.selectedItem?.id == row.item.id, "\(today), row \(index)")
        if PlanScreen(plan.detail, model.environment).selectedItem?.id != row.item.id { notThePlansOwnChoice += 1 }
        rows += 1
        index += 1
      }
    }
    #expect(rows >= 10)
    #expect(notThePlansOwnChoice > 0)
  }

  @Test func theSelectionSkipsTheDayHeadings() throws {
    var model = model()
    model.press(.char("u"))
    let screen = try #require(worklist(model))
    #expect(screen.lines.count == 4 && screen.selected == 1)
    #expect(model.screenText.contains("1 af 2"))
    model.press(.down, .down, .down)
    #expect(worklist(model)?.selected == 3)
    #expect(model.screenText.contains("2 af 2"))
    model.press(.up, .up, .up)
    #expect(worklist(model)?.selected == 1)
  }
}
