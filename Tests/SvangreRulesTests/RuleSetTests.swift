import Foundation
import SvangreResources
import Testing

@testable import SvangreRules

@Suite("Rule set: loading and validation")
struct RuleSetTests {
  /// The bundled rule set as a mutable JSON tree, to break on purpose.
  func bundledJSON() throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(EmbeddedResources.defaultRuleSet)) as? [String: Any])
  }

  func problems(_ edit: (inout [String: Any]) -> Void) throws -> [RuleSetError.Problem] {
    var json = try bundledJSON()
    edit(&json)
    let data = try JSONSerialization.data(withJSONObject: json)
    do {
      _ = try RuleSet.load(data)
      return []
    } catch {
      return error.problems
    }
  }

  func editArray(_ json: inout [String: Any], _ key: String, _ edit: (inout [[String: Any]]) -> Void) {
    var array = json[key] as! [[String: Any]]
    edit(&array)
    json[key] = array
  }

  @Test("The bundled rule set is valid and covers the contract's catalogue")
  func bundled() {
    let rules = RuleSet.bundled
    #expect(rules.validationProblems().isEmpty)
    let contractFindings = [
      "somatic_condition_well_treated", "mental_condition_well_treated", "overweight", "multiple_pregnancy",
      "previous_gdm", "family_diabetes", "previous_macrosomia", "pcos", "previous_bad_birth_experience",
      "previous_complicated_birth", "previous_breastfeeding_problems", "previous_child_loss",
      "fear_of_childbirth", "language_barrier", "smoking", "gestational_diabetes", "preeclampsia",
      "recurrent_miscarriage", "teratogen_exposure", "hereditary_risk", "consanguinity",
      "abnormal_scan_finding", "fetal_condition_obstetric", "fetal_condition_neonatal",
      "fetal_condition_neonatal_intensive", "threatened_preterm_birth", "somatic_condition_specialist",
      "pregestational_diabetes",
      "psychiatric_condition_psychiatrist", "severe_social_problems", "severe_psychiatric_condition",
      "serious_social_burden", "alcohol_use", "drug_use", "medication_misuse", "substitution_treatment",
      "schizophrenia_or_schizotypal", "intellectual_disability", "brain_injury", "home_birth_wish",
      "rhd_negative",
    ]
    #expect(Set(rules.findings.map(\.id)) == Set(contractFindings))
    // Contract /2's birth risks, exactly: these and only these rule out the low-risk places.
    #expect(
      Set(rules.findings.filter(\.birthRisk).map(\.id)) == [
        "multiple_pregnancy", "preeclampsia", "gestational_diabetes", "pregestational_diabetes",
        "previous_complicated_birth", "fear_of_childbirth", "overweight", "somatic_condition_specialist",
        "fetal_condition_obstetric", "fetal_condition_neonatal", "fetal_condition_neonatal_intensive",
        "threatened_preterm_birth", "alcohol_use", "drug_use", "medication_misuse", "substitution_treatment",
      ])
    #expect(
      Set(rules.birthplaces.sites.map(\.id))
        == ["ouh_odense", "ouh_svendborg", "ouh_aeroe", "slb_kolding", "svs_esbjerg", "shs_aabenraa", "home"])
    #expect(
      rules.domains.map(\.id) == [
        "obstetric_history", "this_pregnancy", "somatic", "mental_health", "substances", "social", "fetus",
        "wishes", "blood_type",
      ])
  }

  @Test("Every criterion, window, place and contact names its source, from the catalogue")
  func sources() {
    let rules = RuleSet.bundled
    let cited: [[String]] =
      rules.findings.map(\.sources) + rules.offers.map(\.sources) + rules.schedule.map(\.sources)
      + rules.prenatalDiagnostics.items.map(\.sources) + rules.birthplaces.sites.map(\.sources)
      + rules.birthplaces.rules.map(\.sources) + rules.postnatal.map(\.sources)
    let known = Set(rules.sources.map(\.id))
    for ids in cited + [rules.gdmRule.sources, rules.birthplaces.sources] {
      #expect(!ids.isEmpty)
      #expect(ids.allSatisfy(known.contains), "\(ids)")
    }
    // Every source label names its origin the way the user reads it.
    for source in rules.sources {
      let prefix: String =
        switch source.origin {
        case .fodeplan: "FP"
        case .laegehaandbogen: "LH"
        case .sundhedsstyrelsen: "SST"
        case .svangre: "svangre"
        }
      #expect(source.label.da.hasPrefix(prefix) && source.label.en.hasPrefix(prefix), "\(source.id)")
    }
  }

  @Test("A rule the Fødeplan does not hold says so: smoking is svangre's conservative choice")
  func smokingIsOurChoice() throws {
    let rules = RuleSet.bundled
    let smoking = try #require(rules.finding("smoking"))
    let first = try #require(rules.sources.first { $0.id == smoking.sources.first })
    #expect(first.origin == .svangre)
    #expect(rules.sourceText(smoking.sources).da.contains("konservativt valg"))
    #expect(!rules.sourceText(smoking.sources).en.contains("SST"))
  }

  @Test("An unknown source or site in a rule is refused, naming the entry")
  func unknownSourceAndSite() throws {
    let found = try problems { json in
      editArray(&json, "findings") { $0[0]["sources"] = ["fp_nowhere"] }
      editArray(&json, "offer_rules") { $0[0]["when"] = ["site_unsuitable": "ouh_nowhere"] }
    }
    #expect(found.contains { $0.key == "ruleset.unknown_source" && $0.entry.contains("findings[0]") })
    #expect(found.contains { $0.key == "ruleset.unknown_site" && $0.entry.contains("offer_rules[0]") })
  }

  @Test("A duplicate ID is refused, naming the entry")
  func duplicate() throws {
    let found = try problems { json in
      editArray(&json, "findings") { $0.append($0[0]) }
    }
    #expect(found.contains { $0.key == "ruleset.duplicate_id" && $0.entry.contains("findings[") })
  }

  @Test("Dangling references are refused: unknown offer, domain, finding, schedule item")
  func dangling() throws {
    let found = try problems { json in
      editArray(&json, "findings") { findings in
        findings[0]["offers"] = ["free_massage"]
        findings[1]["domain"] = "astrology"
      }
      editArray(&json, "schedule") { $0[3]["when"] = ["finding": "no_such_finding"] }
      var gdm = json["gdm_rule"] as! [String: Any]
      gdm["high_risk_items"] = ["ogtt_never"]
      json["gdm_rule"] = gdm
    }
    let keys = Set(found.map(\.key))
    #expect(
      keys.isSuperset(of: [
        "ruleset.unknown_offer", "ruleset.unknown_domain", "ruleset.unknown_finding", "ruleset.unknown_schedule_item",
      ]))
    let offer = try #require(found.first { $0.key == "ruleset.unknown_offer" })
    #expect(offer.entry.hasPrefix("findings[0] ("))
    #expect(offer.arguments["id"] == "free_massage")
  }

  @Test("A window that ends before it starts is refused, naming the entry")
  func backwards() throws {
    let found = try problems { json in
      editArray(&json, "schedule") { schedule in
        schedule[0]["ga_from"] = "12+0"
        schedule[0]["ga_to"] = "10+6"
      }
    }
    let problem = try #require(found.first { $0.key == "ruleset.window_backwards" })
    #expect(problem.entry == "schedule[0] (gp_6_10)")
    let strings = StringCatalog(language: .en)
    #expect(RuleSetError(problems: [problem]).lines(strings)[0].contains("schedule[0] (gp_6_10)"))
  }

  @Test("Structural mistakes are reported with their path, not a crash")
  func structural() throws {
    let missing = try problems { json in
      editArray(&json, "offers") { $0[2].removeValue(forKey: "label") }
    }
    #expect(missing.first?.key == "ruleset.missing_key")
    #expect(missing.first?.entry.contains("offers") == true)
    let badAge = try problems { json in
      editArray(&json, "schedule") { $0[1]["ga_from"] = "eight" }
    }
    #expect(badAge.first?.key == "ruleset.bad_value")
    let wrongSchema = try problems { json in json["schema"] = "svangre.ruleset/9" }
    #expect(wrongSchema.map(\.key) == ["ruleset.schema"])
    #expect(throws: RuleSetError.self) { try RuleSet.load(Data("no".utf8)) }
  }

  @Test("A region's own rule set changes the answer without code")
  func regionalRuleSet() throws {
    var json = try bundledJSON()
    editArray(&json, "findings") { findings in
      let index = findings.firstIndex { $0["id"] as? String == "smoking" }!
      findings[index]["level"] = 3
    }
    json["id"] = "dk-other-region"
    let rules = try RuleSet.load(JSONSerialization.data(withJSONObject: json))
    let input = try AssessmentInput.parse(Data(dueMay20(#""findings": ["smoking"]"#).utf8), ruleSet: rules)
    let result = try AssessmentEngine(ruleSet: rules).assess(input)
    #expect(result.suggestedLevel == 3)
    #expect(result.ruleSetID == "dk-other-region")
  }
}

@Suite("String catalogues")
struct StringCatalogTests {
  @Test("Each catalogue has the same keys in Danish and English, and no empty text")
  func sameKeys() {
    let danish = StringCatalog.catalogues(.da)
    let english = StringCatalog.catalogues(.en)
    #expect(danish.map(\.name) == english.map(\.name))
    for (da, en) in zip(danish, english) {
      #expect(!da.entries.isEmpty, "\(da.name) is empty or not JSON")
      #expect(Set(da.entries.keys).subtracting(en.entries.keys).sorted() == [], "only in \(da.name).da")
      #expect(Set(en.entries.keys).subtracting(da.entries.keys).sorted() == [], "only in \(en.name).en")
      #expect(da.entries.filter(\.value.isEmpty).keys.sorted() == [], "empty in \(da.name).da")
      #expect(en.entries.filter(\.value.isEmpty).keys.sorted() == [], "empty in \(en.name).en")
    }
    let da = StringCatalog(language: .da)
    let en = StringCatalog(language: .en)
    for code in InputError.Code.allCases {
      #expect(da.has("error.\(code.rawValue)") && en.has("error.\(code.rawValue)"))
    }
  }

  @Test("One key, one home: no key is defined by two catalogues (the merge would hide one)")
  func oneHomePerKey() {
    for language in Language.allCases {
      var home: [String: String] = [:]
      var twice: [String] = []
      let names = EmbeddedResources.catalogueNames + [EmbeddedResources.helpCatalogueName]
      for catalogue in StringCatalog.catalogues(language, names) {
        for key in catalogue.entries.keys {
          if let first = home[key] { twice.append("\(key) in \(first) and \(catalogue.name)") }
          home[key] = catalogue.name
        }
      }
      #expect(twice.sorted() == [], "\(language)")
    }
  }

  @Test("Error messages of every catalogue name fields in words; a CLI value is explained in brackets")
  func errorMessagesSpeakPlainly() {
    // `due_date`, `birth.discharge_hours`: a contract or option name. Allowed only as what
    // the user types after `--field`, or followed by its meaning in brackets.
    let identifier = #/[a-z]+(?:[._][a-z]+)+/#
    for language in Language.allCases {
      for catalogue in StringCatalog.catalogues(language) {
        for (key, text) in catalogue.entries where key.hasPrefix("error.") || key.contains(".error.") {
          for match in text.matches(of: identifier) {
            let name = String(match.output)
            if ["e.g", "svangre.assessment", "cli.md", "store.md"].contains(name) { continue }
            let explained =
              text[match.range.upperBound...].hasPrefix(" (") || text[..<match.range.lowerBound].hasSuffix("--field ")
            #expect(explained, "\(catalogue.name).\(language) \(key): \(name)")
          }
        }
      }
    }
  }

  @Test("A status is one tag in brackets, not doubled")
  func statusTag() {
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      for status in [VisitStatus.upcoming, .due, .past] {
        let tag = strings.statusTag(status)
        #expect(tag.hasPrefix("[") && tag.hasSuffix("]"))
        #expect(!tag.dropFirst().dropLast().contains { "[]".contains($0) }, "\(tag)")
        #expect(tag.count > 3, "\(tag)")
      }
    }
  }

  @Test("Placeholders are filled; a missing key shows itself instead of crashing")
  func lookup() {
    let en = StringCatalog(language: .en)
    #expect(en("text.level", ["level": "3"]) == "Level 3")
    #expect(en("no.such.key") == "no.such.key")
  }

  @Test("The locale picks the language; Danish otherwise")
  func locale() {
    #expect(Language.fromEnvironment(["LANG": "en_GB.UTF-8"]) == .en)
    #expect(Language.fromEnvironment(["LC_ALL": "da_DK.UTF-8", "LANG": "en_US"]) == .da)
    #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .da)
    #expect(Language.fromEnvironment([:]) == .da)
  }
}
