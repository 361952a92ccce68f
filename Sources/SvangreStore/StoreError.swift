import Foundation
import Glibc

/// What can be wrong with one record file. None of the cases carries record content, so
/// a CPR number can never reach a message through them.
public enum RecordDamage: String, Sendable, Equatable, Codable {
  /// Empty, or JSON that stops part-way (an interrupted copy, a full disk).
  case truncated
  /// Not JSON at all.
  case garbage
  /// JSON, but not a svangre record, or a record whose parts do not fit together.
  case invalid
  /// Written by a newer svangre: this build must not guess at it.
  case newerSchema = "newer_schema"
  /// The file exists but this user may not read it.
  case unreadable
  /// Not a regular file (a symbolic link, FIFO, device, socket or directory): never opened.
  case notAFile = "not_a_file"
  /// Owned by another user: svangre did not make it, so it is not read as a record.
  case foreignOwner = "foreign_owner"
  /// Writable by the group or by everyone: someone else could have changed it.
  case writableByOthers = "writable_by_others"
  /// Larger than any record svangre writes (`StoreDirectory.recordLimit`).
  case tooLarge = "too_large"
  /// A visitation was assessed under a rule set this svangre was not given (a region's
  /// own, `--rules`): its input cannot be checked, so the record is not trusted.
  case unknownRuleSet = "unknown_rule_set"
}

/// Why the store refused or failed. Each case knows its exit status, a stable code and a
/// catalogue key (`Resources/strings/store.*.json`) with its arguments, so the CLI and
/// the TUI word it the same way in Danish and English.
public enum StoreError: Error, Sendable, Equatable {
  /// No record with this id.
  case unknownRecord(id: String)
  /// An argument was refused: `field` names it, `reason` is a catalogue suffix.
  case invalidInput(field: String, reason: String)
  /// `quarantine` was asked to set aside a record that reads back whole.
  case notDamaged(id: String)
  /// The record changed since the caller read it: nothing was saved.
  case staleCopy(id: String, changedBy: String, at: String)
  /// Another process held the store lock past the wait: who (user and pid, as the
  /// kernel says) and since when (as the holder wrote it); nil when unknown.
  case locked(holder: String?, since: String?)
  /// A record file cannot be used.
  case damaged(id: String, damage: RecordDamage)
  /// The record is closed: no more visitations or births.
  case closed(id: String)
  /// An import would overwrite this record with different content.
  case exists(id: String)
  /// The store directory cannot be created, opened or written.
  case unusable(path: String, reason: String)
  /// The store directory, `quarantine/`, `store.lock` or a temp file is not what svangre
  /// made (a link, a FIFO, another user's, writable by others): refused, never followed.
  case untrustedFile(path: String, problem: FileProblem)
  /// The store directory is on a network file system, where locks and fsync are not
  /// reliable.
  case networkFileSystem(path: String)
  /// An import document was refused before anything was written; `reason` is a catalogue
  /// suffix (`not_export`, `newer_schema`, `invalid_record`, `duplicate`).
  case importRefused(id: String?, reason: String)
  /// The database server (a `postgresql://` store) does not answer, or the connection
  /// was lost: `server` names it without a password (it never holds one).
  case serverUnreachable(server: String, reason: String)
  /// The database's schema is not the version this build uses: older (`svangre store
  /// upgrade` brings it up) or newer (this svangre is too old for it).
  case databaseSchema(server: String, found: Int, expected: Int)
  /// A clinician signed in to a shared server saves (or opens a record) only under the
  /// initials her login role has there (`svangre.clinicians`): `given` names someone else.
  case otherAuthor(given: String, signedIn: String)
  /// The login role is one of the clinicians' but has no initials and clinic on the server
  /// yet: the clinic's IT adds her to `svangre.clinicians`.
  case notAClinician(server: String, role: String)
  /// The server asks for a password and none was given (no `PGPASSWORD`, nothing in the
  /// password file, no terminal to ask on).
  case passwordNeeded(server: String)
  /// TLS with `verify-full`: the server's certificate is not from the certificate authority
  /// given, or not for the host name.
  case certificateRefused(server: String)
  /// A `postgresql://` store, and `svangre` links no PostgreSQL client: the program that
  /// does, `svangre-postgres` beside it (`path`), is missing or cannot be started.
  case serverProgramMissing(path: String)
  /// An unexpected system error; `operation` says what was being done.
  case system(operation: String, errno: Int32)

  /// 2 refused input, 3 store unusable, 1 internal failure (the contract's exit codes).
  public var exitCode: Int32 {
    switch self {
    case .unknownRecord, .invalidInput, .notDamaged, .staleCopy, .closed, .exists, .importRefused, .otherAuthor: 2
    case .locked, .damaged, .unusable, .networkFileSystem, .untrustedFile, .serverUnreachable, .databaseSchema,
      .notAClinician, .passwordNeeded, .certificateRefused, .serverProgramMissing:
      3
    case .system: 1
    }
  }

  /// A stable machine-readable code.
  public var code: String {
    switch self {
    case .unknownRecord: "unknown_record"
    case .invalidInput, .notDamaged: "invalid_input"
    case .staleCopy: "stale_copy"
    case .locked: "store_locked"
    case .damaged(_, let damage): "damaged_record." + damage.rawValue
    case .closed: "record_closed"
    case .exists: "record_exists"
    case .unusable: "store_unusable"
    case .networkFileSystem: "network_file_system"
    case .untrustedFile(_, let problem): "untrusted_file." + problem.rawValue
    case .importRefused: "import_refused"
    case .serverUnreachable: "server_unreachable"
    case .databaseSchema(_, let found, let expected): found < expected ? "schema_outdated" : "schema_newer"
    case .otherAuthor: "other_author"
    case .notAClinician: "not_a_clinician"
    case .passwordNeeded: "password_needed"
    case .certificateRefused: "certificate_refused"
    case .serverProgramMissing: "server_program_missing"
    case .system: "internal"
    }
  }

  /// The catalogue key of the message.
  public var messageKey: String {
    switch self {
    case .invalidInput(let field, let reason): "store.error.invalid.\(field).\(reason)"
    case .notDamaged: "store.error.invalid.id.not_damaged"
    case .damaged(_, let damage): "store.error.damaged.\(damage.rawValue)"
    case .importRefused(_, let reason): "store.error.import_refused.\(reason)"
    case .untrustedFile(_, let problem): "store.error.untrusted.\(problem.rawValue)"
    case .locked(nil, _): "store.error.store_locked.unknown"
    case .locked(_, nil): "store.error.store_locked.no_time"
    default: "store.error." + code
    }
  }

  /// The arguments of the message: ids, initials, times and paths, never a CPR number.
  public var messageArguments: [String: String] {
    switch self {
    case .unknownRecord(let id), .closed(let id), .exists(let id), .notDamaged(let id): ["id": RecordID.forMessage(id)]
    case .damaged(let id, _): ["id": RecordID.forMessage(id)]
    case .importRefused(let id, _): ["id": id.map(RecordID.forMessage) ?? "?"]
    case .invalidInput(let field, _): ["field": field]
    case .staleCopy(let id, let author, let at):
      ["id": RecordID.forMessage(id), "author": author, "time": Timestamp.minutes(at)]
    case .locked(let holder, let since): ["holder": holder ?? "?", "since": since ?? "?"]
    case .unusable(let path, let reason): ["path": path, "reason": reason]
    case .networkFileSystem(let path), .serverProgramMissing(let path): ["path": path]
    case .serverUnreachable(let server, let reason): ["server": server, "reason": reason]
    case .databaseSchema(let server, let found, let expected):
      ["server": server, "found": String(found), "expected": String(expected)]
    case .otherAuthor(let given, let signedIn): ["given": given, "initials": signedIn]
    case .notAClinician(let server, let role): ["server": server, "role": role]
    case .passwordNeeded(let server), .certificateRefused(let server): ["server": server]
    case .untrustedFile(let path, _): ["path": path, "user": StoreError.userName]
    case .system(let operation, let errno): ["operation": operation, "reason": StoreError.describe(errno)]
    }
  }

  static func describe(_ errno: Int32) -> String { String(cString: strerror(errno)) }

  /// The name of the user running svangre (for `chown` in a message).
  static var userName: String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return String(geteuid())
  }
}
