import Foundation
import Glibc
import SvangrePostgres
import SvangreStore

/// A throw-away PostgreSQL server for the tests: `initdb` into a temporary directory, the
/// server listening only on a Unix socket there, started at the first use in a test
/// process and stopped when the process exits. Nothing is mocked: the tests talk to a
/// real server through the same code as svangre.
///
/// PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the
/// `postgres` user that Debian's package creates (`runuser`). Each test gets a database
/// of its own (`makeDatabase`), upgraded to the current schema.
///
/// When the server cannot start (no PostgreSQL installed, `initdb` or `pg_ctl` failing or
/// taking longer than `startTimeout`), every test that needs it fails with a message that
/// says why — never a hang, never a skip.
public final class ThrowawayCluster: @unchecked Sendable {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The one cluster of this test process (started on first use).
  public static func shared() throws -> ThrowawayCluster {
    try started.get()
  }

  private static let started: Result<ThrowawayCluster, Failure> = {
    do {
      let cluster = try ThrowawayCluster()
      running = cluster
      atexit { ThrowawayCluster.running?.stop() }
      return .success(cluster)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(description: "\(error)"))
    }
  }()
  nonisolated(unsafe) private static var running: ThrowawayCluster?

  /// The superuser `initdb` makes; trusted on the socket, as only this process's user
  /// (and root) can reach the socket directory.
  public static let adminUser = "svangre_admin"
  /// How long `initdb` and `pg_ctl start` may take before the tests give up.
  static let startTimeout: Double = 120

  public let directory: String
  let bin: String
  let asPostgres: Bool
  let durable: Bool
  private let lock = NSLock()
  private var databases = 0
  private var commands = 0

  init(durable: Bool = false) throws {
    self.durable = durable
    bin = try Self.serverBinaries()
    asPostgres = geteuid() == 0
    let template = NSTemporaryDirectory() + "svangre-pg-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else { throw Failure(description: "mkdtemp: \(String(cString: strerror(errno)))") }
    directory = String(cString: made)
    if asPostgres {
      guard let entry = getpwnam("postgres") else {
        throw Failure(
          description:
            "PostgreSQL refuses to run as root and there is no `postgres` user: install Debian's postgresql package (scripts/setup)."
        )
      }
      chown(directory, entry.pointee.pw_uid, entry.pointee.pw_gid)
    }
    try run("initdb", ["-D", directory + "/data", "-A", "trust", "-U", Self.adminUser, "--no-sync", "-E", "UTF8"])
    try startServer()
  }

  /// `pg_ctl start`: only a Unix socket in `directory`.
  public func startServer() throws {
    try run(
      "pg_ctl",
      [
        "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "start", "-o",
        "-k \(directory) -p 5432 -c listen_addresses='\(tcpPort == nil ? "" : "127.0.0.1")' -c max_connections=200"
          + (durable ? "" : " -c fsync=off") + (tcpPort == nil ? "" : " -c port=\(tcpPort!)") + tlsOptions,
      ])
  }

  /// Besides the socket, TCP on 127.0.0.1 (`tcpPort`) with TLS: a certificate for
  /// `localhost` signed by a certificate authority the test makes (`certificateAuthority`,
  /// a PEM file), and connections without TLS refused (`hostnossl … reject`). Needs
  /// `openssl`.
  public func enableTLS() throws {
    let tls = directory + "/tls"
    try FileManager.default.createDirectory(atPath: tls, withIntermediateDirectories: true)
    try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(
      toFile: tls + "/san.ext", atomically: false, encoding: .utf8)
    for arguments in [
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=svangre test CA", "-keyout",
        tls + "/ca.key", "-out", tls + "/ca.pem",
      ],
      [
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", tls + "/server.key", "-out",
        tls + "/server.csr",
      ],
      [
        "x509", "-req", "-in", tls + "/server.csr", "-CA", tls + "/ca.pem", "-CAkey", tls + "/ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", tls + "/san.ext", "-out", tls + "/server.pem",
      ],
    ] {
      try run("/usr/bin/openssl", arguments, asServer: false)
    }
    chmod(tls + "/server.key", 0o600)
    if asPostgres, let entry = getpwnam("postgres") {
      for file in ["", "/server.key", "/server.pem", "/ca.pem"] {
        chown(tls + file, entry.pointee.pw_uid, entry.pointee.pw_gid)
      }
    }
    let hba = directory + "/data/pg_hba.conf"
    let rules = try String(contentsOfFile: hba, encoding: .utf8)
    try ("hostnossl all all 0.0.0.0/0 reject\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
    tcpPort = Int.random(in: 20_000...60_000)
    tlsOptions = " -c ssl=on -c ssl_cert_file=\(tls)/server.pem -c ssl_key_file=\(tls)/server.key"
    try stopServer()
    try startServer()
  }

  /// The certificate authority's certificate (PEM) after `enableTLS`.
  public var certificateAuthority: String { directory + "/tls/ca.pem" }
  /// The TCP port after `enableTLS`.
  public private(set) var tcpPort: Int?
  private var tlsOptions = ""

  /// `pg_ctl stop -m fast`: every connection ended, the data kept (`startServer` again).
  public func stopServer() throws {
    try run("pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "-t", "60", "stop"])
  }

  /// Where the server's binaries are: the newest `/usr/lib/postgresql/N/bin` with N ≥ 15.
  static func serverBinaries() throws -> String {
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
    guard let version = versions.last, version >= 15,
      FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb")
    else {
      throw Failure(
        description:
          "The PostgreSQL tests need a PostgreSQL 15 or later server (initdb, pg_ctl) under \(root): run scripts/setup, which installs Debian's postgresql package."
      )
    }
    return "\(root)/\(version)/bin"
  }

  /// A new, empty database upgraded to the current schema (`svangre store upgrade`'s
  /// code), as the `--store` value that names it for the cluster's superuser.
  /// `version` stops the upgrade at an older schema version.
  public func makeDatabase(version: Int? = nil) throws -> String {
    let name = lock.withLock {
      databases += 1
      return "svangre_test_\(getpid())_\(databases)"
    }
    try psql("postgres", "CREATE DATABASE \(name)")
    _ = try PostgresRecordStore.upgrade(location: try location(url(database: name)), password: nil, to: version)
    return url(database: name)
  }

  /// A clinician as a clinic's IT makes one (docs/store.md): a login role of her own,
  /// member of `svangre_clinician`, with her initials and clinic in `database`'s
  /// `svangre.clinicians` (none when `clinic` is nil). Returns the role's name, unique in
  /// the cluster.
  public func clinician(_ initials: String, clinic: String?, database: String) throws -> String {
    let role = "\(initials.lowercased())_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    try psql("postgres", "CREATE ROLE \(role) LOGIN IN ROLE svangre_clinician")
    if let clinic {
      try psql(database, "INSERT INTO svangre.clinicians VALUES ('\(role)', '\(initials)', '\(clinic)')")
    }
    return role
  }

  /// Makes the server ask `role` for its password (SCRAM) on the socket, as a clinic's
  /// server asks every clinician; the other roles stay trusted.
  public func requirePassword(for role: String) throws {
    let path = directory + "/data/pg_hba.conf"
    let rules = try String(contentsOfFile: path, encoding: .utf8)
    try ("local all \(role) scram-sha-256\n" + rules).write(toFile: path, atomically: false, encoding: .utf8)
    try psql("postgres", "SELECT pg_reload_conf()")
  }

  /// The `--store` value of `database` as `user`, through the socket in `directory`.
  public func url(database: String, user: String = adminUser) -> String {
    "postgresql://\(user)@/\(database)?host=\(directory)&port=5432"
  }

  /// `url` parsed as svangre parses `--store`, so the tests take the same path in.
  public func location(_ url: String) throws -> PostgresLocation {
    try PostgresLocation(url, environment: [:])
  }

  /// Runs `sql` with psql as the superuser (the tests' own setup, never svangre's path).
  @discardableResult
  public func psql(_ database: String, _ sql: String, user: String = adminUser) throws -> String {
    try run(
      "/usr/bin/psql",
      [
        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", "5432", "-U", user, "-d", database, "-At", "-c",
        sql,
      ],
      asServer: false)
  }

  /// A server of the test's own, for a test that stops or restarts it (the shared one
  /// serves tests running at the same time); `stop()` it when done.
  /// `durable` keeps PostgreSQL's default `fsync=on` (the benchmark's saves are then
  /// what a clinic's server does); the tests' servers run without it.
  public static func makePrivate(durable: Bool = false) throws -> ThrowawayCluster {
    try ThrowawayCluster(durable: durable)
  }

  /// `pg_ctl restart -m fast`: the server ends every connection, rolling back what was
  /// not committed, and starts again with the same options.
  public func restart() throws {
    try run(
      "pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-m", "fast", "-w", "-t", "60", "restart"])
  }

  /// Stops the server (immediately: as a crash would) and removes its directory.
  public func stop() {
    _ = try? run("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Runs a server binary (as `postgres` when this process is root) or another program,
  /// killing it after `startTimeout`; its output is returned, and a failure names it.
  ///
  /// Spawned directly (posix_spawn) with its output in a file rather than a pipe: the
  /// server that `pg_ctl start` leaves running inherits nothing the tests wait on.
  @discardableResult
  func run(_ program: String, _ arguments: [String], asServer: Bool = true) throws -> String {
    let path = program.hasPrefix("/") ? program : bin + "/" + program
    // In the cluster's directory: the `postgres` user may not read the current one.
    let command = ["/usr/bin/env", "-C", directory, path] + arguments
    let argv = asServer && asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command
    let outputPath = lock.withLock {
      commands += 1
      return directory + "/command-\(commands).out"
    }
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C.UTF-8"
    environment["PGPASSWORD"] = nil
    let (status, killed) = try Self.spawn(argv, environment: environment, output: outputPath)
    let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    unlink(outputPath)
    guard status == 0, !killed else {
      let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
      let ending = killed ? "was killed after \(Int(Self.startTimeout)) s" : "ended with status \(status)"
      throw Failure(
        description: """
          The throw-away PostgreSQL server failed: \(argv.joined(separator: " ")) \(ending).
          \(text)
          \(log.split(separator: "\n").suffix(10).joined(separator: "\n"))
          """)
    }
    return text
  }

  /// Runs `argv` to its end (or kills it after `startTimeout`), its standard output and
  /// error in the file `output`, its standard input /dev/null. The exit status, and
  /// whether it was killed.
  static func spawn(_ argv: [String], environment: [String: String], output: String) throws -> (Int32, Bool) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let arguments = argv.map { strdup($0) } + [nil]
    let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      arguments.forEach { free($0) }
      variables.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
    guard spawned == 0 else {
      throw Failure(description: "Could not start \(argv[0]): \(String(cString: strerror(spawned)))")
    }
    let deadline = Date().addingTimeInterval(startTimeout)
    var status: Int32 = 0
    var killed = false
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline, !killed {
        kill(pid, SIGKILL)
        killed = true
      }
      usleep(20_000)
    }
    // WIFEXITED and WEXITSTATUS, which Swift does not import.
    return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), killed)
  }
}
