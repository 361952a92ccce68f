import Foundation
import SvangreResources
import SvangreRules
@_spi(Benchmark) import SvangreStore
import SvangreTUI

/// `svangre-bench worklist`: the clinic's worklist for one week over 100,000 records, as the
/// TUI opens it (an open store that has listed its records, then `worklist`) and as a
/// `svangre due` process. Baselines measured in the same run: the record list's open + list
/// of the same store, the worklist by loading every record (the protocol's default, what a
/// backend without an index does), and a hello-world process. Targets (docs/performance.md):
/// the worklist opens in ≤ 100 ms, `svangre due` for a week runs in ≤ 300 ms.
func runWorklistBenchmark() {
  let base = ProcessInfo.processInfo.environment["SVANGRE_BENCH_DIR"] ?? NSTemporaryDirectory()
  let cases: [(name: String, spread: Bool, weeks: [String])] = [
    ("due dates spread over two years (a clinic's mix)", true, ["2026-12-07"]),
    ("every record due 2027-05-20 (the store benchmark's records)", false, ["2026-12-07", "2026-12-14"]),
  ]
  // SVANGRE_BENCH_KEEP=DIR keeps each case's store under DIR (made once, then reused): the
  // seeding takes minutes, the measurements seconds, and a profiler wants the store too.
  let kept = ProcessInfo.processInfo.environment["SVANGRE_BENCH_KEEP"]
  for benchmark in cases {
    let directory =
      kept.map { ($0 as NSString).appendingPathComponent(benchmark.spread ? "spread" : "same") }
      ?? (base as NSString).appendingPathComponent("svangre-bench-worklist-\(getpid())")
    defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }
    do {
      try benchmarkWorklist(
        directory: directory, name: benchmark.name, spread: benchmark.spread, weeks: benchmark.weeks,
        seeded: FileManager.default.fileExists(atPath: directory))
    } catch {
      print("worklist benchmark failed: \(error)")
    }
  }
}

private func benchmarkWorklist(directory: String, name: String, spread: Bool, weeks: [String], seeded: Bool) throws {
  let count = 100_000
  if !seeded { _ = try StoreBenchmarkSupport.seed(directory: directory, count: count, spreadDueDates: spread) }
  print("\(count) records, \(name):")
  var started = now()
  _ = try FileRecordStore(directory: directory, clock: .system).list()
  if !seeded {
    print("  first open (reads every file, writes the index with each programme): \(formatted(now() - started, 1)) s")
  }
  let engine = AssessmentEngine()
  func ms(_ seconds: Double) -> String { formatted(seconds * 1000, 1) + " ms" }

  // The baseline of the in-process figures: a new terminal's record list.
  var lists: [Double] = []
  for _ in 0..<7 {
    started = now()
    _ = try FileRecordStore(directory: directory, clock: .system).list()
    lists.append(now() - started)
  }
  for week in weeks {
    let today = CalendarDate(iso: week)!
    let range = today.week
    // As the TUI: the list is open (the store listed), then `u` asks for the worklist —
    // the first time in a new terminal, then again (another week, back again) on the
    // same store, which keeps what it decoded.
    var firsts: [Double] = []
    var agains: [Double] = []
    var rows = 0
    for _ in 0..<7 {
      let store = try FileRecordStore(directory: directory, clock: .system)
      _ = try store.list()
      started = now()
      rows = try store.worklist(engine: engine, today: today, range: range, filter: WorklistFilter()).rows.count
      firsts.append(now() - started)
      started = now()
      _ = try store.worklist(engine: engine, today: today, range: range, filter: WorklistFilter())
      agains.append(now() - started)
    }
    // The whole screen as a user sees it: `u` on the open record list of a new terminal
    // (the store listed) until the worklist's first frame is drawn, 120×40 — the store's
    // worklist, the screen's update and its render.
    var screens: [Double] = []
    for _ in 0..<7 {
      let store = try FileRecordStore(directory: directory, clock: .system)
      var model = AppModel(
        context: makeContext(store: store, today: week), width: 120, height: 40, config: UserConfig(initials: "BM"))
      started = now()
      model.handle(.char("u"))
      let frame = model.render()
      screens.append(now() - started)
      precondition(model.screen == .worklist && frame.width == 120)
    }
    let first = median(firsts)
    print("  week of \(week): \(rows) rows")
    print("    worklist opens, first time (median of 7):     \(ms(first))  [target ≤ 100 ms]")
    print("    worklist opens again (median of 7):           \(ms(median(agains)))")
    print("    the TUI: `u` to the first frame, 120×40 (median of 7): \(ms(median(screens)))  [target ≤ 100 ms]")
    print(
      "    baseline, open + list (median of 7):          \(ms(median(lists)))  ratio \(formatted(first / median(lists)))"
    )
    // SVANGRE_BENCH_QUICK=1 leaves out the minute-long baseline.
    if ProcessInfo.processInfo.environment["SVANGRE_BENCH_QUICK"] == nil {
      // Without the index: every record loaded and assessed (the protocol's default).
      let naiveStore = try FileRecordStore(directory: directory, clock: .system)
      started = now()
      let naive = try RecordProgramme.loadingEvery(from: naiveStore, meeting: range)
      let naiveTime = now() - started
      print(
        "    baseline, loading every record (once, \(naive.count) records meet the week): \(ms(naiveTime))  ratio \(formatted(first / naiveTime, 4))"
      )
    }
    processFigures(directory: directory, week: week)
  }
}

/// `svangre due` for one week, JSON to /dev/null, against the hello-world process, in turn.
private func processFigures(directory: String, week: String) {
  let svangre = siblingExecutable("svangre")
  let hello = siblingExecutable("svangre-hello")
  guard FileManager.default.isExecutableFile(atPath: svangre), FileManager.default.isExecutableFile(atPath: hello)
  else {
    print("    process: skipped (build svangre and svangre-hello first: swift build -c release)")
    return
  }
  var due: [Double] = []
  var text: [Double] = []
  var floor: [Double] = []
  for run in -1..<7 {
    let arguments = ["due", "--store", directory, "--today", week]
    guard let json = timeProcess(svangre, arguments + ["--format", "json"], stdin: "/dev/null"),
      let plain = timeProcess(svangre, arguments + ["--format", "text"], stdin: "/dev/null"),
      let baseline = timeProcess(hello, [], stdin: "/dev/null")
    else {
      print("    process: svangre due failed")
      return
    }
    if run >= 0 {
      due.append(json.wall)
      text.append(plain.wall)
      floor.append(baseline.wall)
    }
  }
  let ms = { (value: Double) in formatted(value * 1000, 1) + " ms" }
  print("    svangre due --format json (median of 7):      \(ms(median(due)))  [target ≤ 300 ms]")
  print("    svangre due --format text (median of 7):      \(ms(median(text)))")
  print(
    "    baseline, hello-world process (median of 7):  \(ms(median(floor)))  ratio \(formatted(median(due) / median(floor)))"
  )
}
