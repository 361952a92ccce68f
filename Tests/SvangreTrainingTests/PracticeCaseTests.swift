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
      #expect(try AssessmentEngine().assess(input) == practice.assessment)
      levels.insert(practice.assessment.suggestedLevel)
    }
    #expect(levels == [1, 2, 3, 4], "a session meets every level")
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
}
