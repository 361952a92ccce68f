import Foundation

/// One `svangre assess` process against a Swift hello-world process that prints a small
/// JSON object (`svangre-hello`), both release builds beside this one, timed whole (spawn
/// to exit) in turn, A B A B …, so that the machine's drift hits both alike.
func runStartupBenchmark() {
  let svangre = siblingExecutable("svangre")
  let hello = siblingExecutable("svangre-hello")
  for binary in [svangre, hello] where !FileManager.default.isExecutableFile(atPath: binary) {
    print("start-up: skipped (build \(binary) first: swift build -c release)")
    return
  }
  // Parse arguments, build the rule set and the catalogue, read stdin, assess, print JSON.
  let payload = Data(
    #"{"reference_date":"2026-11-23","parity":"multiparous","dating":{"due_date":"2027-05-20"},"bmi":31,"findings":["multiple_pregnancy","rhd_negative","smoking"]}"#
      .utf8)
  let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-bench-input.json")
  try? payload.write(to: inputFile)
  defer { try? FileManager.default.removeItem(at: inputFile) }

  let runs = 200
  var assess: [ProcessTime] = []
  var baseline: [ProcessTime] = []
  for run in -5..<runs {
    guard let a = timeProcess(svangre, ["assess", "--format", "json"], stdin: inputFile.path),
      let b = timeProcess(hello, [], stdin: "/dev/null")
    else {
      print("start-up: a process failed (\(svangre) assess, or \(hello))")
      return
    }
    if run >= 0 {
      assess.append(a)
      baseline.append(b)
    }
  }
  func line(_ name: String, _ times: [ProcessTime]) -> String {
    let wall = times.map(\.wall)
    let cpu = times.map(\.cpu)
    return "\(name): median \(formatted(median(wall) * 1000)) ms wall (min \(formatted(wall.min()! * 1000))), "
      + "\(formatted(median(cpu) * 1000)) ms cpu"
  }
  print(line("svangre assess process", assess) + " over \(runs) runs")
  print(line("hello-world JSON process", baseline) + " over \(runs) runs")
  let pairs = zip(assess, baseline).map { $0.wall / $1.wall }
  print(
    "start-up ratio svangre assess / hello world: \(formatted(median(assess.map(\.wall)) / median(baseline.map(\.wall)))) "
      + "(medians of wall time; median of the \(runs) pairs \(formatted(median(pairs))); "
      + "cpu \(formatted(median(assess.map(\.cpu)) / median(baseline.map(\.cpu)))))"
  )
}
