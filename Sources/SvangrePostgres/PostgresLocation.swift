import Foundation
import SvangreStore

/// A `postgresql://` store location, read as libpq reads a connection URI
/// (`postgresql://[user@][host][:port][/database][?param=value&…]`), so that a clinic's IT
/// can give svangre the address its other tools use:
///
/// - no host, or a host that is a directory (`%2Fvar%2Frun%2Fpostgresql`, or
///   `?host=/var/run/postgresql`): the server's Unix socket in that directory (default
///   `/var/run/postgresql`, as Debian builds libpq);
/// - user: `PGUSER`, else the operating system's user; database: `PGDATABASE`, else the
///   user's name; port 5432, or `PGPORT`;
/// - `sslmode`: `disable`, `prefer` (libpq's default), `require` (encrypted, the
///   certificate not checked) or `verify-full` (the certificate checked against
///   `sslrootcert`, or the system's roots, and the host name). A Unix socket never uses TLS.
///
/// A password is never part of the location (it would stand in the process list and the
/// shell's history): it comes from `PGPASSWORD` or the password file (`PasswordFile`).
public struct PostgresLocation: Equatable, Sendable {
  public enum SSLMode: String, Sendable { case disable, prefer, require, verifyFull = "verify-full" }

  /// A TCP host name or address, or nil for a Unix socket in `socketDirectory`.
  public var host: String?
  public var socketDirectory: String
  public var port: Int
  public var user: String
  public var database: String
  public var sslMode: SSLMode
  /// A file of CA certificates (PEM) for `verify-full`.
  public var sslRootCertificate: String?

  /// True for a location svangre reads as PostgreSQL rather than a directory.
  public static func isPostgres(_ location: String) -> Bool { StoreLocation.isServer(location) }

  /// - Throws: `.invalidInput(field: "store", …)`: `password` when the location holds
  ///   one, `sslmode` for a mode svangre does not know, `format` for anything else.
  public init(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(StoreError)
  {
    guard Self.isPostgres(location), var parts = URLComponents(string: location) else {
      throw .invalidInput(field: "store", reason: "format")
    }
    if parts.scheme == "postgres" { parts.scheme = "postgresql" }
    guard parts.password == nil else { throw .invalidInput(field: "store", reason: "password") }
    var query: [String: String] = [:]
    for item in parts.queryItems ?? [] { query[item.name] = item.value ?? "" }
    if query["password"] != nil { throw .invalidInput(field: "store", reason: "password") }

    let host = query["host"] ?? parts.percentEncodedHost.flatMap { $0.removingPercentEncoding }
    let hostGiven = host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 }
    if let hostGiven, hostGiven.hasPrefix("/") {
      self.host = nil
      socketDirectory = hostGiven
    } else {
      self.host = hostGiven
      socketDirectory = "/var/run/postgresql"
    }
    let portText = query["port"] ?? parts.port.map(String.init) ?? environment["PGPORT"] ?? "5432"
    guard let port = Int(portText), (1...65535).contains(port) else {
      throw .invalidInput(field: "store", reason: "format")
    }
    self.port = port
    let user = query["user"] ?? parts.user?.removingPercentEncoding
    self.user = user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? Self.systemUser
    let path = String(parts.percentEncodedPath.drop { $0 == "/" }).removingPercentEncoding ?? ""
    database = query["dbname"] ?? (path.isEmpty ? environment["PGDATABASE"] ?? self.user : path)
    let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
    guard let sslMode = SSLMode(rawValue: mode) else { throw .invalidInput(field: "store", reason: "sslmode") }
    self.sslMode = sslMode
    sslRootCertificate = query["sslrootcert"] ?? environment["PGSSLROOTCERT"]
    if sslMode == .verifyFull, self.host == nil { throw .invalidInput(field: "store", reason: "sslmode") }
  }

  /// The Unix socket's path, for a location without a TCP host.
  public var socketPath: String { socketDirectory + "/.s.PGSQL.\(port)" }

  /// The location as messages show it: never a password (it has none), the socket's
  /// directory or the host, the port, the user and the database.
  public var description: String {
    let server = host ?? socketDirectory
    return "postgresql://\(user)@\(server):\(port)/\(database)"
  }

  static var systemUser: String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return String(geteuid())
  }
}

/// The password for a location, found as libpq finds it: `PGPASSWORD`, else the first
/// matching line of the password file (`PGPASSFILE`, else `~/.pgpass`), whose lines are
/// `host:port:database:user:password` with `*` for any value and `\:` and `\\` escaped.
/// The file is ignored unless only its owner may read it (mode 0600 or stricter), as
/// libpq ignores it. A Unix socket matches the host `localhost` or the socket's directory.
/// Nil when there is none: the server may not ask for one.
public enum PasswordFile {
  public static func password(
    for location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
    let home = environment["HOME"] ?? NSHomeDirectory()
    let path = environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
      let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return nil }
    let hosts = location.host.map { [$0] } ?? ["localhost", location.socketDirectory]
    let wanted = [hosts, [String(location.port)], [location.database], [location.user]]
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
      let fields = split(String(line))
      guard fields.count == 5 else { continue }
      let matches = zip(fields.prefix(4), wanted).allSatisfy { field, accepted in
        field == "*" || accepted.contains(field)
      }
      if matches { return fields[4] }
    }
    return nil
  }

  /// A password file line's fields, with `\:` and `\\` unescaped.
  static func split(_ line: String) -> [String] {
    var fields: [String] = [""]
    var escaped = false
    for character in line {
      if escaped {
        fields[fields.count - 1].append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" && fields.count < 5 {
        fields.append("")
      } else {
        fields[fields.count - 1].append(character)
      }
    }
    return fields
  }
}
