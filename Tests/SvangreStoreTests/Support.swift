import Foundation
import Glibc
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// The backends the store's behaviour tests run against: the same test, the same
/// expectations, on the JSON files and on a real PostgreSQL server (`ThrowawayCluster`).
enum Backend: String, CaseIterable, CustomTestStringConvertible {
  case files, postgres
  var testDescription: String { rawValue }

  /// Who the access log says was logged in: the operating system's user, or the
  /// database role.
  var user: String {
    switch self {
    case .files: StoreError.userName
    case .postgres: ThrowawayCluster.adminUser
    }
  }
}

/// A fresh store under /tmp (a directory), or a fresh database on the tests' PostgreSQL
/// server; the directory is removed when the test is done.
final class TemporaryStore {
  let directory: String
  let backend: Backend
  /// The database of a PostgreSQL store (its `--store` value), made on first use.
  private var database: String?

  init(_ backend: Backend = .files) {
    directory = NSTemporaryDirectory() + "svangre-store-test-" + UUID().uuidString.lowercased()
    self.backend = backend
  }

  /// The JSON store in `directory` (tests of what only the file backend has).
  func open(
    lockTimeout: Double = 3, clock: WallClock = .fixed(testClockTime), ruleSets: [RuleSet] = [.bundled]
  ) throws -> FileRecordStore {
    try FileRecordStore(directory: directory, lockTimeout: lockTimeout, clock: clock, ruleSets: ruleSets)
  }

  /// A new instance of this test's store, of its backend: two instances are two
  /// terminals (or processes) on the same records.
  func store(clock: WallClock = .fixed(testClockTime), ruleSets: [RuleSet] = [.bundled]) throws -> any RecordStore {
    switch backend {
    case .files:
      return try open(clock: clock, ruleSets: ruleSets)
    case .postgres:
      return try PostgresRecordStore(
        location: PostgresLocation(try location(), environment: [:]), password: nil, clock: clock, ruleSets: ruleSets)
    }
  }

  /// What `--store` names this test's store with: the directory, or the database's URL.
  func location() throws -> String {
    guard backend == .postgres else { return directory }
    if database == nil { database = try ThrowawayCluster.shared().makeDatabase() }
    return database!
  }

  func path(_ name: String) -> String { directory + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// The audit time of the tests' stores: 2026-11-18, a few days before the visitations'
/// clinical date (2026-11-23), so nothing can confuse the two.
let testClockTime = Date(timeIntervalSince1970: 1_795_000_000)

/// A visitation as `record assess` would store it, with a marker to find it again: the
/// marker is the reason of the input's override (the only free text an input has).
func sampleVisitation(_ marker: String = "m", level: Int = 1, override: String? = nil) -> Visitation {
  Visitation(
    input: .sortedObject([
      "reference_date": .string("2026-11-23"), "parity": .string("nulliparous"),
      "dating": .sortedObject(["due_date": .string("2027-05-20")]),
      "override": .sortedObject(["level": .number(Double(level)), "reason": .string(marker)]),
    ]),
    ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: 1, level: level,
    overrideReason: override, dueDate: "2027-05-20", gestationalAge: "14+4")
}

func marker(_ view: VisitationView) -> String? {
  if case .string(let value) = view.visitation.input["override"]?["reason"] { return value }
  return nil
}

/// The built executables sit beside the test bundle (`swift test` builds every product).
func productPath(_ name: String) -> String {
  if name.hasPrefix("/") { return name }
  let executable =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  return ((executable as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
}

typealias ProcessResult = ProcessRun

/// Runs a product to completion, or kills it after `timeout` seconds (a hang is a
/// failure the test can report, not a test run that never ends).
func runProduct(
  _ name: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
  timeout: Double? = nil
) throws -> ProcessResult {
  var env = ProcessInfo.processInfo.environment
  env["LANG"] = "C"
  env["LC_ALL"] = nil
  env["LC_MESSAGES"] = nil
  // Never the user's own saved initials (`--author` defaults to them): a test says who.
  env["XDG_CONFIG_HOME"] = "/nonexistent/svangre-test-config"
  for (key, value) in environment { env[key] = value }
  return try runProcess(
    URL(fileURLWithPath: productPath(name)), arguments, stdin: stdin, environment: env, timeout: timeout)
}

func fileMode(_ path: String) -> mode_t {
  var info = stat()
  stat(path, &info)
  return info.st_mode & 0o777
}
