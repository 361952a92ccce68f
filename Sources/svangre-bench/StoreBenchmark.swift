import Foundation
@_spi(Benchmark) import SvangreStore

/// `svangre-bench store`: for synthetic stores of 10,000 and 100,000 records, the time to
/// open and list, to search, and the median latency of one durable save. Targets
/// (docs/performance.md): open+list of 100,000 ≤ 500 ms, search ≤ 10 ms, save ≤ 20 ms.
///
/// The store lives under $SVANGRE_BENCH_DIR (default /tmp), on the disk measured.
/// Timings are with a warm page cache: the files were just written.
func runStoreBenchmark() {
  let base = ProcessInfo.processInfo.environment["SVANGRE_BENCH_DIR"] ?? NSTemporaryDirectory()
  for count in [10_000, 100_000] {
    let directory = (base as NSString).appendingPathComponent("svangre-bench-store-\(getpid())-\(count)")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      try benchmarkStore(directory: directory, count: count)
    } catch {
      print("store benchmark failed: \(error)")
    }
  }
}

private func benchmarkStore(directory: String, count: Int) throws {
  let seeded = now()
  let ids = try StoreBenchmarkSupport.seed(directory: directory, count: count)
  print("\(count) records: seeded in \(formatted(now() - seeded, 1)) s")

  // First open: no index yet, every file is read and decoded once, and the index written.
  var started = now()
  let first = try FileRecordStore(directory: directory, clock: .system)
  let listed = try first.list()
  let firstOpen = now() - started
  precondition(listed.count == count)

  // Open and list as a new terminal does: directory + index, no record file opened.
  var openList: [Double] = []
  for _ in 0..<7 {
    started = now()
    let store = try FileRecordStore(directory: directory, clock: .system)
    let list = try store.list()
    openList.append(now() - started)
    precondition(list.count == count)
  }

  // Search on an open store: names (accent-insensitive) and a CPR prefix.
  let store = try FileRecordStore(directory: directory, clock: .system)
  _ = try store.list()
  started = now()
  _ = try store.search("ørn")
  let firstSearch = now() - started
  var searches: [Double] = []
  var hits = 0
  for query in ["ørn", "hansen", "Søs", "aagaard", "0101", "150390-1"] {
    for _ in 0..<20 {
      started = now()
      hits = try store.search(query).count
      searches.append(now() - started)
    }
  }
  _ = hits

  // Durable saves: load the record, append a visitation, fsync file and directory.
  var saves: [Double] = []
  var random = SystemRandomNumberGenerator()
  for index in 0..<200 {
    let id = ids[Int(random.next() % UInt64(ids.count))]
    let record = try store.load(id)
    let visitation = Visitation(
      input: .sortedObject(["reference_date": .string("2026-12-01"), "marker": .number(Double(index))]),
      ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: 1, level: 1, overrideReason: nil,
      dueDate: "2027-05-20", gestationalAge: "15+4")
    started = now()
    _ = try store.appendVisitation(id, basedOn: record.revision, visitation: visitation, author: "BM")
    saves.append(now() - started)
  }
  let sortedSaves = saves.sorted()

  func ms(_ seconds: Double) -> String { formatted(seconds * 1000, 1) + " ms" }
  print("  first open + list (no index yet, reads every file): \(ms(firstOpen))")
  print("  open + list (median of 7):                           \(ms(median(openList)))  [target ≤ 500 ms at 100,000]")
  print("  search, first on an open store:                      \(ms(firstSearch))")
  print(
    "  search (median of 120, 6 queries):                   \(formatted(median(searches) * 1000, 2)) ms  [target ≤ 10 ms]"
  )
  print("  search, slowest:                                     \(formatted((searches.max() ?? 0) * 1000, 2)) ms")
  print("  durable save (median of 200):                        \(ms(median(saves)))  [target ≤ 20 ms]")
  print("  durable save, 95th percentile:                       \(ms(sortedSaves[sortedSaves.count * 95 / 100]))")
}
