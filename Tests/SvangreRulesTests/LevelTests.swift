import Testing

@testable import SvangreRules

@Suite("Level, reasons and offers")
struct LevelTests {
  @Test("No findings: level 1, no reasons, no offers")
  func plain() throws {
    let result = try assess(dueMay20())
    #expect(result.suggestedLevel == 1)
    #expect(result.level == 1)
    #expect(!result.overridden)
    #expect(result.reasons.isEmpty)
    #expect(result.offers.isEmpty)
  }

  @Test("Every finding with a level suggests exactly that level and names its source")
  func eachFinding() throws {
    for finding in RuleSet.bundled.findings {
      let result = try assess(dueMay20(#""findings": ["\#(finding.id)"]"#))
      if let level = finding.level {
        #expect(result.suggestedLevel == level, "\(finding.id)")
        let reason = try #require(result.reasons.first { $0.id == finding.id })
        #expect(reason.level == level)
        #expect(reason.source == RuleSet.bundled.sourceText(finding.sources))
      } else {
        #expect(!result.reasonIDs.contains(finding.id), "\(finding.id) has no level of its own")
      }
      for offer in finding.offers {
        let made = try #require(result.offers.first { $0.id == offer }, "\(finding.id) → \(offer)")
        #expect(made.because.contains(finding.id))
      }
    }
  }

  @Test("The highest finding decides; reasons are sorted highest first")
  func highestWins() throws {
    let result = try assess(
      dueMay20(#""findings": ["smoking", "severe_social_problems", "alcohol_use", "previous_child_loss"]"#))
    #expect(result.suggestedLevel == 4)
    #expect(result.reasons.map(\.level) == [4, 3, 2, 2])
    #expect(result.reasonIDs.first == "alcohol_use")
    #expect(
      Set(result.offerIDs).isSuperset(of: [
        "family_clinic_plus", "family_clinic", "municipality", "smoking_cessation", "extended_midwife",
      ]))
  }

  @Test("Duplicated findings count once")
  func duplicates() throws {
    let result = try assess(dueMay20(#""findings": ["smoking", "smoking"]"#))
    #expect(result.reasons.count == 1)
    #expect(result.offers.first { $0.id == "smoking_cessation" }?.because == ["smoking"])
  }

  @Test("An override sets the level but the suggestion is still reported")
  func override() throws {
    let up = try assess(dueMay20(#""findings": ["smoking"], "override": {"level": 3, "reason": "No network"}"#))
    #expect(up.suggestedLevel == 2)
    #expect(up.level == 3)
    #expect(up.overridden)
    #expect(up.overrideReason == "No network")
    let down = try assess(dueMay20(#""findings": ["smoking"], "override": {"level": 1, "reason": "Stopped"}"#))
    #expect(down.level == 1)
    #expect(down.suggestedLevel == 2)
  }

  @Test(
    "BMI: overweight from 30, GDM risk factor from 27",
    arguments: [
      (26.9, false, false), (27.0, false, true), (29.9, false, true), (30.0, true, true), (45.0, true, true),
    ])
  func bmi(bmi: Double, overweight: Bool, gdmRisk: Bool) throws {
    let result = try assess(dueMay20(#""bmi": \#(bmi)"#))
    #expect(result.reasonIDs.contains("overweight") == overweight)
    #expect(result.reasonIDs.contains("gdm_risk") == gdmRisk)
    #expect((result.item("ogtt_24_28") != nil) == gdmRisk)
    #expect(result.item("ogtt_early") == nil, "one risk factor alone: only the week 24–28 test")
    #expect(result.offerIDs.contains("extended_midwife") == overweight)
    #expect(result.suggestedLevel == (gdmRisk ? 2 : 1))
  }

  @Test("GDM rule: earlier GDM or two risk factors → early and 24–28 test; one or twins → 24–28")
  func gdm() throws {
    func tests(_ extra: String) throws -> [String] {
      try assess(dueMay20(extra)).schedule.map(\.id).filter { $0.hasPrefix("ogtt") }
    }
    #expect(try tests(#""findings": ["previous_gdm"]"#) == ["ogtt_early", "ogtt_24_28"])
    #expect(try tests(#""findings": ["family_diabetes", "pcos"]"#) == ["ogtt_early", "ogtt_24_28"])
    #expect(try tests(#""findings": ["previous_macrosomia"], "bmi": 27"#) == ["ogtt_early", "ogtt_24_28"])
    #expect(try tests(#""findings": ["pcos"]"#) == ["ogtt_24_28"])
    #expect(try tests(#""findings": ["multiple_pregnancy"]"#) == ["ogtt_24_28"])
    #expect(try tests(#""findings": ["smoking"]"#) == [])
    let risk = try assess(dueMay20(#""findings": ["family_diabetes"]"#))
    #expect(risk.reasons.map(\.id) == ["gdm_risk"])
    #expect(risk.suggestedLevel == 2)
  }

  @Test("Home birth wish: known midwife always, risk talk when home is unsuitable")
  func homeBirth() throws {
    let low = try assess(dueMay20(#""findings": ["home_birth_wish"]"#))
    #expect(low.offerIDs == ["known_midwife"])
    #expect(low.level == 1)
    let support = try assess(dueMay20(#""findings": ["home_birth_wish", "smoking"]"#))
    #expect(!support.offerIDs.contains("home_birth_risk_talk"), "smoking is not a birth risk")
    let risk = try assess(dueMay20(#""findings": ["home_birth_wish", "overweight"]"#))
    #expect(risk.offerIDs.contains("home_birth_risk_talk"))
    let raised = try assess(dueMay20(#""findings": ["home_birth_wish"], "override": {"level": 3, "reason": "x"}"#))
    #expect(raised.offerIDs.contains("home_birth_risk_talk"), "a raised level raises the care level")
  }

  @Test("Extended prenatal diagnostics when a finding adds it")
  func diagnostics() throws {
    let basic = try assess(dueMay20())
    #expect(basic.prenatalDiagnostics.programme == .basic)
    #expect(basic.prenatalDiagnostics.items.map(\.id) == ["double_test", "scan_11_14", "scan_18_20"])
    let extended = try assess(dueMay20(#""findings": ["consanguinity"]"#))
    #expect(extended.prenatalDiagnostics.programme == .extended)
    let ids = extended.prenatalDiagnostics.items.map(\.id)
    for id in ["genetic_referral", "fetal_medicine_scans", "nipt", "triple_test", "cvs", "amniocentesis"] {
      #expect(ids.contains(id))
    }
    let triple = try #require(extended.prenatalDiagnostics.items.first { $0.id == "triple_test" })
    #expect(triple.gaLatest?.description == "20+0")
    #expect(triple.latest == GestationalAge(weeks: 20, days: 0).date(dueDate: date("2027-05-20")))
    #expect(extended.offerIDs.contains("genetic_counselling"))
  }
}
