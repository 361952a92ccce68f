import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// Contract /2 on the screens: statuses late (until when), done and missed from the
/// engine; birth places judged on the care level and the birth risks, each unsuitable
/// verdict naming what of hers made it so, never a lowered level.
@Suite("Plan and panels on contract /2")
struct PlanContractV2Tests {
  /// Twins, the level lowered to 1 in the decision (suggested 2), saved on `today`.
  func twinsLoweredToOne(today: CalendarDate = today) -> (AppModel, MemoryRepository) {
    let repository = MemoryRepository()
    var model = makeModel(width: 120, height: 40, repository: repository, today: today)
    model.press(.char("n"))
    model.type("Søs Æbelø Ørnsholt")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    model.type("2027-05-20")
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "))
    #expect(model.screenText.contains("Fødselsrisici: Flerfoldsgraviditet"), "the side panel names the birth risk")
    model.press(.enter, .char("1"))
    #expect(model.screenText.contains("Fødesteder følger stadig niveau 2."))
    model.press(.tab)
    model.type("Ønsker lavt niveau")
    model.press(.enter)
    #expect(model.screen == .plan)
    return (model, repository)
  }

  @Test func aLoweredLevelKeepsTheBirthPlacesOfHerRisks() {
    var (model, _) = twinsLoweredToOne()
    #expect(model.screenText.contains("Niveau 1 (valgt; forslag 2)"))
    model.press(.pageDown, .pageDown, .pageDown)
    let text = model.screenText.replacingOccurrences(of: "\n              ", with: " ")
    #expect(text.contains("Niveau for fødested og risikosamtale: 2"))
    #expect(text.contains("Fødselsrisici: Flerfoldsgraviditet"))
    for site in ["OUH Svendborg", "Ærø", "Hjemme"] {
      let line = text.split(separator: "\n").first { $0.contains("[ikke egnet]") && $0.contains(site) }
      #expect(line != nil, "\(site) is not suitable")
    }
    #expect(text.contains("Hos hende: Flerfoldsgraviditet."))
  }

  @Test func theDoubleTestAt12Plus3IsLateAndSaysUntilWhen() {
    // 12+3 for a due date of 2027-05-20; the double test's window closed at 10+0, its
    // latest day is 14+0 = 2026-11-19.
    let day = CalendarDate(iso: "2026-11-08")!
    let (_, repository) = twinsLoweredToOne(today: day)
    var model = makeModel(width: 120, height: 40, repository: repository, today: day)
    model.press(.enter)
    let text = model.screenText
    #expect(text.contains("[sent]    8+1–10+0   2026-10-09–2026-10-22  Egen læge     Doubletest"))
    #expect(text.contains("→ kan nås til og med 2026-11-19"))
    // A week after its latest day: past. A saved visitation says nothing of a test, so the
    // engine does not call it missed from visitations alone.
    var later = makeModel(
      width: 120, height: 40, repository: repository, today: CalendarDate(iso: "2026-11-26")!)
    later.press(.enter)
    #expect(later.screenText.contains("[forbi]   8+1–10+0"))
    #expect(!later.screenText.contains("kan nås til og med 2026-11-19"))
  }

  @Test func theListShowsALateItemWithItsLatestDay() {
    // 11+0: the GP's first visit closed at 10+6 and the scan opens at 11+2, so nothing is
    // due; the double test can still be taken until 14+0.
    let day = CalendarDate(iso: "2026-10-29")!
    let (_, repository) = twinsLoweredToOne(today: day)
    let model = makeModel(width: 120, height: 40, repository: repository, today: day)
    #expect(model.screenText.contains("senest 2026-11-19: Doubletest"))
  }
}
