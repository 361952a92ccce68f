import Crypto
import Foundation
import SvangreCLI
import SvangrePostgres
import SvangreResources
import SvangreRules
import SvangreStore

/// The PostgreSQL backend (`PostgresRecordStore`) and swift-crypto's SHA-256, as the
/// commands and the TUI of SvangreCLI reach them (`StoreFactory`).
struct PostgresBackend: ServerBackend {
  func open(
    _ location: String, clock: WallClock, ruleSets: [RuleSet], strings: StringCatalog?,
    environment: [String: String]
  ) throws(StoreError) -> any RecordStore {
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

  func upgrade(_ location: String) throws(StoreError) -> (from: Int, to: Int) {
    let server = try PostgresLocation(location)
    return try PostgresRecordStore.upgrade(location: server, password: PasswordFile.password(for: server))
  }

  func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
