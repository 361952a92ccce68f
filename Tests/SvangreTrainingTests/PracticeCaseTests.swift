import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTraining

@Suite("Practice cases for training")
struct PracticeCaseTests {
  let today = CalendarDate(iso: "2026-11-23")!

  @Test("The same seed gives the same cases; another seed other cases")
  func deterministic() {
    var first = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 7, today: today)
    var second = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 7, today: today)
    var other = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 8, today: today)
    let a = (0..<20).map { _ in first.next().input }
    let b = (0..<20).map { _ in second.next().input }
    let c = (0..<20).map { _ in other.next().input }
    #expect(a == b)
    #expect(a != c)
  }

  @Test("Cases are plausible and their answer is the engine's")
  func plausible() throws {
    var generator = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 2021, today: today)
    var levels: Set<Int> = []
    var seen: Set<String> = []
    for number in 1...300 {
      let practice = generator.next()
      #expect(practice.number == number)
      let input = practice.input
      #expect(input.referenceDate == today)
      let age = GestationalAge(on: today, dueDate: input.dating.dueDate!)
      #expect(age >= GestationalAge(weeks: 6, days: 0) && age <= GestationalAge(weeks: 36, days: 6))
      #expect(Set(input.findings).count == input.findings.count)
      #expect(!input.findings.contains("overweight"))
      if input.parity == .nulliparous {
        for id in input.findings {
          #expect(RuleSet.bundled.finding(id)?.domain != "obstetric_history", "\(id)")
        }
      }
      // Clinically believable: the limits the rule set keeps as data, spelt out here so
      // that a change to the data is noticed.
      if input.findings.contains("preeclampsia") { #expect(age >= GestationalAge(weeks: 20, days: 0)) }
      if input.findings.contains("threatened_preterm_birth") {
        #expect(age >= GestationalAge(weeks: 22, days: 0) && age <= GestationalAge(weeks: 36, days: 6))
      }
      if input.findings.contains("gestational_diabetes") { #expect(age >= GestationalAge(weeks: 10, days: 0)) }
      if input.findings.contains("abnormal_scan_finding") { #expect(age >= GestationalAge(weeks: 11, days: 2)) }
      seen.formUnion(input.findings)
      #expect(try AssessmentEngine().assess(input) == practice.assessment)
      levels.insert(practice.assessment.suggestedLevel)
    }
    #expect(levels == [1, 2, 3, 4], "a session meets every level")
    // The limits narrow when a finding appears; they do not remove it from training.
    #expect(seen.isSuperset(of: ["preeclampsia", "threatened_preterm_birth", "gestational_diabetes"]))
  }

  @Test("The score counts answers that match the suggested level")
  func score() {
    var generator = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 1, today: today)
    let practice = generator.next()
    var score = PracticeScore()
    let right = score.record(level: practice.assessment.suggestedLevel, for: practice)
    let wrong = score.record(level: practice.assessment.suggestedLevel % 4 + 1, for: practice)
    #expect(right)
    #expect(!wrong)
    #expect(score.answered == 2)
    #expect(score.correct == 1)
  }

  @Test("A finding's plausible window: from a GA, to a GA, or from the item that finds it")
  func plausibleWindow() throws {
    let rules = RuleSet.bundled
    func allows(_ id: String, _ weeks: Int, _ days: Int) throws -> Bool {
      rules.isPlausible(try #require(rules.finding(id)), at: GestationalAge(weeks: weeks, days: days))
    }
    #expect(try !allows("preeclampsia", 19, 6))
    #expect(try allows("preeclampsia", 20, 0))
    #expect(try !allows("threatened_preterm_birth", 21, 6))
    #expect(try allows("threatened_preterm_birth", 36, 6))
    #expect(try !allows("threatened_preterm_birth", 37, 0))
    #expect(try !allows("gestational_diabetes", 9, 6))
    #expect(try allows("gestational_diabetes", 10, 0))
    #expect(try allows("smoking", 6, 0))
  }
}
