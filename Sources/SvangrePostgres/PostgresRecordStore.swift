import Foundation
import PostgresNIO
import SvangreResources
import SvangreRules
import SvangreStore

/// The PostgreSQL backend of `RecordStore`: the records of a clinic (or a region) on one
/// server, with the file store's guarantees (docs/store.md, "A clinic's shared store").
///
/// A record is its head (`svangre.records.head`, the record as created, never changed)
/// and its history (`svangre.history`, one row per entry, append-only in the database
/// itself: `PostgresSchema`); it is put back together and verified as a record file is
/// (`RecordParts.assemble`). The record's row also keeps what a list shows, brought up to
/// date by every save in the same transaction.
///
/// One save is one transaction. `append` takes the record's row lock (`SELECT … FOR
/// UPDATE`) before it reads the record, so saves to one record are serialized: an append
/// is saved on top of whatever a colleague saved a moment before, and only a change
/// decided on an older view (`basedOn`) is refused as stale, with the file store's words.
/// Not thread-safe: one instance per thread, as `FileRecordStore`.
public final class PostgresRecordStore: RecordStore {
  public let location: PostgresLocation
  public let ruleSets: [RuleSet]
  public private(set) var problems: [RecordProblem] = []
  /// The initials of the login role (`svangre.clinicians`), when it is a clinician's:
  /// every save and opening is in her name, and another `author` is refused
  /// (`.otherAuthor`) before the database would refuse it. Nil for a role that is not one
  /// of the clinicians' (the owner: IT moving or restoring records).
  public private(set) var signedInInitials: String?
  let clock: WallClock
  let session: PostgresSession
  /// The newest listing, for `search`.
  var listing: Listing?
  /// Counts the saves the server announced (LISTEN svangre_saves): `changeStamp`.
  let saves = SaveCounter()

  /// Connects to `location` as its user, with `password` (from `PasswordFile`), and
  /// checks that the database's schema is the one this build knows.
  ///
  /// - Throws: `.serverUnreachable` when the server does not answer, `.unusable` when it
  ///   refuses the login or the database, `.databaseSchema` before `svangre store upgrade`
  ///   (or for a newer schema).
  /// `askPassword` is asked when no password was given and the server wants one (the
  /// CLI and TUI prompt on the terminal: `PasswordPrompt`).
  public init(
    location: PostgresLocation, password: String?, askPassword: (() -> String?)? = nil, clock: WallClock,
    ruleSets: [RuleSet] = [.bundled]
  ) throws(StoreError) {
    self.location = location
    self.clock = clock
    self.ruleSets = ruleSets
    session = try PostgresSession(location, password: password, askPassword: askPassword)
    let version = try PostgresSchema.version(session)
    guard version == PostgresSchema.current else {
      throw .databaseSchema(server: location.description, found: version, expected: PostgresSchema.current)
    }
    signedInInitials = try Self.signedIn(session)
    let saves = self.saves
    try session.listen("svangre_saves") { saves.increment() }
  }

  /// The initials of the session's login role; `.notAClinician` for a role that has the
  /// clinicians' privileges but no row in `svangre.clinicians` (it could see nothing).
  static func signedIn(_ session: PostgresSession) throws(StoreError) -> String? {
    let rows = try session.rows(
      """
      SELECT svangre.current_initials() AS initials, session_user::text AS role,
        pg_has_role(session_user, 'svangre_clinician', 'USAGE') AND NOT r.rolsuper AS clinician
      FROM pg_roles r WHERE r.rolname = session_user
      """)
    guard let row = rows.first else { return nil }
    let initials = try session.decode(row, "initials", as: String?.self)
    if initials == nil, try session.decode(row, "clinician", as: Bool.self) {
      throw .notAClinician(server: session.location.description, role: try session.decode(row, "role", as: String.self))
    }
    return initials
  }

  /// Refuses `author` unless it is the signed-in clinician's (or none is signed in).
  func requireOwn(_ author: String) throws(StoreError) {
    if let signedInInitials, author != signedInInitials {
      throw .otherAuthor(given: author, signedIn: signedInInitials)
    }
  }

  /// `svangre store upgrade`: applies the pending schema migrations (`PostgresSchema`).
  /// `version` stops at an older one (tests of an upgrade).
  public static func upgrade(location: PostgresLocation, password: String?, to version: Int? = nil)
    throws(StoreError) -> (from: Int, to: Int)
  {
    let session = try PostgresSession(location, password: password)
    return try PostgresSchema.upgrade(session, to: version ?? PostgresSchema.current)
  }

  // MARK: Reading

  public func list() throws(StoreError) -> [RecordSummary] {
    try refresh()
    return listing?.summaries ?? []
  }

  public func search(_ query: String) throws(StoreError) -> [RecordSummary] {
    if listing == nil { try refresh() }
    return listing?.search(query) ?? []
  }

  public func refresh() throws(StoreError) {
    listing = try Listing(session)
    problems = []
  }

  public func load(_ id: String) throws(StoreError) -> PregnancyRecord {
    try read(id, locking: false)
  }

  public func changeStamp() -> [Int64] { [saves.value] }

  public func revision(of id: String) throws(StoreError) -> Int {
    guard RecordID.isWellFormed(id) else { throw .unknownRecord(id: id) }
    let rows = try session.rows(
      "SELECT revision FROM svangre.records WHERE id = \(id) AND quarantined_at IS NULL")
    guard let row = rows.first else { throw .unknownRecord(id: id) }
    return try session.decode(row, "revision", as: Int.self)
  }

  // MARK: Saving

  public func insert(_ make: (_ id: String, _ now: String) throws(StoreError) -> PregnancyRecord)
    throws(StoreError) -> PregnancyRecord
  {
    while true {
      let record = try make(RecordID.random(), Timestamp.iso(clock.now()))
      try requireOwn(record.createdBy)
      // A new id taken meanwhile (about one in 2^60) just means another id.
      if try session.transaction({ () throws(StoreError) in try write(record, new: true) }) { return record }
    }
  }

  public func append(
    _ id: String, basedOn: Int?, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> [HistoryEntry.Content]
  ) throws(StoreError) -> PregnancyRecord {
    try requireOwn(author)
    return try session.transaction { () throws(StoreError) in
      // The row lock: a colleague's save to this record waits until this one commits.
      let record = try read(id, locking: true)
      try record.checkRevision(basedOn)
      let saved = record.appending(try make(record), at: Timestamp.iso(clock.now()), author: author)
      _ = try write(saved, new: false, after: record.history.count)
      return saved
    }
  }

  /// Writes `record`'s entries after the first `after` and its summary; with `new`, its
  /// head too. False when a new record's id is taken.
  func write(_ record: PregnancyRecord, new: Bool, after: Int = 0) throws(StoreError) -> Bool {
    let change = record.lastChange
    if new {
      let inserted = try session.rows(
        """
        INSERT INTO svangre.records (id, head, revision, name, cpr, last_level, due_date, status,
          visitation_count, updated_at, updated_by, search_name)
        VALUES (\(record.id), \(try RecordParts.head(record)), \(record.revision), \(record.name), \(record.cpr),
          \(record.lastLevel), \(record.dueDate), \(record.status.rawValue), \(record.visitations.count),
          \(change.at), \(change.author), \(TextFolding.fold(record.name)))
        ON CONFLICT (id) DO NOTHING RETURNING id
        """)
      guard !inserted.isEmpty else { return false }
    }
    for entry in record.history.dropFirst(after) {
      try session.rows(
        "INSERT INTO svangre.history (record_id, seq, entry) VALUES (\(record.id), \(entry.seq), \(try RecordParts.entry(entry)))"
      )
    }
    if !new {
      try session.rows(
        """
        UPDATE svangre.records SET revision = \(record.revision), name = \(record.name), cpr = \(record.cpr),
          last_level = \(record.lastLevel), due_date = \(record.dueDate), status = \(record.status.rawValue),
          visitation_count = \(record.visitations.count), updated_at = \(change.at), updated_by = \(change.author),
          search_name = \(TextFolding.fold(record.name))
        WHERE id = \(record.id)
        """)
    }
    return true
  }

  /// The record from its rows, verified; with `locking`, its row stays locked until the
  /// transaction ends.
  func read(_ id: String, locking: Bool) throws(StoreError) -> PregnancyRecord {
    guard RecordID.isWellFormed(id) else { throw .unknownRecord(id: id) }
    let heads = try session.rows(
      locking
        ? "SELECT head FROM svangre.records WHERE id = \(id) AND quarantined_at IS NULL FOR UPDATE"
        : "SELECT head FROM svangre.records WHERE id = \(id) AND quarantined_at IS NULL")
    guard let headRow = heads.first else { throw .unknownRecord(id: id) }
    let head = try session.decode(headRow, "head", as: String.self)
    var entries: [String] = []
    for row in try session.rows("SELECT entry FROM svangre.history WHERE record_id = \(id) ORDER BY seq") {
      entries.append(try session.decode(row, "entry", as: String.self))
    }
    return try RecordParts.assemble(id: id, head: head, entries: entries, ruleSets: ruleSets).get()
  }

  // MARK: Who opened a record

  public func logAccess(_ ids: [String], by initials: String?, purpose: AccessPurpose) throws(StoreError) {
    if let initials { try requireOwn(initials) }
    let initials = initials ?? signedInInitials
    let at = Timestamp.iso(clock.now())
    try session.transaction { () throws(StoreError) in
      for id in ids {
        try session.rows(
          "INSERT INTO svangre.access_log (record_id, at, initials, purpose) VALUES (\(id), \(at), \(initials), \(purpose.rawValue))"
        )
      }
    }
  }

  public func accessLog(of id: String) throws(StoreError) -> [RecordAccess] {
    guard RecordID.isWellFormed(id) else { throw .unknownRecord(id: id) }
    var result: [RecordAccess] = []
    for row in try session.rows(
      "SELECT at, initials, db_user::text AS db_user, purpose FROM svangre.access_log WHERE record_id = \(id) ORDER BY id"
    ) {
      guard let purpose = AccessPurpose(rawValue: try session.decode(row, "purpose", as: String.self)) else { continue }
      result.append(
        RecordAccess(
          recordID: id, at: try session.decode(row, "at", as: String.self),
          initials: try session.decode(row, "initials", as: String?.self),
          user: try session.decode(row, "db_user", as: String.self), purpose: purpose))
    }
    return result
  }

  /// As they were, the role included (IT's, as the tables' owner: a clinician's role may
  /// log only her own openings).
  public func copyAccessLog(_ entries: [RecordAccess]) throws(StoreError) {
    try session.transaction { () throws(StoreError) in
      for entry in entries {
        try session.rows(
          """
          INSERT INTO svangre.access_log (record_id, at, initials, db_user, purpose)
          VALUES (\(entry.recordID), \(entry.at), \(entry.initials), \(entry.user), \(entry.purpose.rawValue))
          """)
      }
    }
  }

  // MARK: Maintenance

  public func check() throws(StoreError) -> CheckReport {
    var report = CheckReport()
    for row in try session.rows("SELECT id FROM svangre.records WHERE quarantined_at IS NULL ORDER BY id") {
      let id = try session.decode(row, "id", as: String.self)
      report.recordsChecked += 1
      do {
        _ = try load(id)
      } catch .damaged(_, let damage) {
        report.problems.append(RecordProblem(id: id, damage: damage))
      }
    }
    problems = report.problems
    return report
  }

  /// Sets a damaged record aside: its rows stay (history is append-only), marked
  /// quarantined, and no longer listed or opened.
  public func quarantine(_ id: String) throws(StoreError) -> String {
    do throws(StoreError) {
      _ = try load(id)
    } catch .damaged {
      try session.rows("UPDATE svangre.records SET quarantined_at = now() WHERE id = \(id)")
      listing = nil
      return location.description + " svangre.records " + id
    }
    throw .notDamaged(id: id)
  }

  public func export(ids: [String]?) throws(StoreError) -> Data {
    var records: [PregnancyRecord] = []
    let chosen: [String]
    if let ids {
      chosen = ids
    } else {
      let report = try check()
      if let problem = report.problems.first { throw problem.error }
      chosen = try session.rows("SELECT id FROM svangre.records WHERE quarantined_at IS NULL ORDER BY id").map {
        (row) throws(StoreError) in try session.decode(row, "id", as: String.self)
      }
    }
    for id in chosen { records.append(try load(id)) }
    return try RecordParts.exportDocument(records, at: Timestamp.iso(clock.now()))
  }

  public func importRecords(_ data: Data) throws(StoreError) -> ImportReport {
    let records = try RecordParts.importedRecords(data, ruleSets: ruleSets)
    var seen = Set<String>()
    for record in records where !seen.insert(record.id).inserted {
      throw .importRefused(id: record.id, reason: "duplicate")
    }
    return try session.transaction { () throws(StoreError) in
      var report = ImportReport()
      for record in records {
        do throws(StoreError) {
          let existing = try read(record.id, locking: true)
          guard existing == record else { throw StoreError.exists(id: record.id) }
          report.alreadyPresent.append(record.id)
        } catch .unknownRecord {
          guard try write(record, new: true) else { throw StoreError.exists(id: record.id) }
          report.imported.append(record.id)
        } catch .damaged {
          throw .exists(id: record.id)
        }
      }
      return report
    }
  }
}

/// A counter the event loop increments and the store's thread reads.
final class SaveCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count: Int64 = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int64 { lock.withLock { count } }
}
