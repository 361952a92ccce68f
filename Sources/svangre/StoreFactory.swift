import Foundation
import SvangrePostgres
import SvangreResources
import SvangreRules
import SvangreStore

/// The one place the CLI and the TUI open the record store: a `postgresql://` location
/// (`--store`, else `SVANGRE_STORE`) is the clinic's PostgreSQL server, anything else a
/// directory of JSON files (docs/store.md).
enum StoreFactory {
  /// With `strings`, a server that wants a password none was given for (no
  /// `PGPASSWORD`, nothing in the password file) gets one asked for on the terminal.
  static func open(
    _ location: String, clock: WallClock, ruleSets: [RuleSet], strings: StringCatalog? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(StoreError) -> any RecordStore {
    guard PostgresLocation.isPostgres(location) else {
      return try FileRecordStore(directory: location, clock: clock, ruleSets: ruleSets)
    }
    let server = try PostgresLocation(location, environment: environment)
    let ask = strings.map { strings in
      {
        PasswordPrompt.ask(
          strings("store.prompt.password", ["user": server.user, "server": server.host ?? server.socketDirectory]))
      }
    }
    return try PostgresRecordStore(
      location: server, password: PasswordFile.password(for: server, environment: environment), askPassword: ask,
      clock: clock, ruleSets: ruleSets)
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
