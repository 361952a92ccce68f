import Foundation
import SvangrePostgres
import SvangreRules
import SvangreStore

/// The one place the CLI and the TUI open the record store: a `postgresql://` location
/// (`--store`, else `SVANGRE_STORE`) is the clinic's PostgreSQL server, anything else a
/// directory of JSON files (docs/store.md).
enum StoreFactory {
  static func open(
    _ location: String, clock: WallClock, ruleSets: [RuleSet],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(StoreError) -> any RecordStore {
    guard PostgresLocation.isPostgres(location) else {
      return try FileRecordStore(directory: location, clock: clock, ruleSets: ruleSets)
    }
    let server = try PostgresLocation(location, environment: environment)
    return try PostgresRecordStore(
      location: server, password: PasswordFile.password(for: server, environment: environment), clock: clock,
      ruleSets: ruleSets)
  }

  /// Where the TUI keeps the draft of an unsaved form: beside a JSON store; for a server,
  /// in the user's own data directory (a draft never leaves her machine).
  static func draftDirectory(_ location: String, environment: [String: String]) -> String {
    guard PostgresLocation.isPostgres(location) else { return location }
    var local = environment
    local["SVANGRE_STORE"] = nil
    let directory = StoreLocation.resolve(explicit: nil, environment: local)
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return directory
  }
}
