import Foundation
import SvangrePostgres
import SvangrePostgresTestSupport
@_spi(Benchmark) import SvangreStore

/// `svangre-bench postgres`: the store benchmark's 100,000 records on a PostgreSQL server
/// of its own (`ThrowawayCluster` with `fsync` on, a Unix socket, this machine's disk),
/// read and saved by a clinician's role through row-level security, as a clinic uses it.
/// Targets (docs/performance.md): open + list ≤ 500 ms, search ≤ 20 ms, one save ≤ 10 ms
/// median.
///
/// The records are written with `COPY` (what `svangre store migrate` would take minutes
/// to do one transaction at a time measures nothing new), exactly as a save writes them.
func runPostgresBenchmark() {
  do {
    try benchmarkPostgres(count: Int(ProcessInfo.processInfo.environment["SVANGRE_BENCH_RECORDS"] ?? "") ?? 100_000)
  } catch {
    say("postgres benchmark failed: \(error)")
  }
}

/// One line on standard output at once (unbuffered), also when it is a file.
private func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

private func loadAverage() -> String {
  ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
    .joined(separator: " ")
}

/// Processor time in seconds: this process's (every thread), and the server's — the
/// postmaster's own and its reaped children's, plus its children still running (a
/// connection's backend is one) — so that a figure measured on a loaded machine can be
/// read beside what it cost.
private func processorTime(server directory: String) -> (client: Double, server: Double) {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  let client = seconds(usage.ru_utime) + seconds(usage.ru_stime)
  let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
  func fields(_ pid: String) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: end)...].split(separator: " ")
  }
  guard
    let postmaster = (try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8))?
      .split(separator: "\n").first.map(String.init),
    let own = fields(postmaster)
  else { return (client, .nan) }
  // After ")": state, ppid, … utime is field 14 of stat, so index 11 here; stime 12,
  // cutime 13, cstime 14.
  var server = own[11...14].compactMap { Double($0) }.reduce(0, +)
  for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where pid.first?.isNumber == true {
    if let child = fields(pid), child.count > 12, child[1] == postmaster {
      server += (Double(child[11]) ?? 0) + (Double(child[12]) ?? 0)
    }
  }
  return (client, server / ticks)
}

private func benchmarkPostgres(count: Int) throws {
  say("load average at the start: \(loadAverage())")
  var started = now()
  let cluster = try ThrowawayCluster.makePrivate(durable: true)
  defer { cluster.stop() }
  let url = try cluster.makeDatabase()
  let database = try cluster.location(url).database
  say("server started and schema made in \(formatted(now() - started, 1)) s")

  started = now()
  let ids = try seed(cluster, database: database, count: count)
  say("\(count) records: seeded (COPY, ANALYZE) in \(formatted(now() - started, 1)) s")
  let role = try cluster.clinician("BM", clinic: "klinik", database: database)
  let location = try cluster.location(cluster.url(database: database, user: role))

  func open() throws -> PostgresRecordStore {
    try PostgresRecordStore(location: location, password: nil, clock: .system)
  }
  // Open and list as a new terminal does: connect, check the schema and the role, list.
  let cpuBefore = processorTime(server: cluster.directory)
  var openList: [Double] = []
  var opens: [Double] = []
  var lists: [Double] = []
  // More rounds to profile it (`perf record`): SVANGRE_BENCH_OPEN_LIST_ROUNDS.
  let rounds = Int(ProcessInfo.processInfo.environment["SVANGRE_BENCH_OPEN_LIST_ROUNDS"] ?? "") ?? 7
  for _ in 0..<rounds {
    started = now()
    let store = try open()
    let opened = now()
    let list = try store.list()
    openList.append(now() - started)
    opens.append(opened - started)
    lists.append(now() - opened)
    precondition(list.count == count)
  }

  let cpuAfter = processorTime(server: cluster.directory)
  let store = try open()
  _ = try store.list()
  var searches: [Double] = []
  for query in ["ørn", "hansen", "Søs", "aagaard", "0101", "150390-1"] {
    for _ in 0..<20 {
      started = now()
      _ = try store.search(query)
      searches.append(now() - started)
    }
  }

  // One save as a clinician makes it: a visitation appended on the revision she opened.
  var saves: [Double] = []
  var random = SystemRandomNumberGenerator()
  for index in 0..<200 {
    let id = ids[Int(random.next() % UInt64(ids.count))]
    let record = try store.load(id)
    let visitation = Visitation(
      input: .sortedObject([
        "reference_date": .string("2026-12-01"), "parity": .string("nulliparous"),
        "dating": .sortedObject(["due_date": .string("2027-05-20")]),
        "override": .sortedObject(["level": .number(1), "reason": .string("bench \(index)")]),
      ]),
      ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: 1, level: 1,
      overrideReason: "bench \(index)", dueDate: "2027-05-20", gestationalAge: "15+4")
    started = now()
    _ = try store.appendVisitation(id, basedOn: record.revision, visitation: visitation, author: "BM")
    saves.append(now() - started)
  }
  let sortedSaves = saves.sorted()

  func ms(_ seconds: Double, _ digits: Int = 1) -> String { formatted(seconds * 1000, digits) + " ms" }
  say("  open + list as a clinician (median of \(rounds)):  \(ms(median(openList)))  [target ≤ 500 ms]")
  say("  open + list, fastest:                      \(ms(openList.min() ?? 0))")
  say("  open + list, slowest:                      \(ms(openList.max() ?? 0))")
  say("    of which open (connect, schema, role):   \(ms(median(opens)))")
  say("    of which list:                           \(ms(median(lists)))")
  say(
    "    processor time per open + list:          \(ms((cpuAfter.client - cpuBefore.client) / Double(rounds))) svangre, "
      + "\(ms((cpuAfter.server - cpuBefore.server) / Double(rounds))) server")
  say("  search (median of 120, 6 queries):         \(ms(median(searches), 2))  [target ≤ 20 ms]")
  say("  search, slowest:                           \(ms(searches.max() ?? 0, 2))")
  say("  durable save (median of 200):              \(ms(median(saves), 2))  [target ≤ 10 ms]")
  say("  durable save, 95th percentile:             \(ms(sortedSaves[sortedSaves.count * 95 / 100], 2))")
  say("load average at the end: \(loadAverage())")
  // To look at the server by hand before it is stopped: SVANGRE_BENCH_PAUSE seconds.
  if let pause = UInt32(ProcessInfo.processInfo.environment["SVANGRE_BENCH_PAUSE"] ?? "") {
    say("server: psql -h \(cluster.directory) -p 5432 -U \(ThrowawayCluster.adminUser) -d \(database) (role \(role))")
    sleep(pause)
  }
}

/// Writes `count` records of the store benchmark into `database` with psql's `\copy`:
/// the head and entries as a save writes them, the list columns as a save keeps them.
private func seed(_ cluster: ThrowawayCluster, database: String, count: Int) throws -> [String] {
  let recordsPath = cluster.directory + "/bench-records.copy"
  let historyPath = cluster.directory + "/bench-history.copy"
  _ = FileManager.default.createFile(atPath: recordsPath, contents: nil)
  _ = FileManager.default.createFile(atPath: historyPath, contents: nil)
  let records = try FileHandle(forWritingTo: URL(fileURLWithPath: recordsPath))
  let history = try FileHandle(forWritingTo: URL(fileURLWithPath: historyPath))
  var ids: [String] = []
  var recordLines = "", historyLines = ""
  func field(_ value: String?) -> String {
    guard let value else { return "\\N" }
    // COPY's escapes, only where needed (a JSON entry has backslashes; most values none).
    guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
    return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
  }
  try StoreBenchmarkSupport.generate(count: count) { record in
    ids.append(record.id)
    let change = record.lastChange
    let columns: [String?] = [
      record.id, try RecordParts.head(record), String(record.revision), record.name, record.cpr,
      record.lastLevel.map(String.init), record.dueDate, record.status.rawValue, String(record.visitations.count),
      change.at, change.author, "klinik", TextFolding.fold(record.name),
    ]
    recordLines += columns.map(field).joined(separator: "\t") + "\n"
    for entry in record.history {
      historyLines +=
        [record.id, String(entry.seq), try RecordParts.entry(entry)].map(field).joined(separator: "\t") + "\n"
    }
    if ids.count % 5_000 == 0 {
      records.write(Data(recordLines.utf8))
      history.write(Data(historyLines.utf8))
      recordLines = ""
      historyLines = ""
    }
  }
  records.write(Data(recordLines.utf8))
  history.write(Data(historyLines.utf8))
  try records.close()
  try history.close()
  try cluster.psql(
    database,
    "\\copy svangre.records (id, head, revision, name, cpr, last_level, due_date, status, visitation_count, updated_at, updated_by, clinic, search_name) FROM '\(recordsPath)'"
  )
  try cluster.psql(database, "\\copy svangre.history (record_id, seq, entry) FROM '\(historyPath)'")
  try cluster.psql(database, "VACUUM ANALYZE")
  unlink(recordsPath)
  unlink(historyPath)
  return ids
}
