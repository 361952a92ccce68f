import Foundation
import SvangreTestSupport
import Testing

@testable import SvangreCLI

/// `svangre` links no PostgreSQL client: a command for a `postgresql://` store becomes
/// `svangre-postgres` from its own directory (ServerHandOver.swift), and without that
/// program it is refused in the contract's way (exit 3), naming the program, never the URL.
@Suite("svangre hands a PostgreSQL store to svangre-postgres")
struct ServerHandOverTests {
  static let url = "postgresql://ab@db.klinik.dk:5432/svangre?sslmode=verify-full"

  static let handedForms: [[String]] = [
    ["record", "list", "--store", url],
    ["--store=postgres://db/svangre", "record", "list"],
    ["store", "migrate", "--store", "/tmp/files", "--to", url],
    ["store", "migrate", "--to=\(url)"],
    // Its SHA-256 is swift-crypto's, linked only in svangre-postgres.
    ["store", "migrate", "--store", "/tmp/files", "--to", "/tmp/other"],
    ["--lang", "en", "store", "upgrade", "--store", url],
  ]

  static let keptForms: [[String]] = [
    ["record", "list", "--store", "/tmp/files"],
    ["record", "list", "--store=/tmp/files"],
    ["due", "--to", "2026-12-24"],
    ["rules", "list"],
    [],
  ]

  @Test("The words that name a server, or store migrate, hand the command over", arguments: handedForms)
  func handedOver(_ arguments: [String]) {
    #expect(ServerHandOver.needsServer(arguments[...], store: nil))
  }

  @Test("Anything else stays in svangre", arguments: keptForms)
  func kept(_ arguments: [String]) {
    #expect(!ServerHandOver.needsServer(arguments[...], store: nil))
  }

  @Test("SVANGRE_STORE names a server unless --store names a directory")
  func environment() {
    Self.url.withCString { url in
      let store = UnsafeMutablePointer(mutating: url)
      #expect(ServerHandOver.needsServer([][...], store: store))
      #expect(ServerHandOver.needsServer(["record", "list", "--store", ""][...], store: store))
      #expect(!ServerHandOver.needsServer(["record", "list", "--store", "/tmp/files"][...], store: store))
    }
  }

  @Test("Without svangre-postgres beside it: exit 3, the program named, the URL never")
  func missing() throws {
    let temp = TemporaryDirectory()
    let alone = temp.url.appendingPathComponent("svangre")
    // A hard link: a copy's write descriptor, inherited by a process another test starts
    // meanwhile, would make running it fail with "Text file busy".
    do {
      try FileManager.default.linkItem(at: svangreBinary, to: alone)
    } catch {
      try FileManager.default.copyItem(at: svangreBinary, to: alone)
    }
    let listed = try run(alone, ["record", "list", "--store", Self.url, "--format", "json", "--lang", "en"])
    #expect(listed.status == 3)
    let error = try #require(try object(listed.stdout)["error"] as? [String: Any])
    #expect(error["code"] as? String == "server_program_missing")
    #expect(listed.stderr.contains(temp.url.appendingPathComponent("svangre-postgres").path), "\(listed.stderr)")
    let danish = try run(alone, ["record", "list"], environment: ["SVANGRE_STORE": Self.url])
    #expect(danish.status == 3 && danish.stderr.contains("Et PostgreSQL-journallager"), "\(danish.stderr)")
    for output in [listed.stdout, listed.stderr, danish.stdout, danish.stderr] {
      #expect(!output.contains("db.klinik.dk") && !output.contains("postgresql://"), "\(output)")
    }
    // Refused before either store is touched.
    let files = temp.url.appendingPathComponent("files").path
    let other = temp.url.appendingPathComponent("other").path
    let migrated = try run(alone, ["store", "migrate", "--store", files, "--to", other])
    #expect(migrated.status == 3 && migrated.stderr.contains("svangre-postgres"), "\(migrated.stderr)")
    #expect(!FileManager.default.fileExists(atPath: files) && !FileManager.default.fileExists(atPath: other))
    // `svangre assess` never opens a store: it runs in svangre, whatever SVANGRE_STORE says.
    let input = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}}"#
    let assessed = try run(
      alone, ["assess", "--format", "json"], stdin: input, environment: ["SVANGRE_STORE": Self.url])
    #expect(assessed.status == 0, "\(assessed.stderr)")
  }

  @Test("With svangre-postgres beside it, that program answers: the server is tried")
  func handed() throws {
    let socketless = "postgresql:///svangre?host=/nonexistent/svangre-socket"
    let listed = try svangre(["record", "list", "--store", socketless, "--format", "json", "--lang", "en"])
    #expect(listed.status == 3)
    let error = try #require(try object(listed.stdout)["error"] as? [String: Any])
    #expect(error["code"] as? String == "server_unreachable", "\(listed.stderr)")
  }
}
