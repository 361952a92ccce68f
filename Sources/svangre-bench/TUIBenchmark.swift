import Foundation
import SvangreResources
import SvangreRules
@_spi(Benchmark) import SvangreStore
import SvangreTUI

/// `svangre-bench tui`: the two figures of docs/performance.md's TUI section.
///
/// - One keystroke on the walkthrough: `handle` (which re-assesses through the engine)
///   plus `render` into the screen buffer, at 80×24 and 120×40. Target ≤ 2 ms.
/// - Start-up to the first frame with a 10,000-record store: open the store, list it,
///   build the model and render the first frame (which assesses the visible rows).
///   Target ≤ 150 ms. The ncurses copy of the buffer to the terminal is not included: it
///   needs a terminal, and ncurses sends only changed cells.
func runTUIBenchmark() {
  let base = ProcessInfo.processInfo.environment["SVANGRE_BENCH_DIR"] ?? NSTemporaryDirectory()
  let directory = (base as NSString).appendingPathComponent("svangre-bench-tui-\(getpid())")
  defer { try? FileManager.default.removeItem(atPath: directory) }
  do {
    try benchmarkKeystrokes(directory: directory + "-keys")
    try? FileManager.default.removeItem(atPath: directory + "-keys")
    try benchmarkStartUp(directory: directory)
  } catch {
    print("tui benchmark failed: \(error)")
  }
}

func makeContext(store: any RecordStore, today: String = "2026-11-23") -> AppContext {
  let strings = StringCatalog(language: .da)
  let engine = AssessmentEngine()
  return AppContext(
    strings: strings, today: CalendarDate(iso: today)!, engine: engine,
    repository: StoreRepository(store: store, engine: engine, strings: strings), configURL: nil, draftURL: nil)
}

private func benchmarkKeystrokes(directory: String) throws {
  let store = try FileRecordStore(directory: directory, clock: .system)
  for (width, height) in [(80, 24), (120, 40)] {
    var model = AppModel(
      context: makeContext(store: store), width: width, height: height, config: UserConfig(initials: "BM"))
    // A new record, dated, with the focus on the first criterion: the walkthrough's hot path.
    for key in [Key.char("n")] + "Søs Æbelø Ørnsholt".map(Key.char) + [.enter] + "010190-2000".map(Key.char) + [.enter]
      + "2027-05-20".map(Key.char) + Array(repeating: Key.down, count: 10)
    {
      model.handle(key)
    }
    precondition(model.screen == .walkthrough)
    var times: [Double] = []
    for index in 0..<2000 {
      // Alternately tick and move: both re-render; ticking also re-assesses.
      let key: Key = index % 2 == 0 ? .char(" ") : (index % 4 == 1 ? .down : .up)
      let started = now()
      model.handle(key)
      let buffer = model.render()
      times.append(now() - started)
      precondition(buffer.width == width)
    }
    let sorted = times.sorted()
    func ms(_ seconds: Double) -> String { formatted(seconds * 1000, 3) + " ms" }
    print(
      "  keystroke update+render at \(width)×\(height): median \(ms(median(times))), p99 \(ms(sorted[sorted.count * 99 / 100])), max \(ms(sorted.last!))  [target ≤ 2 ms]"
    )
  }
}

private func benchmarkStartUp(directory: String) throws {
  let count = 10_000
  _ = try StoreBenchmarkSupport.seed(directory: directory, count: count)
  // The first open builds the store's index, as the first run after an upgrade would.
  _ = try FileRecordStore(directory: directory, clock: .system).list()
  var times: [Double] = []
  for _ in 0..<7 {
    let started = now()
    let store = try FileRecordStore(directory: directory, clock: .system)
    let model = AppModel(context: makeContext(store: store), width: 120, height: 40, config: UserConfig(initials: "BM"))
    let frame = model.render()
    times.append(now() - started)
    precondition(frame.text.contains("\(count)"))
  }
  print(
    "  start-up to first frame, \(count) records, 120×40 (median of 7): \(formatted(median(times) * 1000, 1)) ms  [target ≤ 150 ms]"
  )
}
