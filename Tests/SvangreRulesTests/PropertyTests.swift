import Foundation
import SvangreTraining
import Testing

@testable import SvangreRules

/// Random inputs, well-formed and not: the rules never crash, refuse only with a
/// contract code, and every answer keeps the contract's invariants.
@Suite("Properties over random inputs")
struct PropertyTests {
  /// A random JSON value, biased towards the shapes the contract uses.
  static func randomValue(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
    switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &random) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &random))
    case 2:
      return .number(
        Double(Int.random(in: -100...400, using: &random)) / [1, 10][Int.random(in: 0...1, using: &random)])
    case 3:
      return .string(
        ["", "2026-11-23", "2027-02-29", "12+3", "home", "hospital", "nulliparous", "smoking", "ø"].randomElement(
          using: &random)!)
    case 4: return .string(CalendarDate(dayNumber: Int.random(in: 20_000...21_000, using: &random)).iso)
    case 5: return .number(Double(Int.random(in: 0...80, using: &random)))
    case 6:
      return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
    default:
      let keys = [
        "due_date", "lmp", "cycle_days", "scan_date", "scan_ga", "level", "reason", "date", "place", "discharge_hours",
        "traumatic", "x",
      ]
      var object: [String: JSONValue] = [:]
      for _ in 0..<Int.random(in: 0...4, using: &random) {
        object[keys.randomElement(using: &random)!] = randomValue(&random, depth: depth + 1)
      }
      return .sortedObject(object)
    }
  }

  @Test("Mutating valid inputs field by field never crashes and refuses only with contract codes")
  func mutations() {
    var random = SeededRandom(seed: 99)
    var generator = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 7, today: CalendarDate(iso: "2026-11-23")!)
    let fields = ["reference_date", "parity", "dating", "bmi", "findings", "override", "birth", "extra"]
    var accepted = 0
    var refused: Set<InputError.Code> = []
    for _ in 0..<3_000 {
      guard var object = generator.next().input.json.members else { continue }
      for _ in 0..<Int.random(in: 1...2, using: &random) {
        let field = fields.randomElement(using: &random)!
        if Bool.random(using: &random) { object[field] = Self.randomValue(&random) } else { object[field] = nil }
      }
      do {
        let input = try AssessmentInput(json: .sortedObject(object), ruleSet: .bundled)
        let result = try AssessmentEngine().assess(input)
        accepted += 1
        Self.checkInvariants(result, input: input)
      } catch {
        refused.insert(error.code)
      }
    }
    #expect(accepted > 300)
    #expect(refused.count >= 6, "mutations reach most refusal codes: \(refused)")
  }

  @Test("Every generated case keeps the invariants")
  func invariants() throws {
    var generator = PracticeCaseGenerator(engine: AssessmentEngine(), seed: 3, today: CalendarDate(iso: "2027-03-01")!)
    for _ in 0..<2_000 {
      let practice = generator.next()
      Self.checkInvariants(practice.assessment, input: practice.input)
    }
  }

  static func checkInvariants(_ result: Assessment, input: AssessmentInput) {
    #expect((1...4).contains(result.suggestedLevel))
    #expect(result.level == (input.override?.level ?? result.suggestedLevel))
    #expect(result.careLevel == max(result.level, result.suggestedLevel))
    // A safety limit never follows a lowered level: with a birth risk or a care level of 3
    // or more, the low-risk places are never suitable.
    if !result.birthRisks.isEmpty || result.careLevel >= 3 {
      for site in ["ouh_svendborg", "ouh_aeroe", "home"] {
        #expect(result.birthplaces.first { $0.site == site }?.suitable == false, "\(site)")
      }
    }
    #expect(result.suggestedLevel == max(1, result.reasons.map(\.level).max() ?? 1))
    #expect(result.reasons.map(\.level) == result.reasons.map(\.level).sorted(by: >))
    #expect(result.schedule.map(\.from) == result.schedule.map(\.from).sorted())
    #expect(result.postnatal.isEmpty == (input.birth == nil))
    for item in result.schedule + result.postnatal {
      #expect(item.from <= item.to)
      let day = input.referenceDate
      let expected: VisitStatus =
        day > item.lastDay ? .past : day > item.to ? .late : day >= item.from ? .due : .upcoming
      #expect(item.status == expected)
    }
    for offer in result.offers { #expect(!offer.because.isEmpty) }
    #expect(result.birthplaces.count == RuleSet.bundled.birthplaces.sites.count)
    #expect(result.birthplaces.contains { $0.suitable }, "some site always takes her")
  }
}
