import Foundation
import SvangreResources
import SvangreRules
@_spi(Fuzzing) import SvangreStore
import Testing

@testable import SvangreFuzzing

/// The seed corpora in Fuzz/corpus (docs/fuzzing.md) stay meaningful: each seed reaches the
/// deepest part of its target, so libFuzzer starts from inputs svangre accepts rather than
/// from ones a format change has made into noise. Every seed also runs through its target
/// here, as `scripts/fuzz replay` runs it.
@Suite("Fuzz corpora")
struct FuzzCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

  func seeds(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
    let directory = Self.corpus.appendingPathComponent(target.rawValue)
    return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
      (name, Array(try Data(contentsOf: directory.appendingPathComponent(name))))
    }
  }

  @Test("every target has seeds, and each runs through its target", arguments: FuzzTarget.allCases)
  func seedsRun(_ target: FuzzTarget) throws {
    let seeds = try seeds(target)
    #expect(!seeds.isEmpty)
    for seed in seeds { target.run(seed.bytes) }
  }

  @Test("the record seeds are records the store accepts, with a state the rules assess")
  func recordSeeds() throws {
    for seed in try seeds(.record) {
      guard let record = StoreFuzzing.record(seed.bytes) else {
        Issue.record("\(seed.name) is not a record the store accepts")
        continue
      }
      #expect(RulesFuzzing.assessNow(record, strings: StringCatalog(language: .da)) > 0, "\(seed.name)")
    }
  }

  @Test("the import seeds are documents an import takes whole")
  func importSeeds() throws {
    for seed in try seeds(.import) {
      #expect(StoreFuzzing.importDocument(seed.bytes)?.isEmpty == false, "\(seed.name)")
    }
  }

  @Test("the rule set seeds load, and the target's assessment under them is made, not refused")
  func ruleSetSeeds() throws {
    for seed in try seeds(.ruleset) {
      let ruleSet = try RuleSet.load(Data(seed.bytes))
      let input = try AssessmentInput.parse(RulesFuzzing.sampleInput(for: ruleSet), ruleSet: ruleSet)
      #expect(input.findings.count >= 5, "\(seed.name)")
      let assessment = try AssessmentEngine(ruleSet: ruleSet).assess(input)
      #expect(assessment.suggestedLevel > 1, "\(seed.name)")
    }
  }

  @Test("the assessment seeds hold inputs the rules assess and inputs they refuse")
  func assessmentSeeds() throws {
    let outcomes = try seeds(.assessment).map { seed in
      Result { () throws(InputError) in
        try AssessmentEngine().assess(try AssessmentInput.parse(Data(seed.bytes), ruleSet: .bundled))
      }
    }
    #expect(outcomes.contains { (try? $0.get()) != nil })
    #expect(outcomes.contains { (try? $0.get()) == nil })
  }
}
