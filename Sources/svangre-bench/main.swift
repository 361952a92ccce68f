// svangre-bench: prints the figures behind docs/performance.md.
//
//   swift build -c release
//   .build/release/svangre-bench [rules|startup|store|postgres|tui|worklist|all]
//
// Each part prints what it measured; nothing here asserts a target (targets are
// compared by a person against docs/performance.md, not by a timed test).

import Foundation

let part = CommandLine.arguments.dropFirst().first ?? "all"
let parts: [(name: String, run: () -> Void)] = [
  ("rules", runRulesBenchmark),
  ("startup", runStartupBenchmark),
  ("store", runStoreBenchmark),
  ("postgres", runPostgresBenchmark),
  ("tui", runTUIBenchmark),
  ("worklist", runWorklistBenchmark),
]
let selected = part == "all" ? parts : parts.filter { $0.name == part }
if selected.isEmpty {
  FileHandle.standardError.write(Data("usage: svangre-bench [\(parts.map(\.name).joined(separator: "|"))|all]\n".utf8))
  exit(2)
}
for benchmark in selected {
  print("== \(benchmark.name)")
  benchmark.run()
}
