import Foundation
import Glibc
import SvangreRules

/// What a list shows of one record, read from the summary index without opening it.
public struct RecordSummary: Sendable, Equatable, Identifiable {
  public var id: String
  /// The current name (after corrections).
  public var name: String
  /// `DDMMYY-XXXX`: a list never shows the whole CPR number.
  public var maskedCPR: String
  public var revision: Int
  /// The final level of the newest visitation, nil before the first.
  public var lastLevel: Int?
  /// `YYYY-MM-DD`, when known.
  public var dueDate: String?
  public var status: RecordStatus
  public var visitationCount: Int
  /// When and by whom the record last changed.
  public var updatedAt: String
  public var updatedBy: String
}

/// A record file that cannot be used, as found by opening, listing or checking the store.
public struct RecordProblem: Sendable, Equatable {
  /// The record id (the file name without `.json`).
  public var id: String
  public var damage: RecordDamage
  public var error: StoreError { .damaged(id: id, damage: damage) }
}

/// The JSON record store: one file per pregnancy record in one directory.
///
/// Guarantees (docs/store.md): a save is durable before it returns; a reader sees a
/// record before or after a save, never a mix; a save from a stale copy is refused, never
/// applied; nothing is deleted by normal use; a damaged file is named and the rest of the
/// store keeps working. Not thread-safe: use one instance per thread (two instances, in
/// one process or two, coordinate through the store lock).
public final class RecordStore {
  /// The store directory.
  public let directory: String
  /// How long a save waits for another process's save before giving up.
  public let lockTimeout: Double
  /// The audit clock: every entry is stamped with its `now()`.
  private let clock: WallClock
  /// The store directory, opened once; every file in it is opened through this.
  private let files: StoreDirectory
  private var known: [String: IndexEntry] = [:]
  private var indexLines = 0
  private var refreshed = false
  private var sortedCache: [IndexEntry]?
  private var summaryCache: [RecordSummary]?
  private var searchCache: SearchHaystack?
  /// Damaged records found by the newest `list()`/`refresh()`.
  public private(set) var problems: [RecordProblem] = []

  /// Opens the store at `directory`, creating it (mode 0700, and any missing parent 0700)
  /// if needed. `clock` stamps every entry it saves (the audit time; the clinical date is
  /// in the entry itself).
  ///
  /// - Throws: `.unusable` when it cannot be created or opened, `.untrustedFile` when it
  ///   belongs to another user or others may write to it, `.networkFileSystem` on NFS or
  ///   SMB, where locking and fsync do not give the guarantees above.
  public init(directory: String, lockTimeout: Double = 3, clock: WallClock)
    throws(StoreError)
  {
    self.directory = directory
    self.lockTimeout = lockTimeout
    self.clock = clock
    files = try StoreDirectory.open(path: directory)
    if let type = FileIO.fileSystemType(of: directory), RecordStore.isNetworkFileSystem(type) {
      throw .networkFileSystem(path: directory)
    }
  }

  /// NFS and SMB/CIFS: flock is emulated with byte-range locks or mandatory there, and
  /// fsync semantics depend on the server.
  static func isNetworkFileSystem(_ type: String) -> Bool {
    ["nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ceph", "9p", "fuse.sshfs"].contains(type)
  }

  // MARK: Reading

  /// Every readable record, sorted by name, re-read from disk (cheaply: see `StoreIndex`).
  /// Damaged files are left out and reported in `problems`.
  public func list() throws(StoreError) -> [RecordSummary] {
    try refresh()
    return summaries()
  }

  /// Records whose name contains `query` (ignoring case and accents: "ørn" and "orn"
  /// find "Ørnsholt"), or, when the query has a digit, whose CPR number starts with it
  /// (`0101`, `010190-12`). Searches the newest listing: call `list()` to see other
  /// terminals' changes.
  public func search(_ query: String) throws(StoreError) -> [RecordSummary] {
    if !refreshed { try refresh() }
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    let entries = sorted()
    let all = summaries()
    guard !trimmed.isEmpty else { return all }
    let haystack = searchCache ?? SearchHaystack(entries)
    let isCPR = trimmed.contains(where: \.isNumber)
    let needle: [UInt8]
    if isCPR {
      needle =
        [0x0A]
        + trimmed.utf8.filter { $0 != UInt8(ascii: "-") && $0 != 0x20 }.map {
          ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0
        }
    } else {
      needle = Array(TextFolding.fold(trimmed).utf8)
    }
    return haystack.matches(needle, inCPR: isCPR).map { all[$0] }
  }

  /// The whole record.
  ///
  /// - Throws: `.unknownRecord`, or `.damaged` naming the record when its file is
  ///   truncated, garbage, from a newer schema or unreadable.
  public func load(_ id: String) throws(StoreError) -> PregnancyRecord {
    try read(id).record
  }

  /// Changes whenever a save, in this process or another, may have changed the store:
  /// the directory's modification time (a save renames a file into it) and the index's
  /// identity (a save appends a line). Two `stat` calls, so a screen can poll it to show
  /// what another terminal or the CLI saved.
  public func changeStamp() -> [Int64] {
    var stamp: [Int64] = []
    var info = stat()
    if fstat(files.fd, &info) == 0 { stamp += [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)] }
    if let index = files.identity(of: StoreIndex.fileName) {
      stamp += [Int64(bitPattern: index.inode), index.size, index.mtime]
    }
    return stamp
  }

  /// Re-reads the directory and the index: new, changed and removed records, and problems.
  public func refresh() throws(StoreError) {
    let listing = try FileIO.listRecordFiles(files)
    var newLines: [IndexEntry] = []
    var found: [RecordProblem] = []
    var indexEntries: [String: IndexEntry]? = nil
    // Records learnt from the index change the list too: an empty store that another
    // process has saved into since the last refresh finds the new record here.
    var learntFromIndex = false
    if known.isEmpty {
      // A new instance starts from the index: then, usually, every file matches a line.
      let index = StoreIndex.read(directory: files)
      indexLines = index.lines
      known = index.entries
      indexEntries = [:]
      learntFromIndex = !known.isEmpty
    }
    var stale: [(id: String, file: FileIdentity?)] = []
    // A file without a trusted identity is always read again, so that it is reported.
    for item in listing where item.file == nil || known[item.id]?.file != item.file { stale.append(item) }
    let changed = !stale.isEmpty || listing.count != known.count || !refreshed || learntFromIndex
    if listing.count - stale.count != known.count {
      // Records gone from the directory (quarantined, or lines for files never renamed in).
      var present = Set<String>(minimumCapacity: listing.count)
      for item in listing { present.insert(item.id) }
      known = known.filter { present.contains($0.key) }
    }
    for (id, file) in stale {
      if indexEntries == nil {
        // Another process saved since: its lines are in the index.
        let index = StoreIndex.read(directory: files)
        indexLines = index.lines
        indexEntries = index.entries
      }
      if let entry = indexEntries?[id], entry.file == file {
        known[id] = entry
        continue
      }
      switch readFile(id) {
      case .success(let (record, file)):
        let entry = IndexEntry(record: record, file: file)
        known[id] = entry
        newLines.append(entry)
      case .failure(.damaged(_, let damage)):
        known[id] = nil
        found.append(RecordProblem(id: id, damage: damage))
      case .failure(.unknownRecord):
        known[id] = nil  // renamed away between readdir and open
      case .failure(let error):
        throw error
      }
    }
    if changed {
      invalidateCaches()
    }
    problems = found.sorted { $0.id < $1.id }
    refreshed = true
    // Teach the index what was learnt, if no one is saving right now; a busy store just
    // means the next opener re-reads the same files.
    let compact = indexLines > 2 * known.count + 1_000
    if !newLines.isEmpty || compact, let lock = StoreLock.tryAcquire(directory: files, now: clock.now()) {
      defer { lock.release() }
      if compact {
        if (try? StoreIndex.rewrite(directory: files, Array(known.values))) != nil { indexLines = known.count }
      } else {
        StoreIndex.append(directory: files, newLines)
        indexLines += newLines.count
      }
    }
  }

  /// The summaries in list order, made once per change: a search returns some of them.
  private func summaries() -> [RecordSummary] {
    if let summaryCache { return summaryCache }
    let entries = sorted()
    let result = entries.map(\.summary)
    summaryCache = result
    // Built here rather than on the first search, so that every search stays within a
    // few milliseconds (the build takes ~25 ms at 100,000 records).
    if searchCache == nil { searchCache = SearchHaystack(entries) }
    return result
  }

  private func sorted() -> [IndexEntry] {
    if let sortedCache { return sortedCache }
    let result = SortKeys(Array(known.values)).sorted()
    sortedCache = result
    return result
  }

  // MARK: Writing

  /// Creates a record and returns it (revision 1, empty history).
  ///
  /// - Throws: `.invalidInput` for a missing or invalid name, CPR number, author,
  ///   parity or due date.
  public func createRecord(
    name: String, cpr: String, author: String, parity: String? = nil, dueDate: String? = nil
  ) throws(StoreError) -> PregnancyRecord {
    let name = try Validation.name(name)
    let cpr = try Validation.cpr(cpr)
    let author = try Validation.author(author)
    let parity = try parity.map { (value) throws(StoreError) in try Validation.parity(value) }
    let dueDate = try dueDate.map { (value) throws(StoreError) in try Validation.date(value, field: "due_date") }
    return try withLock { () throws(StoreError) in
      var id = RecordID.random()
      while fileExists(id) { id = RecordID.random() }
      let record = PregnancyRecord(
        format: PregnancyRecord.format, schemaVersion: PregnancyRecord.schemaVersion, id: id,
        revision: 1, createdAt: Timestamp.iso(clock.now()), createdBy: author,
        woman: .init(name: name, cpr: cpr), pregnancy: .init(parity: parity, dueDate: dueDate),
        history: [])
      try save(record)
      return record
    }
  }

  /// Appends a visitation. `expectedRevision` is the revision the caller read: if the
  /// record has changed since, nothing is saved and `.staleCopy` says who changed it and when.
  public func appendVisitation(
    _ id: String, expectedRevision: Int, visitation: Visitation, author: String
  ) throws(StoreError) -> PregnancyRecord {
    _ = try Validation.level(visitation.level)
    _ = try Validation.level(visitation.suggestedLevel, field: "suggested_level")
    // Kept as given (it is also inside the verbatim input), but held to the same limit as
    // every other free text.
    if let reason = visitation.overrideReason { _ = try Validation.text(reason, field: "override_reason") }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      return .visitation(visitation)
    }
  }

  /// Appends a note.
  public func addNote(_ id: String, expectedRevision: Int, text: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let text = try Validation.text(text, field: "text")
    return try append(id, expectedRevision: expectedRevision, author: author) { _ in .note(Note(text: text)) }
  }

  /// Corrects a field by appending an amendment that keeps the old value: `name`, `cpr`,
  /// `due_date`, `parity`, a field of the recorded birth (`birth.date`, `birth.place`,
  /// `birth.discharge_hours`, `birth.traumatic`, `birth.child_loss`), or, with `target`
  /// (an entry's `seq`), a note's text or a visitation's final level. `value` is the new
  /// value as typed (`true`/`false` for the birth's flags).
  ///
  /// A birth correction needs a recorded birth (`birth.missing`), and a hospital birth
  /// keeps its discharge hours (`birth.discharge_hours.missing`). Whether a corrected
  /// birth date lies in the future is for the caller to check, as for `recordBirth`: the
  /// store does not know the clinician's "today".
  public func amend(
    _ id: String, expectedRevision: Int, field: AmendableField, target: Int? = nil, value: String,
    reason: String, author: String
  ) throws(StoreError) -> PregnancyRecord {
    let reason = try Validation.text(reason, field: "reason")
    let new: JSONValue
    switch field {
    case .name: new = .string(try Validation.name(value))
    case .cpr: new = .string(try Validation.cpr(value))
    case .dueDate: new = .string(try Validation.date(value, field: "due_date"))
    case .parity: new = .string(try Validation.parity(value))
    case .note: new = .string(try Validation.text(value, field: "text"))
    case .level:
      guard let level = Int(value.trimmingCharacters(in: .whitespaces)) else {
        throw .invalidInput(field: "level", reason: "format")
      }
      new = .number(Double(try Validation.level(level)))
    case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
      new = try Validation.birthValue(value, field: field)
    }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      let old: JSONValue
      switch field {
      case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
        guard let birth = record.birth?.birth else { throw .invalidInput(field: "birth", reason: "missing") }
        old = Self.value(of: field, in: birth)
        if field == .birthPlace, new == .string("hospital"), birth.dischargeHours == nil {
          throw .invalidInput(field: "birth.discharge_hours", reason: "missing")
        }
      case .name: old = .string(record.name)
      case .cpr: old = .string(record.cpr)
      case .dueDate: old = record.dueDate.map(JSONValue.string) ?? .null
      case .parity: old = record.parity.map(JSONValue.string) ?? .null
      case .note:
        guard let note = record.notes.first(where: { $0.seq == target }) else {
          throw .invalidInput(field: "target", reason: "not_note")
        }
        old = .string(note.text)
      case .level:
        guard let visit = record.visitations.first(where: { $0.seq == target }) else {
          throw .invalidInput(field: "target", reason: "not_visitation")
        }
        old = .number(Double(visit.level))
      }
      guard old != new else { throw .invalidInput(field: "value", reason: "unchanged") }
      return .amendment(
        Amendment(field: field, target: field.needsTarget ? target : nil, old: old, new: new, reason: reason))
    }
  }

  /// A birth field's value as an amendment stores it.
  static func value(of field: AmendableField, in birth: BirthEvent) -> JSONValue {
    switch field {
    case .birthDate: .string(birth.date)
    case .birthPlace: .string(birth.place)
    case .birthDischargeHours: birth.dischargeHours.map(JSONValue.number) ?? .null
    case .birthTraumatic: .bool(birth.traumatic)
    case .birthChildLoss: .bool(birth.childLoss)
    default: .null
    }
  }

  /// Records the birth (once; correct it with `amend` and a `birth.*` field).
  public func recordBirth(_ id: String, expectedRevision: Int, birth: BirthEvent, author: String)
    throws(StoreError) -> PregnancyRecord
  {
    var birth = birth
    birth.date = try Validation.date(birth.date, field: "date")
    guard birth.place == "home" || birth.place == "hospital" else {
      throw .invalidInput(field: "place", reason: "format")
    }
    if let hours = birth.dischargeHours, !(0...1344).contains(hours) {
      throw .invalidInput(field: "discharge_hours", reason: "format")
    }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      guard record.birth == nil else { throw .invalidInput(field: "birth", reason: "exists") }
      return .birth(birth)
    }
  }

  /// Closes the record. It stays in the store; notes and corrections remain possible.
  public func close(_ id: String, expectedRevision: Int, reason: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let reason = try Validation.text(reason, field: "reason")
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      return .closure(Closure(reason: reason))
    }
  }

  private func append(
    _ id: String, expectedRevision: Int, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> HistoryEntry.Content
  ) throws(StoreError) -> PregnancyRecord {
    let author = try Validation.author(author)
    return try withLock { () throws(StoreError) in
      var record = try read(id).record
      guard record.revision == expectedRevision else {
        let change = record.lastChange
        throw .staleCopy(id: id, changedBy: change.author, at: change.at)
      }
      let content = try make(record)
      record.history.append(
        HistoryEntry(seq: record.history.count + 1, at: Timestamp.iso(clock.now()), author: author, content: content))
      record.revision += 1
      try save(record)
      return record
    }
  }

  // MARK: Maintenance

  /// Moves a damaged record file into `quarantine/` (never deletes it) so that the store
  /// checks clean again. Refuses a record that reads back whole.
  /// - Returns: the file's new path.
  public func quarantine(_ id: String) throws(StoreError) -> String {
    try withLock { () throws(StoreError) in
      switch readFile(id) {
      case .success: throw .notDamaged(id: id)
      case .failure(.damaged): break
      case .failure(let error): throw error
      }
      let quarantine = try files.subdirectory("quarantine", create: true)
      let stamp = Timestamp.iso(clock.now()).filter { $0.isNumber }
      let name = "\(id).json.\(stamp)"
      guard renameat(files.fd, id + ".json", quarantine.fd, name) == 0 else {
        throw writeError("rename", errno)
      }
      fsync(quarantine.fd)
      fsync(files.fd)
      let target = "quarantine/" + name
      return (directory as NSString).appendingPathComponent(target)
    }
  }

  /// Reads every record file in full, checks permissions, removes the temp files of
  /// interrupted saves and rebuilds the summary index. Never changes a record.
  public func check() throws(StoreError) -> CheckReport {
    var report = CheckReport()
    var info = stat()
    var lock: StoreLock?
    do {
      lock = try StoreLock.acquire(directory: files, timeout: 0, now: clock.now())
    } catch .untrustedFile(_, let problem) {
      report.untrustedFiles.append(UntrustedFile(name: StoreLock.fileName, problem: problem))
    } catch {
      lock = nil  // held by a writer: check the records all the same
    }
    defer { lock?.release() }
    if let problem = files.problem(of: StoreIndex.fileName) {
      // Only a cache: the rewrite below renames a real index over it (never following it).
      report.untrustedFiles.append(UntrustedFile(name: StoreIndex.fileName, problem: problem))
    }
    var entries: [IndexEntry] = []
    for (name, _) in try FileIO.listDirectory(files.fd).sorted(by: { $0.name < $1.name }) {
      if name.hasPrefix("."), name.hasSuffix(".tmp") {
        // Only the lock holder writes temp files, so with the lock any left is from a
        // save that died before it was acknowledged.
        if lock != nil, unlinkat(files.fd, name, 0) == 0 { report.removedTempFiles += 1 }
        continue
      }
      guard name.hasSuffix(".json"), !name.hasPrefix(".") else { continue }
      let id = String(name.dropLast(5))
      if fstatat(files.fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, StoreDirectory.problem(info) == nil,
        info.st_mode & 0o777 != 0o600
      {
        report.loosePermissions.append(id)
      }
      report.recordsChecked += 1
      switch readFile(id) {
      case .success(let (record, file)): entries.append(IndexEntry(record: record, file: file))
      case .failure(.damaged(_, let damage)): report.problems.append(RecordProblem(id: id, damage: damage))
      case .failure(.unknownRecord): report.recordsChecked -= 1
      case .failure(let error): throw error
      }
    }
    if lock != nil {
      try? StoreIndex.rewrite(directory: files, entries)
      indexLines = entries.count
    }
    known = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { _, new in new })
    problems = report.problems
    invalidateCaches()
    refreshed = true
    return report
  }

  // MARK: Export and import

  /// One JSON document with the given records (all when `ids` is nil), each exactly as
  /// stored. Refuses when any of them is damaged: an export must be complete.
  public func export(ids: [String]? = nil) throws(StoreError) -> Data {
    var records: [PregnancyRecord] = []
    if let ids {
      for id in ids { records.append(try read(id).record) }
    } else {
      try refresh()
      if let problem = problems.first { throw problem.error }
      for entry in known.values.sorted(by: { $0.id < $1.id }) {
        do {
          records.append(try read(entry.id).record)
        } catch .unknownRecord {
          continue
        }
      }
    }
    let document = ExportDocument(
      format: ExportDocument.format, schemaVersion: PregnancyRecord.schemaVersion,
      exportedAt: Timestamp.iso(clock.now()), records: records)
    do {
      return try RecordCodec.encoder.encode(document) + Data("\n".utf8)
    } catch {
      throw .system(operation: "encode", errno: 0)
    }
  }

  /// Imports an export document (or a single record file). Every record is verified
  /// first; nothing is written unless all are whole. A record already present with the
  /// same content is skipped; one present with different content refuses the import.
  public func importRecords(_ data: Data) throws(StoreError) -> ImportReport {
    let records = try RecordCodec.decodeImport(data)
    var seen = Set<String>()
    for record in records {
      guard seen.insert(record.id).inserted else { throw .importRefused(id: record.id, reason: "duplicate") }
    }
    return try withLock { () throws(StoreError) in
      var report = ImportReport()
      var toWrite: [PregnancyRecord] = []
      for record in records {
        switch readFile(record.id) {
        case .success(let (existing, _)):
          guard existing == record else { throw .exists(id: record.id) }
          report.alreadyPresent.append(record.id)
        case .failure(.unknownRecord): toWrite.append(record)
        case .failure(.damaged): throw .exists(id: record.id)
        case .failure(let error): throw error
        }
      }
      for record in toWrite {
        try save(record)
        report.imported.append(record.id)
      }
      return report
    }
  }

  // MARK: Internals

  private func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    let lock: StoreLock
    do {
      lock = try StoreLock.acquire(directory: files, timeout: lockTimeout, now: clock.now())
    } catch .system(_, let code) {
      throw writeError("lock", code)
    }
    defer { lock.release() }
    return try body()
  }

  private func invalidateCaches() {
    sortedCache = nil
    summaryCache = nil
    searchCache = nil
  }

  private func fileExists(_ id: String) -> Bool {
    var info = stat()
    return fstatat(files.fd, id + ".json", &info, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT
  }

  private func save(_ record: PregnancyRecord) throws(StoreError) {
    let bytes = try RecordCodec.encode(record)
    var entry: IndexEntry?
    do {
      try files.replace(record.id + ".json", with: bytes) { file in
        entry = IndexEntry(record: record, file: file)
        StoreIndex.append(directory: files, [entry!])
        indexLines += 1
      }
    } catch .system(let operation, let code) {
      throw writeError(operation, code)
    }
    if refreshed, let entry {
      known[record.id] = entry
      invalidateCaches()
    }
  }

  /// A full disk, a read-only directory or missing permission make the store unusable
  /// (exit 3), not an internal failure.
  private func writeError(_ operation: String, _ code: Int32) -> StoreError {
    switch code {
    case EACCES, EPERM, EROFS, ENOSPC, EDQUOT: .unusable(path: directory, reason: StoreError.describe(code))
    default: .system(operation: operation, errno: code)
    }
  }

  private func read(_ id: String) throws(StoreError) -> (record: PregnancyRecord, file: FileIdentity) {
    try readFile(id).get()
  }

  private func readFile(_ id: String) -> Result<(PregnancyRecord, FileIdentity), StoreError> {
    guard RecordID.isWellFormed(id) else { return .failure(.unknownRecord(id: id)) }
    let damaged = { (damage: RecordDamage) in
      Result<(PregnancyRecord, FileIdentity), StoreError>.failure(.damaged(id: id, damage: damage))
    }
    switch files.read(id + ".json", limit: StoreDirectory.recordLimit) {
    case .success(let (bytes, file)): return RecordCodec.decode(bytes, id: id).map { ($0, file) }
    case .failure(.missing): return .failure(.unknownRecord(id: id))
    case .failure(.untrusted(.symlink)), .failure(.untrusted(.notAFile)): return damaged(.notAFile)
    case .failure(.untrusted(.foreignOwner)): return damaged(.foreignOwner)
    case .failure(.untrusted(.writableByOthers)), .failure(.untrusted(.openToOthers)): return damaged(.writableByOthers)
    case .failure(.tooLarge): return damaged(.tooLarge)
    case .failure(.denied): return damaged(.unreadable)
    case .failure(.system(let operation, let code)): return .failure(.system(operation: operation, errno: code))
    }
  }
}

/// What `check()` found.
public struct CheckReport: Sendable, Equatable {
  public var recordsChecked = 0
  /// Damaged record files, by id.
  public var problems: [RecordProblem] = []
  /// Record ids whose file others may read (mode not 0600). A store directory open to
  /// others is refused when the store is opened, so it never gets this far.
  public var loosePermissions: [String] = []
  /// `store.lock` or `index.tsv` when it is not a regular file of this user's, closed to
  /// others' writes (the index is replaced when the check holds the lock).
  public var untrustedFiles: [UntrustedFile] = []
  /// Temp files of saves that died before they were acknowledged.
  public var removedTempFiles = 0
  /// True when every record reads back whole and nothing is readable by others.
  public var passed: Bool { problems.isEmpty && loosePermissions.isEmpty && untrustedFiles.isEmpty }
}

/// A file of the store's own (`store.lock`, `index.tsv`) that svangre refused to use.
public struct UntrustedFile: Sendable, Equatable {
  public var name: String
  public var problem: FileProblem
}

/// What `importRecords` did.
public struct ImportReport: Sendable, Equatable {
  public var imported: [String] = []
  public var alreadyPresent: [String] = []
}

/// Substring search over every record's folded name (and CPR digits) at once: one
/// contiguous buffer and memmem, so 100,000 records search in a few milliseconds.
struct SearchHaystack {
  private var names: [UInt8] = []
  private var nameStarts: [Int] = []
  private var cprs: [UInt8] = []
  private var cprStarts: [Int] = []

  init(_ entries: [IndexEntry]) {
    names.reserveCapacity(entries.count * 24)
    cprs.reserveCapacity(entries.count * 11)
    nameStarts.reserveCapacity(entries.count)
    cprStarts.reserveCapacity(entries.count)
    for entry in entries {
      nameStarts.append(names.count)
      names.append(contentsOf: entry.fold.utf8)
      names.append(0x0A)
      cprStarts.append(cprs.count)
      cprs.append(0x0A)
      for byte in entry.cpr.utf8 where byte != UInt8(ascii: "-") { cprs.append(byte) }
    }
  }

  /// The offset of the first occurrence of `pattern`, found with memchr on its first byte
  /// and memcmp on the rest (glibc's memmem is not visible from Swift).
  static func find(_ pattern: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
    guard pattern.count <= haystack.count, let base = haystack.baseAddress else { return nil }
    let first = Int32(pattern[0])
    var offset = 0
    let last = haystack.count - pattern.count
    while offset <= last {
      guard let found = memchr(base + offset, first, last - offset + 1) else { return nil }
      let position = base.distance(to: UnsafeRawPointer(found))
      if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return position }
      offset = position + 1
    }
    return nil
  }

  /// Indices of the matching entries, in order.
  func matches(_ needle: [UInt8], inCPR: Bool) -> [Int] {
    let buffer = inCPR ? cprs : names
    let starts = inCPR ? cprStarts : nameStarts
    guard !needle.isEmpty, !buffer.isEmpty else { return [] }
    var result: [Int] = []
    buffer.withUnsafeBytes { haystack in
      needle.withUnsafeBytes { pattern in
        var offset = 0
        while offset < haystack.count,
          let hit = SearchHaystack.find(pattern, in: UnsafeRawBufferPointer(rebasing: haystack[offset...]))
        {
          let position = offset + hit
          // The entry holding the hit: the last start at or before it.
          var low = 0
          var high = starts.count - 1
          while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
          }
          result.append(low)
          offset = low + 1 < starts.count ? starts[low + 1] : haystack.count
        }
      }
    }
    return result
  }
}

/// Sorting by folded name, then id, over one contiguous buffer: the first eight bytes
/// compared as one integer settle most comparisons and memcmp the rest, with no String
/// or reference counting in the comparator (100,000 names in a few tens of ms).
struct SortKeys {
  let entries: [IndexEntry]
  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var prefixes: [UInt64] = []

  init(_ entries: [IndexEntry]) {
    self.entries = entries
    bytes.reserveCapacity(entries.count * 24)
    for entry in entries {
      starts.append(bytes.count)
      bytes.append(contentsOf: entry.fold.utf8)
      lengths.append(bytes.count - starts[starts.count - 1])
    }
    prefixes = (0..<entries.count).map { [bytes, starts, lengths] index in
      var key: UInt64 = 0
      for offset in 0..<8 {
        key = key << 8 | (offset < lengths[index] ? UInt64(bytes[starts[index] + offset]) : 0)
      }
      return key
    }
  }

  func sorted() -> [IndexEntry] {
    var order = Array(0..<entries.count)
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        lengths.withUnsafeBufferPointer { lengths in
          prefixes.withUnsafeBufferPointer { prefixes in
            order.sort { a, b in
              if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
              let common = min(lengths[a], lengths[b])
              if common > 8 {
                let order = memcmp(bytes.baseAddress! + starts[a] + 8, bytes.baseAddress! + starts[b] + 8, common - 8)
                if order != 0 { return order < 0 }
              }
              if lengths[a] != lengths[b] { return lengths[a] < lengths[b] }
              return entries[a].id < entries[b].id
            }
          }
        }
      }
    }
    return order.map { entries[$0] }
  }
}
