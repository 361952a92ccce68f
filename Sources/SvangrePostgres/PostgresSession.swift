import Foundation
import Logging
import NIOSSL
import PostgresNIO
import SvangreStore

/// One connection to the server, used synchronously: the store's calls are synchronous
/// (`RecordStore`), so each statement is sent on PostgresNIO's event loop and waited for
/// on the caller's thread. Every failure becomes a `StoreError`: the server not answering
/// or the connection lost is `.serverUnreachable` (exit 3), anything else the server
/// refuses is `.unusable` with its words. Nothing is logged: PostgresNIO gets a logger
/// that drops everything, so no statement, value or password can reach a log.
///
/// A lost connection (the server restarted, failed over, or the network dropped) fails
/// what was being done — a transaction under way is gone, rolled back by the server, and
/// never continued on another connection — and the next statement outside a transaction
/// connects again, listening as before (`listen`): a TUI left open carries on once the
/// server is back, and a CLI command fails with exit 3.
final class PostgresSession {
  let location: PostgresLocation
  private(set) var connection: PostgresConnection
  private let configuration: PostgresConnection.Configuration
  /// The connection failed: the next statement outside a transaction connects again.
  private var lost = false
  private var inTransaction = false
  private var listeners: [(channel: String, handler: @Sendable () -> Void)] = []
  static let logger = Logger(label: "svangre.postgres") { _ in SwiftLogNoOpLogHandler() }

  /// Connects as `location`'s user with `password`; when none was given and the server
  /// asks for one, with what `askPassword` returns (a prompt on the terminal), if anything.
  init(_ location: PostgresLocation, password: String?, askPassword: (() -> String?)? = nil) throws(StoreError) {
    self.location = location
    var configuration = try Self.configuration(location, password: password)
    do {
      connection = try Self.connect(configuration, location)
    } catch .passwordNeeded where password == nil {
      guard let typed = askPassword?() else { throw .passwordNeeded(server: location.description) }
      configuration = try Self.configuration(location, password: typed)
      connection = try Self.connect(configuration, location)
    }
    self.configuration = configuration
  }

  static func configuration(_ location: PostgresLocation, password: String?) throws(StoreError)
    -> PostgresConnection.Configuration
  {
    var configuration: PostgresConnection.Configuration
    if let host = location.host {
      configuration = .init(
        host: host, port: location.port, username: location.user, password: password,
        database: location.database, tls: try Self.tls(location))
    } else {
      configuration = .init(
        unixSocketPath: location.socketPath, username: location.user, password: password,
        database: location.database)
    }
    configuration.options.connectTimeout = .seconds(10)
    return configuration
  }

  static func connect(_ configuration: PostgresConnection.Configuration, _ location: PostgresLocation)
    throws(StoreError) -> PostgresConnection
  {
    let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    do {
      return try PostgresConnection.connect(
        on: eventLoop, configuration: configuration, id: 1, logger: Self.logger
      ).wait()
    } catch {
      throw Self.storeError(error, location)
    }
  }

  /// Calls `handler` (on the event loop) for every notification on `channel`, on this
  /// connection and every later one; each new connection calls it once, as the server
  /// may have changed while it was gone.
  func listen(_ channel: String, _ handler: @escaping @Sendable () -> Void) throws(StoreError) {
    listeners.append((channel, handler))
    try subscribe(channel, handler)
  }

  private func subscribe(_ channel: String, _ handler: @escaping @Sendable () -> Void) throws(StoreError) {
    connection.addListener(channel: channel) { _, _ in handler() }
    try execute("LISTEN \(channel)")
  }

  private func reconnect() throws(StoreError) {
    try? connection.close().wait()
    connection = try Self.connect(configuration, location)
    lost = false
    for listener in listeners {
      try subscribe(listener.channel, listener.handler)
      listener.handler()
    }
  }

  /// TLS as libpq's `sslmode` asks for it on a TCP connection.
  static func tls(_ location: PostgresLocation) throws(StoreError) -> PostgresConnection.Configuration.TLS {
    var settings = TLSConfiguration.makeClientConfiguration()
    switch location.sslMode {
    case .disable: return .disable
    case .prefer, .require: settings.certificateVerification = .none
    case .verifyFull:
      settings.certificateVerification = .fullVerification
      if let file = location.sslRootCertificate { settings.trustRoots = .file(file) }
    }
    do {
      let context = try NIOSSLContext(configuration: settings)
      return location.sslMode == .prefer ? .prefer(context) : .require(context)
    } catch {
      throw .unusable(path: location.description, reason: "TLS: \(error)")
    }
  }

  deinit { try? connection.close().wait() }

  /// The rows of one statement; `query`'s values are sent as parameters, never spliced
  /// into the SQL.
  @discardableResult
  func rows(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
    try send { connection in Array(try connection.query(query, logger: Self.logger).wait()) }
  }

  /// The rows of one statement handed to `body` one by one as they arrive, on
  /// PostgresNIO's event loop while the server is still sending the rest (so that what
  /// `body` does overlaps with the server's work); returns when the last has been handed
  /// over. A `StoreError` that `body` throws ends the statement and is thrown here.
  func forEachRow(_ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRow) throws -> Void)
    throws(StoreError)
  {
    try send { connection in _ = try connection.query(query, logger: Self.logger, body).wait() }
  }

  /// `body` on the connection, connecting again first when it was lost outside a
  /// transaction; its failure as a `StoreError`.
  private func send<T>(_ body: (PostgresConnection) throws -> T) throws(StoreError) -> T {
    if lost || connection.isClosed {
      // Within a transaction the server has rolled it back: fail it, never carry on
      // with its remaining statements on a new connection.
      guard !inTransaction else { throw .serverUnreachable(server: location.description, reason: "connection lost") }
      try reconnect()
    }
    do {
      return try body(connection)
    } catch let error as StoreError {
      throw error
    } catch {
      let failure = Self.storeError(error, location)
      if case .serverUnreachable = failure { lost = true }
      throw failure
    }
  }

  /// Statements without parameters (the schema, `BEGIN`, `COMMIT`).
  func execute(_ sql: String) throws(StoreError) {
    try rows(PostgresQuery(unsafeSQL: sql))
  }

  /// `body` in one transaction: committed when it returns, rolled back when it throws. A
  /// connection lost before the commit's answer fails it (exit 3): the save is then
  /// either wholly there or not at all, and was not acknowledged.
  func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    try execute("BEGIN")
    inTransaction = true
    defer { inTransaction = false }
    let result: T
    do {
      result = try body()
    } catch {
      if !lost { try? execute("ROLLBACK") }
      throw error
    }
    try execute("COMMIT")
    return result
  }

  /// A column's value; a value of another type than the schema's is a damaged database.
  func decode<T: PostgresDecodable>(_ row: PostgresRow, _ column: String, as type: T.Type) throws(StoreError) -> T {
    do {
      return try row.makeRandomAccess()[column].decode(T.self)
    } catch {
      throw .unusable(path: location.description, reason: "column \(column)")
    }
  }

  static func storeError(_ error: any Error, _ location: PostgresLocation) -> StoreError {
    // A TLS handshake the client refused: the server answered, with a certificate that is
    // not the clinic's (or not for this host name). Never BoringSSL's dump (it holds a
    // build path).
    let cause = (error as? PSQLError)?.underlying ?? error
    if cause is NIOSSLError || cause is BoringSSLError {
      return .certificateRefused(server: location.description)
    }
    guard let error = error as? PSQLError else {
      return .serverUnreachable(server: location.description, reason: describe(error))
    }
    switch error.code {
    case .server:
      let message = error.serverInfo?[.message] ?? "?"
      // Class 08 (connection exception) and the server shutting down, crashed or not yet
      // accepting connections (57P01–57P03): it does not answer, as a refused connection.
      let state = error.serverInfo?[.sqlState] ?? ""
      if state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) {
        return .serverUnreachable(server: location.description, reason: message)
      }
      return .unusable(path: location.description, reason: message)
    case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
      return .serverUnreachable(server: location.description, reason: error.underlying.map(describe) ?? "closed")
    case .authMechanismRequiresPassword:
      return .passwordNeeded(server: location.description)
    case .sslUnsupported:
      return .unusable(path: location.description, reason: "the server offers no TLS, which sslmode requires")
    default:
      return .unusable(path: location.description, reason: error.code.description)
    }
  }

  /// An operating system error as `strerror` words it ("Connection refused"), the first
  /// of a failed connection's attempts, or another error by its description.
  static func describe(_ error: any Error) -> String {
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
    if let error = error as? NIOConnectionError {
      if let attempt = error.connectionErrors.first { return describe(attempt.error) }
      if let lookup = error.dnsAError ?? error.dnsAAAAError { return describe(lookup) }
    }
    if let error = error as? PSQLError, let underlying = error.underlying { return describe(underlying) }
    return String(describing: error)
  }
}
