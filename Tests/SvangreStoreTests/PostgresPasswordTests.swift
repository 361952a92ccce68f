import Foundation
import SvangrePostgres
import SvangrePostgresTestSupport
import Testing
@testable import SvangreStore

/// A server that asks for a password (docs/store.md, "Choosing it"): on a server of the
/// test's own whose `pg_hba.conf` wants the clinician's password (SCRAM).
@Suite("PostgreSQL passwords")
struct PostgresPasswordTests {
  static let password = "rigtig-hemmelig-42"

  /// Runs svangre on a terminal of its own (a pseudo-terminal, Python's `pty`), types
  /// `password` once the password prompt shows, and returns all the terminal showed.
  static let terminal = #"""
    import os, pty, select, sys, time
    password = os.environ.pop("SVANGRE_TEST_PASSWORD").encode()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.argv[1], sys.argv[1:])
    shown, typed, deadline = b"", False, time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        shown += data
        if not typed and b"Password for" in shown:
            os.write(fd, password + b"\n")
            typed = True
    sys.stdout.buffer.write(shown)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
    """#

  @Test(
    "a password from PGPASSWORD, else asked for on the terminal and never shown; without a terminal a refusal in words")
  func passwords() throws {
    let cluster = try ThrowawayCluster.makePrivate()
    defer { cluster.stop() }
    let owner = try cluster.makeDatabase()
    let database = try cluster.location(owner).database
    _ = try PostgresRecordStore(location: cluster.location(owner), password: nil, clock: .fixed(testClockTime))
      .createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    let role = try cluster.clinician("AB", clinic: "klinik", database: database)
    try cluster.psql("postgres", "ALTER ROLE \(role) PASSWORD '\(Self.password)'")
    try cluster.requirePassword(for: role)
    let url = cluster.url(database: database, user: role)
    let list = ["record", "list", "--store", url, "--lang", "en"]
    let noPasswordFile = ["HOME": "/nonexistent", "PGPASSFILE": "/nonexistent/pgpass", "PGPASSWORD": ""]

    // No password and no terminal (a new session, as under cron): refused in words.
    let none = try runProduct(
      "/usr/bin/setsid", ["--wait", productPath("svangre")] + list, environment: noPasswordFile)
    #expect(
      none.status == 3 && none.stderr.contains("asks for a password, and none was given: put it in ~/.pgpass"),
      "\(none)")
    // From PGPASSWORD; a wrong one is the server's refusal, not a prompt.
    var given = noPasswordFile
    given["PGPASSWORD"] = Self.password
    let fromEnvironment = try runProduct(
      "/usr/bin/setsid", ["--wait", productPath("svangre")] + list, environment: given)
    #expect(fromEnvironment.status == 0 && fromEnvironment.stdout.contains("Ørnsholt"), "\(fromEnvironment)")
    given["PGPASSWORD"] = "forkert"
    let wrong = try runProduct("/usr/bin/setsid", ["--wait", productPath("svangre")] + list, environment: given)
    #expect(wrong.status == 3 && wrong.stderr.contains("password authentication failed"), "\(wrong)")
    #expect(!wrong.stderr.contains("forkert"))

    // On a terminal: asked for, typed, not shown, and used.
    var typing = noPasswordFile
    typing["SVANGRE_TEST_PASSWORD"] = Self.password
    let asked = try runProduct(
      "/usr/bin/python3", ["-c", Self.terminal, productPath("svangre")] + list, environment: typing, timeout: 180)
    #expect(asked.status == 0, "\(asked)")
    #expect(asked.stdout.contains("Password for \(role) on \(cluster.directory): "), "\(asked.stdout)")
    #expect(asked.stdout.contains("Ørnsholt") && !asked.stdout.contains(Self.password), "\(asked.stdout)")
  }
}
