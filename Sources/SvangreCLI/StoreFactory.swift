import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// The one place the CLI and the TUI open the record store: a `postgresql://` location
/// (`--store`, else `SVANGRE_STORE`) is the clinic's PostgreSQL server, opened by the
/// backend `svangre-postgres` links (`ServerBackend`); anything else a directory of JSON
/// files (docs/store.md).
enum StoreFactory {
  /// With `strings`, a server that wants a password none was given for (no
  /// `PGPASSWORD`, nothing in the password file) gets one asked for on the terminal.
  static func open(
    _ location: String, clock: WallClock, ruleSets: [RuleSet], strings: StringCatalog? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(StoreError) -> any RecordStore {
    guard StoreLocation.isServer(location) else {
      return try FileRecordStore(directory: location, clock: clock, ruleSets: ruleSets)
    }
    return try server().open(
      location, clock: clock, ruleSets: ruleSets, strings: strings, environment: environment)
  }

  /// The PostgreSQL backend, or the refusal `svangre` gives when `svangre-postgres` could
  /// not be started in its place (ServerHandOver.swift).
  static func server() throws(StoreError) -> any ServerBackend {
    guard let server = SvangreProgram.server else { throw .serverProgramMissing(path: ServerHandOver.programPath) }
    return server
  }

  /// Where the TUI keeps the draft of an unsaved form: beside a JSON store; for a server,
  /// in the user's own data directory (a draft never leaves her machine).
  static func draftDirectory(_ location: String, environment: [String: String]) -> String {
    guard StoreLocation.isServer(location) else { return location }
    var local = environment
    local["SVANGRE_STORE"] = nil
    let directory = StoreLocation.resolve(explicit: nil, environment: local)
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return directory
  }
}

/// What `svangre-postgres` links and `svangre` does not (ServerHandOver.swift): the
/// PostgreSQL backend (SvangrePostgres: PostgresNIO, SwiftNIO, BoringSSL) and swift-crypto.
/// Given to `SvangreProgram.run(server:)`; the commands reach it through `StoreFactory`.
public protocol ServerBackend: Sendable {
  /// A `postgresql://` store (`StoreFactory.open`'s arguments); with `strings`, a password
  /// the server wants and none was given is asked for on the terminal.
  func open(
    _ location: String, clock: WallClock, ruleSets: [RuleSet], strings: StringCatalog?,
    environment: [String: String]
  ) throws(StoreError) -> any RecordStore

  /// `store upgrade`: the server's tables brought to this build's schema version.
  func upgrade(_ location: String) throws(StoreError) -> (from: Int, to: Int)

  /// The SHA-256 of `bytes` in lowercase hex: `store migrate`'s verification.
  func sha256(_ bytes: [UInt8]) -> String
}
