import Foundation
import SvangreRules
import SvangreTraining

/// In-process assessments per second over a realistic mix (the whole `svangre assess`
/// process: `StartupBenchmark.swift`).
func runRulesBenchmark() {
  let inputs = realisticInputs(count: 1_000)
  let engine = AssessmentEngine()

  // Warm up, then run for about two seconds on this one thread.
  var checksum = 0
  for input in inputs { checksum &+= (try? engine.assess(input))?.level ?? 0 }
  var assessed = 0
  let start = now()
  var elapsed = 0.0
  while elapsed < 2 {
    for input in inputs {
      if let result = try? engine.assess(input) { checksum &+= result.schedule.count + result.level }
    }
    assessed += inputs.count
    elapsed = now() - start
  }
  print(
    "in-process assessments: \(Int(Double(assessed) / elapsed)) per second on one core (\(assessed) in \(formatted(elapsed)) s; checksum \(checksum))"
  )
}

/// A mix like a clinic's week: mostly level 1–2, some 3–4, some after the birth, dated
/// in all three ways, on reference dates spread over the pregnancy.
func realisticInputs(count: Int) -> [AssessmentInput] {
  var generator = SeededRandom(seed: 2021)
  let findings = RuleSet.bundled.findings.map(\.id)
  let common = [
    "smoking", "overweight", "previous_bad_birth_experience", "rhd_negative", "family_diabetes",
    "multiple_pregnancy", "home_birth_wish", "fear_of_childbirth",
  ]
  let due = CalendarDate(iso: "2027-05-20")!
  return (0..<count).map { index in
    let age = Int(generator.next() % 280) + 42
    let reference = due.adding(days: age - 280)
    var dating = Dating()
    switch index % 3 {
    case 0: dating.dueDate = due
    case 1: dating.lastPeriod = due.adding(days: -280); dating.cycleDays = 28
    default: dating.scanDate = due.adding(days: -280 + 85); dating.scanAge = GestationalAge(days: 85)
    }
    var chosen: [String] = []
    let roll = generator.next() % 10
    if roll >= 4 { chosen.append(common[Int(generator.next() % UInt64(common.count))]) }
    if roll >= 7 { chosen.append(common[Int(generator.next() % UInt64(common.count))]) }
    if roll == 9 { chosen.append(findings[Int(generator.next() % UInt64(findings.count))]) }
    var input = AssessmentInput(
      referenceDate: reference, parity: index % 2 == 0 ? .nulliparous : .multiparous, dating: dating,
      bmi: 18 + Double(generator.next() % 200) / 10, findings: Array(Set(chosen)).sorted())
    if index % 10 == 0 {
      input.referenceDate = due.adding(days: 10)
      input.birth = Birth(date: due.adding(days: -2), place: .hospital, dischargeHours: Double(generator.next() % 100))
    }
    if index % 25 == 0 { input.override = LevelOverride(level: 3, reason: "benchmark") }
    return input
  }
}
