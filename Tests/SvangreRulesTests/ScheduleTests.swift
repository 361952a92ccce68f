import Testing

@testable import SvangreRules

@Suite("Visit programme and postnatal contacts")
struct ScheduleTests {
  @Test("Windows are the rule's GA window on her dates, sorted by start")
  func windows() throws {
    let result = try assess(dueMay20())
    let visit = try #require(result.item("midwife_21"))
    #expect(visit.from.iso == "2027-01-07")
    #expect(visit.to.iso == "2027-01-13")
    #expect(visit.gaFrom?.description == "21+0")
    #expect(visit.gaTo?.description == "21+6")
    #expect(result.schedule.map(\.from) == result.schedule.map(\.from).sorted())
    let double = try #require(result.item("double_test"))
    #expect(double.gaLatest?.description == "14+0")
    #expect(double.latest?.iso == "2026-11-19")
  }

  @Test("Status on the first and last day of a window")
  func statuses() throws {
    // midwife_21 runs 2027-01-07 … 2027-01-13.
    let cases: [(String, VisitStatus)] = [
      ("2027-01-06", .upcoming), ("2027-01-07", .due), ("2027-01-13", .due), ("2027-01-14", .past),
    ]
    for (day, status) in cases {
      #expect(try assess(dueMay20(on: day)).item("midwife_21")?.status == status, "\(day)")
    }
  }

  @Test("Birth talk at 35 for a first birth, at 36 otherwise; marked indicated after a hard birth")
  func birthTalk() throws {
    let first = try assess(dueMay20())
    #expect(first.item("midwife_35") != nil)
    #expect(first.item("midwife_36") == nil)
    let second = try assess(dueMay20(parity: "multiparous"))
    #expect(second.item("midwife_35") == nil)
    #expect(second.item("midwife_36")?.indicatedBy == [])
    let hard = try assess(dueMay20(parity: "multiparous", #""findings": ["previous_complicated_birth"]"#))
    #expect(hard.item("midwife_36")?.indicatedBy == ["previous_complicated_birth"])
  }

  @Test("RhD negative adds the week-25 test and week-29 anti-D; home birth wish a home visit")
  func conditional() throws {
    let plain = try assess(dueMay20())
    for id in ["rhd_test_25", "anti_d_29", "home_visit_third_trimester"] { #expect(plain.item(id) == nil) }
    let result = try assess(dueMay20(#""findings": ["rhd_negative", "home_birth_wish"]"#))
    #expect(result.item("rhd_test_25")?.who == .gp)
    #expect(result.item("anti_d_29")?.who == .midwife)
    let visit = try #require(result.item("home_visit_third_trimester"))
    #expect(visit.gaFrom?.description == "28+0")
    #expect(visit.gaTo?.description == "36+6")
  }

  @Test("The post-term visit goes when she was born before 41+0, and stays otherwise")
  func postTerm() throws {
    // 41+0 is 2027-05-27.
    let before = try assess(
      dueMay20(on: "2027-05-30", #""birth": {"date": "2027-05-26", "place": "home"}"#))
    #expect(before.item("postterm_41") == nil)
    #expect(before.item("midwife_39")?.status == .past, "antenatal items stay with their status")
    let during = try assess(
      dueMay20(on: "2027-05-30", #""birth": {"date": "2027-05-27", "place": "home"}"#))
    #expect(during.item("postterm_41") != nil)
    #expect(try assess(dueMay20()).item("postterm_41") != nil)
  }

  /// Postnatal contacts after a hospital birth with this discharge time.
  func contacts(hours: Double, parity: String) throws -> [String: ScheduledItem] {
    let result = try assess(
      dueMay20(
        on: "2027-05-20", parity: parity,
        #""birth": {"date": "2027-05-18", "place": "hospital", "discharge_hours": \#(hours)}"#))
    return Dictionary(uniqueKeysWithValues: result.postnatal.map { ($0.id, $0) })
  }

  @Test("Early discharge is under 24 hours")
  func earlyDischarge() throws {
    let early = try contacts(hours: 23, parity: "nulliparous")
    #expect(early["pn_midwife_home_day1"] != nil)
    #expect(early["pn_clinic_day2_3"] != nil)
    let notEarly = try contacts(hours: 24, parity: "nulliparous")
    #expect(notEarly["pn_midwife_home_day1"] == nil)
    #expect(notEarly["pn_clinic_day2_3"] != nil)

    let earlyMulti = try contacts(hours: 23, parity: "multiparous")
    #expect(Set(earlyMulti.keys).isSuperset(of: ["pn_midwife_virtual_day1", "pn_midwife_home_day2_3"]))
    #expect(earlyMulti["pn_clinic_day2_3"] == nil)
    let lateMulti = try contacts(hours: 24, parity: "multiparous")
    #expect(lateMulti["pn_midwife_virtual_day1"] == nil)
    #expect(lateMulti["pn_midwife_home_day2_3"] == nil)
    #expect(lateMulti["pn_clinic_day2_3"] != nil)
  }

  @Test("Health visitor: days 4–5 up to 72 hours; after 72 hours the week after discharge")
  func healthVisitor() throws {
    let at72 = try contacts(hours: 72, parity: "nulliparous")
    #expect(at72["pn_health_visitor_day4_5"]?.from.iso == "2027-05-22")
    #expect(at72["pn_health_visitor_day4_5"]?.to.iso == "2027-05-23")
    #expect(at72["pn_health_visitor_after_discharge"] == nil)
    let at73 = try contacts(hours: 73, parity: "nulliparous")
    #expect(at73["pn_health_visitor_day4_5"] == nil)
    // 73 hours: discharge day 4 (2027-05-22); visit days 5–11 after the birth.
    let visit = try #require(at73["pn_health_visitor_after_discharge"])
    #expect(visit.from.iso == "2027-05-23")
    #expect(visit.to.iso == "2027-05-29")
    for hours in [23.0, 72, 73] {
      let all = try contacts(hours: hours, parity: "nulliparous")
      #expect(all["pn_health_visitor_day12"]?.from.iso == "2027-05-30")
      #expect(all["pn_gp_child_5w"]?.from.iso == "2027-06-22")
      #expect(all["pn_gp_mother_8w"]?.to.iso == "2027-07-19")
    }
  }

  @Test("Home birth: midwife at home on day 1 and days 2–3, health visitor days 4–5")
  func homeBirth() throws {
    let result = try assess(dueMay20(on: "2027-05-20", #""birth": {"date": "2027-05-19", "place": "home"}"#))
    let ids = Set(result.postnatal.map(\.id))
    #expect(ids.isSuperset(of: ["pn_midwife_home_day1", "pn_midwife_home_day2_3", "pn_health_visitor_day4_5"]))
    #expect(!ids.contains("pn_clinic_day2_3"))
    #expect(result.contact("pn_midwife_home_day1")?.status == .due)
    #expect(result.contact("pn_health_visitor_day12")?.status == .upcoming)
  }

  @Test("No postnatal contacts before the birth; debrief and grief support after a hard birth")
  func afterBirthOffers() throws {
    #expect(try assess(dueMay20()).postnatal.isEmpty)
    let result = try assess(
      dueMay20(
        on: "2027-05-20",
        #""birth": {"date": "2027-05-19", "place": "hospital", "discharge_hours": 30, "traumatic": true, "child_loss": true}"#
      ))
    #expect(result.offers.first { $0.id == "postnatal_debrief" }?.because == ["birth.traumatic", "birth.child_loss"])
    #expect(result.offers.first { $0.id == "grief_support" }?.because == ["birth.child_loss"])
  }
}

@Suite("Birth places")
struct BirthplaceTests {
  func suitable(_ extra: String = "", on day: String = "2026-11-23") throws -> [String: Bool] {
    let result = try assess(dueMay20(on: day, extra))
    return Dictionary(uniqueKeysWithValues: result.birthplaces.map { ($0.site, $0.suitable) })
  }

  @Test("Level 1: every site, home included")
  func levelOne() throws {
    #expect(try suitable().values.allSatisfy { $0 })
    #expect(try suitable().count == 7)
  }

  @Test("A birth risk: not Svendborg, Ærø or home, and home says why")
  func birthRisk() throws {
    let places = try suitable(#""findings": ["preeclampsia"]"#)
    #expect(
      places == [
        "ouh_odense": true, "ouh_svendborg": false, "ouh_aeroe": false, "slb_kolding": true,
        "svs_esbjerg": true, "shs_aabenraa": true, "home": false,
      ])
    let home = try #require(try assess(dueMay20(#""findings": ["preeclampsia"]"#)).place("home"))
    #expect(home.reason.en.contains("risk talk"))
    #expect(home.reason.en.contains("two midwives"))
    #expect(home.because == ["preeclampsia"])
  }

  @Test("A fetal finding rules out the small sites even when the level is overridden to 1")
  func fetalFinding() throws {
    let places = try suitable(
      #""findings": ["fetal_condition_obstetric"], "override": {"level": 1, "reason": "x"}"#)
    #expect(places["ouh_svendborg"] == false)
    #expect(places["home"] == false)
    #expect(places["slb_kolding"] == true)
  }

  @Test("A child who will need neonatal care: only sites with a neonatal unit")
  func neonatal() throws {
    let places = try suitable(#""findings": ["fetal_condition_neonatal"]"#)
    #expect(places.filter(\.value).keys.sorted() == ["ouh_odense", "shs_aabenraa", "slb_kolding", "svs_esbjerg"])
  }

  @Test("Threatened preterm birth: Odense only before 28+0, any neonatal unit from 28+0")
  func preterm() throws {
    // Due 2027-05-20: 27+6 is 2027-02-24, 28+0 is 2027-02-25.
    let early = try suitable(#""findings": ["threatened_preterm_birth"]"#, on: "2027-02-24")
    #expect(early.filter(\.value).keys.sorted() == ["ouh_odense"])
    let later = try suitable(#""findings": ["threatened_preterm_birth"]"#, on: "2027-02-25")
    #expect(later.filter(\.value).keys.sorted() == ["ouh_odense", "shs_aabenraa", "slb_kolding", "svs_esbjerg"])
  }

  @Test("The facts of the Fødeplan's table travel with each site")
  func facts() throws {
    let result = try assess(dueMay20())
    let svendborg = try #require(result.place("ouh_svendborg"))
    #expect(svendborg.obstetrician && svendborg.anaesthetist && !svendborg.paediatrician && !svendborg.neonatalUnit)
    let aeroe = try #require(result.place("ouh_aeroe"))
    #expect(!aeroe.obstetrician && !aeroe.anaesthetist)
    #expect(result.place("ouh_odense")?.neonatalUnit == true)
  }
}
