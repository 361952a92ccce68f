import Foundation
import SvangreResources
import SvangreRules
@_spi(Fuzzing) import SvangreStore

/// What the bytes of one fuzz input are fed to: one way in which svangre reads what it did
/// not write. One executable holds every target, so the libraries are instrumented and
/// linked once, the libFuzzer glue and the replayer exist once, and a target is one case.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// `svangre assess`: the contract's input parsed and assessed on the bundled rule set,
  /// the answer or the error object as contract JSON (Danish and English take turns).
  case assessment
  /// `--rules FILE` and `rules check`: a rule set loaded, compiled into an engine and used
  /// for one assessment.
  case ruleset
  /// `store check` and `record show`: a record file's bytes decoded and validated, and the
  /// record's current state assessed as `record show` assesses it.
  case record
  /// `svangre import`: an export document's records verified as the import verifies them
  /// before it takes the store's lock (no store is touched), each then read as a record.
  case `import`
  /// The store's small parsers: CPR numbers, search folding, index lines, terminal text.
  case text

  /// Where the target is named for libFuzzer's workers (`-fork=N`, `-jobs=N`).
  public static let environmentName = "SVANGRE_FUZZ_TARGET"

  public static func fromEnvironment() -> FuzzTarget? {
    ProcessInfo.processInfo.environment[environmentName].flatMap(FuzzTarget.init(rawValue:))
  }

  public static func usage() -> Never {
    let names = allCases.map(\.rawValue).joined(separator: "|")
    FileHandle.standardError.write(
      Data("usage: svangre-fuzz \(names) [libFuzzer flags] [CORPUS_DIR|FILE…]  (docs/fuzzing.md)\n".utf8))
    exit(2)
  }

  /// The input through the target; traps when an invariant breaks.
  public func run(_ bytes: [UInt8]) {
    let strings = RulesFuzzing.strings(for: bytes)
    switch self {
    case .assessment: RulesFuzzing.assess(Data(bytes), engine: RulesFuzzing.bundled, strings: strings)
    case .ruleset: RulesFuzzing.ruleSet(bytes, strings: strings)
    case .record:
      if let record = StoreFuzzing.record(bytes) { RulesFuzzing.assessNow(record, strings: strings) }
    case .import:
      for record in StoreFuzzing.importDocument(bytes) ?? [] { RulesFuzzing.assessNow(record, strings: strings) }
    case .text: StoreFuzzing.text(bytes)
    }
  }
}
