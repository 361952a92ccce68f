import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

// What contract /2 changed after the clinical review: safety limits follow the birth
// risks and the care level, never a lowered level; late, done and missed; the offers the
// review found missing. See docs/cli.md, "Changes from /1".

private let lowRiskSites = ["ouh_svendborg", "ouh_aeroe", "home"]

private func findings(_ ids: [String], override level: Int? = nil) -> String {
  let list = ids.map { "\"\($0)\"" }.joined(separator: ", ")
  let override = level.map { #", "override": {"level": \#($0), "reason": "kendt forløb"}"# } ?? ""
  return "\"findings\": [\(list)]\(override)"
}

@Suite("Birth places follow birth risks and the care level")
struct BirthRiskTests {
  static let birthRisks = RuleSet.bundled.findings.filter(\.birthRisk).map(\.id)
  /// Level-2 findings that are about support, not the birth.
  static let supportFindings = RuleSet.bundled.findings.filter { $0.level == 2 && !$0.birthRisk }.map(\.id)

  @Test("Lowering the level to 1 with any birth risk keeps Svendborg, Ærø and home unsuitable", arguments: birthRisks)
  func overrideToOne(risk: String) throws {
    let result = try assess(dueMay20(findings([risk, "home_birth_wish"], override: 1)))
    #expect(result.level == 1)
    #expect(result.careLevel == result.suggestedLevel)
    #expect(result.birthRisks.map(\.id) == [risk])
    for site in lowRiskSites {
      let place = try #require(result.place(site))
      #expect(!place.suitable, "\(site)")
      #expect(place.because.contains(risk), "\(site) names the risk")
    }
    #expect(result.offerIDs.contains("home_birth_risk_talk"), "the home-birth risk talk stays")
  }

  @Test("Each birth risk on its own rules out Svendborg, Ærø and home", arguments: birthRisks)
  func riskAlone(risk: String) throws {
    let result = try assess(dueMay20(findings([risk])))
    for site in lowRiskSites { #expect(result.place(site)?.suitable == false, "\(site)") }
    #expect(result.place("ouh_odense")?.suitable == true)
  }

  @Test("A level-2 finding about support, not the birth, leaves every site suitable", arguments: supportFindings)
  func supportAlone(finding: String) throws {
    let result = try assess(dueMay20(findings([finding, "home_birth_wish"])))
    #expect(result.careLevel == 2)
    #expect(result.birthRisks.isEmpty)
    #expect(result.birthplaces.allSatisfy { $0.suitable }, "\(finding)")
    #expect(!result.offerIDs.contains("home_birth_risk_talk"))
  }

  @Test("Care level 3 without a birth risk rules out the low-risk sites, naming the level")
  func careLevelThree() throws {
    let result = try assess(dueMay20(findings(["severe_social_problems"], override: 1)))
    #expect(result.level == 1 && result.careLevel == 3)
    let svendborg = try #require(result.place("ouh_svendborg"))
    #expect(!svendborg.suitable)
    #expect(svendborg.because == ["care_level"])
  }

  @Test("Raising the level to 3 raises the care level too")
  func raised() throws {
    let result = try assess(dueMay20(findings(["smoking"], override: 3)))
    #expect(result.careLevel == 3)
    #expect(result.place("home")?.suitable == false)
  }

  @Test("Highly specialised neonatal care: Odense only, also at level 1")
  func neonatalIntensive() throws {
    let result = try assess(dueMay20(findings(["fetal_condition_neonatal_intensive"], override: 1)))
    #expect(result.suggestedLevel == 3)
    #expect(result.birthplaces.filter(\.suitable).map(\.site) == ["ouh_odense"])
    #expect(result.place("slb_kolding")?.because == ["fetal_condition_neonatal_intensive"])
    #expect(result.offerIDs.contains("obstetrician"))
  }
}

@Suite("Offers the clinical review found missing")
struct OfferTests {
  @Test(
    "Alcohol, drugs, medication misuse and substitution treatment: extended prenatal diagnostics",
    arguments: ["alcohol_use", "drug_use", "medication_misuse", "substitution_treatment"])
  func substances(finding: String) throws {
    let result = try assess(dueMay20(findings([finding])))
    #expect(result.offerIDs.contains("extended_prenatal_diagnostics"))
    #expect(result.prenatalDiagnostics.programme == .extended)
    #expect(result.offers.first { $0.id == "extended_prenatal_diagnostics" }?.because == [finding])
  }

  @Test(
    "A known maternal condition: obstetrician",
    arguments: ["somatic_condition_well_treated", "mental_condition_well_treated"])
  func knownCondition(finding: String) throws {
    let result = try assess(dueMay20(findings([finding])))
    #expect(result.offers.first { $0.id == "obstetrician" }?.because == [finding])
    #expect(result.birthRisks.isEmpty, "a well-treated condition is not a birth risk by itself")
  }

  @Test(
    "A woman who already has diabetes gets no glucose test and no GDM risk",
    arguments: ["pregestational_diabetes", "gestational_diabetes"])
  func diabetes(finding: String) throws {
    let result = try assess(dueMay20(#""bmi": 31, "# + findings([finding, "previous_gdm", "family_diabetes"])))
    #expect(!result.reasonIDs.contains("gdm_risk"))
    #expect(result.item("ogtt_early") == nil)
    #expect(result.item("ogtt_24_28") == nil)
    // The same woman without diabetes is tested early and at 24–28.
    let without = try assess(dueMay20(#""bmi": 31, "# + findings(["previous_gdm", "family_diabetes"])))
    #expect(without.item("ogtt_early") != nil && without.item("ogtt_24_28") != nil)
  }

  @Test("Loss of the child, at home and in hospital: no examination of the child; debrief and grief support")
  func childLoss() throws {
    for (place, hours) in [("home", ""), ("hospital", #", "discharge_hours": 30"#)] {
      let birth = #""birth": {"date": "2027-05-18", "place": "\#(place)"\#(hours), "child_loss": true}"#
      let result = try assess(dueMay20(on: "2027-05-19", birth))
      #expect(result.contact("pn_clinic_day2_3") == nil, "\(place)")
      #expect(result.contact("pn_gp_child_5w") == nil, "\(place)")
      #expect(result.contact("pn_gp_mother_8w") != nil, "the mother's 8-week examination stays")
      #expect(result.offers.first { $0.id == "postnatal_debrief" }?.because == ["birth.child_loss"])
      #expect(result.offerIDs.contains("grief_support"))
    }
    let alive = try assess(
      dueMay20(on: "2027-05-19", #""birth": {"date": "2027-05-18", "place": "hospital", "discharge_hours": 30}"#))
    #expect(alive.contact("pn_clinic_day2_3") != nil && alive.contact("pn_gp_child_5w") != nil)
    #expect(!alive.offerIDs.contains("postnatal_debrief"))
  }
}

@Suite("Late, done and missed")
struct AttendanceTests {
  // Due 2027-05-20: the double test's window ends 2026-10-22 (10+0), latest 2026-11-19 (14+0).

  @Test("late from the day after the window to the latest date; past after it")
  func late() throws {
    #expect(try assess(dueMay20(on: "2026-10-22")).item("double_test")?.status == .due)
    let first = try #require(try assess(dueMay20(on: "2026-10-23")).item("double_test"))
    #expect(first.status == .late)
    #expect(first.latest == date("2026-11-19"))
    #expect(try assess(dueMay20(on: "2026-11-19")).item("double_test")?.status == .late)
    #expect(try assess(dueMay20(on: "2026-11-20")).item("double_test")?.status == .past)
    let diagnostic = try assess(dueMay20(on: "2026-11-19")).prenatalDiagnostics.items.first { $0.id == "double_test" }
    #expect(diagnostic?.status == .late)
  }

  @Test("missed when the last day fell on or after `since`; past before it")
  func missed() throws {
    // midwife_13_15 ends 2026-12-02 (15+6).
    func status(since: String) throws -> VisitStatus? {
      try assess(dueMay20(on: "2026-12-20", #""attendance": {"since": "\#(since)", "done": []}"#))
        .item("midwife_13_15")?.status
    }
    #expect(try status(since: "2026-12-02") == .missed)
    #expect(try status(since: "2026-12-03") == .past)
    #expect(try assess(dueMay20(on: "2026-12-20")).item("midwife_13_15")?.status == .past)
  }

  @Test("done carries its date, before, inside or after the window")
  func done() throws {
    let result = try assess(
      dueMay20(
        on: "2026-12-20",
        #""attendance": {"since": "2026-10-01", "done": [{"id": "midwife_13_15", "date": "2026-12-05"}, {"id": "scan_18_20", "date": "2026-12-18"}]}"#
      ))
    #expect(result.item("midwife_13_15")?.status == .done)
    #expect(result.item("midwife_13_15")?.doneDate == date("2026-12-05"))
    #expect(result.item("scan_18_20")?.status == .done)
    #expect(result.prenatalDiagnostics.items.first { $0.id == "scan_18_20" }?.status == .done)
    #expect(result.item("scan_11_14")?.status == .missed)
    #expect(result.item("midwife_21")?.status == .upcoming)
  }

  @Test(
    "Attendance refusals name the field",
    arguments: [
      (#"{"since": "2026-12-21"}"#, "attendance.since"),
      (#"{"since": "2026-10-01", "done": [{"id": "no_such_item", "date": "2026-11-01"}]}"#, "attendance.done[0].id"),
      (#"{"since": "2026-10-01", "done": [{"id": "ogtt_early", "date": "2026-11-01"}]}"#, "attendance.done[0].id"),
      (#"{"since": "2026-10-01", "done": [{"id": "gp_6_10", "date": "2026-12-21"}]}"#, "attendance.done[0].date"),
      (
        #"{"since": "2026-10-01", "done": [{"id": "gp_6_10", "date": "2026-10-01"}, {"id": "gp_6_10", "date": "2026-10-02"}]}"#,
        "attendance.done[1].id"
      ),
      (#"{"since": "2026-10-01", "done": [{"id": "gp_6_10"}]}"#, "attendance.done[0].date"),
      (
        #"{"since": "2026-10-01", "done": [{"id": "gp_6_10", "date": "2026-10-01", "by": "AB"}]}"#,
        "attendance.done[0].by"
      ),
      (#"{"done": []}"#, "attendance.since"),
      (#"[]"#, "attendance"),
    ])
  func refusals(attendance: String, field: String) throws {
    let error = try #require(refusal(dueMay20(on: "2026-12-20", #""attendance": "# + attendance)))
    #expect(error.field == field)
    #expect([.invalidValue, .missingField, .unknownField, .invalidDate].contains(error.code))
    let message = error.message(StringCatalog(language: .da))
    #expect(!message.hasPrefix("error."), "a worded message: \(message)")
  }

  @Test("Inferred attendance: consultations with a visitation inside their window, since the first")
  func inferred() throws {
    let input = try AssessmentInput.parse(Data(dueMay20(on: "2027-01-20").utf8), ruleSet: .bundled)
    let engine = AssessmentEngine()
    // 2026-10-15 is in gp_6_10 (and in the double test's window, which a visitation does not prove).
    let attendance = try #require(
      engine.inferredAttendance(for: input, consultations: [date("2026-11-20"), date("2026-10-15")]))
    #expect(attendance.since == date("2026-10-15"))
    #expect(attendance.done.map(\.id) == ["gp_6_10", "midwife_13_15"])
    var withAttendance = input
    withAttendance.attendance = attendance
    let result = try engine.assess(withAttendance)
    #expect(result.item("double_test")?.status == .past, "a visitation says nothing of a test")
    #expect(result.item("scan_11_14")?.status == .past)
    #expect(result.item("midwife_21")?.status == .missed)
    #expect(result.item("gp_6_10")?.doneDate == date("2026-10-15"))
    #expect(engine.inferredAttendance(for: input, consultations: []) == nil)
  }

  @Test("Attendance reads back from its JSON")
  func roundTrip() throws {
    let json = dueMay20(
      on: "2026-12-20", #""attendance": {"since": "2026-10-01", "done": [{"id": "gp_6_10", "date": "2026-10-02"}]}"#)
    let input = try AssessmentInput.parse(Data(json.utf8), ruleSet: .bundled)
    let again = try AssessmentInput(json: input.json, ruleSet: .bundled)
    #expect(again == input)
  }
}

@Suite("Reasons set by the rules")
struct ImpliedReasonTests {
  @Test("overweight from a BMI of 30 is implied; ticked it is not")
  func implied() throws {
    let fromBMI = try assess(dueMay20(#""bmi": 30"#))
    #expect(fromBMI.reasons.first { $0.id == "overweight" }?.implied == true)
    let ticked = try assess(dueMay20(findings(["overweight"])))
    #expect(ticked.reasons.first { $0.id == "overweight" }?.implied == false)
  }
}
