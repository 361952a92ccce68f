import Foundation
import SvangrePostgres
import SvangrePostgresTestSupport
import Testing
@testable import SvangreStore

/// TLS as libpq's `sslmode` asks for it (docs/store.md, "Choosing it"), against a server of
/// the test's own with a certificate for `localhost` from a certificate authority the test
/// makes with openssl; the server refuses connections without TLS.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
  @Test(
    "sslmode=require and verify-full with the clinic's CA connect; another CA, or no TLS, is refused in words (exit 3)",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
  func tls() throws {
    let cluster = try ThrowawayCluster.makePrivate()
    defer { cluster.stop() }
    let database = try cluster.location(try cluster.makeDatabase()).database
    try cluster.enableTLS()
    let port = try #require(cluster.tcpPort)
    func list(_ query: String) throws -> ProcessResult {
      try runProduct(
        "svangre",
        [
          "record", "list", "--lang", "en", "--store",
          "postgresql://\(ThrowawayCluster.adminUser)@localhost:\(port)/\(database)?\(query)",
        ], timeout: 60)
    }
    let required = try list("sslmode=require")
    #expect(required.status == 0, "\(required)")
    let verified = try list("sslmode=verify-full&sslrootcert=\(cluster.certificateAuthority)")
    #expect(verified.status == 0, "\(verified)")

    // A certificate authority the server's certificate is not from: a machine in the middle.
    let other = try ThrowawayCluster.makePrivate()
    defer { other.stop() }
    try other.enableTLS()
    let untrusted = try list("sslmode=verify-full&sslrootcert=\(other.certificateAuthority)")
    #expect(untrusted.status == 3, "\(untrusted)")
    #expect(
      untrusted.stderr.split(separator: "\n").count == 1 && !untrusted.stderr.contains("NIOSSLError("),
      "\(untrusted.stderr)")
    #expect(untrusted.stderr.contains("certificate is not accepted") && !untrusted.stderr.contains(".build"))
    // Without TLS the server refuses: pg_hba.conf wants it.
    let plain = try list("sslmode=disable")
    #expect(plain.status == 3 && plain.stderr.contains("no encryption"), "\(plain)")
  }
}
