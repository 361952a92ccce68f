import Foundation
import Glibc
import SvangreResources
import SvangreRules

/// The JSON record store: one file per pregnancy record in one directory (docs/store.md),
/// the embedded default backend of `RecordStore`.
///
/// Guarantees (docs/store.md): a save is durable before it returns; a reader sees a
/// record before or after a save, never a mix; a save from a stale copy is refused, never
/// applied; nothing is deleted by normal use; a damaged file is named and the rest of the
/// store keeps working. Not thread-safe: use one instance per thread (two instances, in
/// one process or two, coordinate through the store lock).
public final class FileRecordStore: RecordStore {
  /// The store directory.
  public let directory: String
  /// How long a save waits for another process's save before giving up.
  public let lockTimeout: Double
  /// The audit clock: every entry is stamped with its `now()`.
  let clock: WallClock
  /// The store directory, opened once; every file in it is opened through this.
  let files: StoreDirectory
  /// The rule sets a stored visitation's input is read back with (`Validation.ruleSet`).
  public let ruleSets: [RuleSet]
  /// The rule set in use (`ruleSets.first`), which the index's programmes are dated under.
  lazy var programmeRules = ProgrammeRules(ruleSet: ruleSets.first ?? .bundled)
  /// The last records read, with their bytes: a save's re-read costs a comparison.
  var recent = RecentRecords()
  var known: [String: IndexEntry] = [:]
  var indexLines = 0
  var refreshed = false
  var sortedCache: [IndexEntry]?
  var summaryCache: [RecordSummary]?
  var searchCache: SearchHaystack?
  /// Damaged records found by the newest `list()`/`refresh()`.
  public internal(set) var problems: [RecordProblem] = []

  /// Opens the store at `directory`, creating it (mode 0700, and any missing parent 0700)
  /// if needed. `clock` stamps every entry it saves (the audit time; the clinical date is
  /// in the entry itself).
  ///
  /// - Throws: `.unusable` when it cannot be created or opened, `.untrustedFile` when it
  ///   belongs to another user or others may write to it, `.networkFileSystem` on NFS or
  ///   SMB, where locking and fsync do not give the guarantees above.
  /// `ruleSets` are those a stored visitation's input is read back with (see
  /// `Validation.ruleSet`): the bundled one, and a region's own given with `--rules`.
  public init(directory: String, lockTimeout: Double = 3, clock: WallClock, ruleSets: [RuleSet] = [.bundled])
    throws(StoreError)
  {
    self.directory = directory
    self.lockTimeout = lockTimeout
    self.clock = clock
    self.ruleSets = ruleSets
    files = try StoreDirectory.open(path: directory)
    if let type = FileIO.fileSystemType(of: directory), FileRecordStore.isNetworkFileSystem(type) {
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
    let stamp = directoryStamp()
    // The index this instance rewrote and stamped itself is no change to anyone watching
    // it (the TUI would read the whole store again for nothing).
    if let own = ownIndexWrite, own.after == stamp { return own.before }
    return stamp
  }

  /// The stamp from before and after this instance's own rewrite of the index, when
  /// nothing else changed the directory meanwhile (`teachIndex`).
  var ownIndexWrite: (before: [Int64], after: [Int64])?

  func directoryStamp() -> [Int64] {
    var stamp: [Int64] = []
    var info = stat()
    if fstat(files.fd, &info) == 0 { stamp += [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)] }
    if let index = files.identity(of: StoreIndex.fileName) {
      stamp += [Int64(bitPattern: index.inode), index.size, index.mtime]
    }
    return stamp
  }

  /// One `fstatat` when the record file is still the one last listed; else the file is
  /// read again (decoded only when its bytes differ from the last read, `recent`).
  public func revision(of id: String) throws(StoreError) -> Int {
    if let entry = known[id], RecordID.isWellFormed(id), files.identity(of: id + ".json") == entry.file {
      return entry.revision
    }
    return try read(id).record.revision
  }

  /// The summaries in list order, made once per change: a search returns some of them.
  func summaries() -> [RecordSummary] {
    if let summaryCache { return summaryCache }
    let entries = sorted()
    let result = entries.map(\.summary)
    summaryCache = result
    // Built here rather than on the first search, so that every search stays within a
    // few milliseconds (the build takes ~25 ms at 100,000 records).
    if searchCache == nil { searchCache = SearchHaystack(entries) }
    return result
  }

  func sorted() -> [IndexEntry] {
    if let sortedCache { return sortedCache }
    let result = SortKeys.sorted(Array(known.values))
    sortedCache = result
    return result
  }

  // MARK: Saving (the `RecordStore` primitives)

  public func insert(_ make: (_ id: String, _ now: String) throws(StoreError) -> PregnancyRecord)
    throws(StoreError) -> PregnancyRecord
  {
    try withLock { () throws(StoreError) in
      var id = RecordID.random()
      while fileExists(id) { id = RecordID.random() }
      let record = try make(id, Timestamp.iso(clock.now()))
      try save(record)
      return record
    }
  }

  public func append(
    _ id: String, basedOn: Int?, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> [HistoryEntry.Content]
  ) throws(StoreError) -> PregnancyRecord {
    try withLock { () throws(StoreError) in
      let record = try read(id).record
      try record.checkRevision(basedOn)
      let contents = try make(record)
      let saved = record.appending(contents, at: Timestamp.iso(clock.now()), author: author)
      try save(saved)
      return saved
    }
  }

  // MARK: Internals

  func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    let lock: StoreLock
    do {
      lock = try StoreLock.acquire(directory: files, timeout: lockTimeout, now: clock.now())
    } catch .system(_, let code) {
      throw writeError("lock", code)
    }
    defer { lock.release() }
    return try body()
  }

  func invalidateCaches() {
    sortedCache = nil
    summaryCache = nil
    searchCache = nil
  }

  func fileExists(_ id: String) -> Bool {
    var info = stat()
    return fstatat(files.fd, id + ".json", &info, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT
  }

  /// Writes `record` (under the lock) and tells the index; an index that ended in a stamp
  /// still holding before the save ends in a new one after it (`IndexStamp`).
  func save(_ record: PregnancyRecord) throws(StoreError) {
    let bytes = try RecordCodec.encode(record)
    var entry: IndexEntry?
    var stamp = IndexStamp.current(in: files)
    let isNew = stamp != nil && !fileExists(record.id)
    do {
      try files.replace(record.id + ".json", with: bytes) { file in
        entry = IndexEntry(record: record, file: file, rules: programmeRules)
        if !StoreIndex.append(directory: files, [entry!]) { stamp = nil }
        indexLines += 1
      }
    } catch .system(let operation, let code) {
      throw writeError(operation, code)
    }
    if let stamp, let directory = DirectoryIdentity(fd: files.fd) {
      StoreIndex.append(
        directory: files,
        IndexStamp(directory: directory, records: stamp.records + (isNew ? 1 : 0), unreadable: stamp.unreadable))
    }
    if refreshed, let entry {
      known[record.id] = entry
      invalidateCaches()
    }
  }

  /// A full disk, a read-only directory or missing permission make the store unusable
  /// (exit 3), not an internal failure.
  func writeError(_ operation: String, _ code: Int32) -> StoreError {
    switch code {
    case EACCES, EPERM, EROFS, ENOSPC, EDQUOT: .unusable(path: directory, reason: StoreError.describe(code))
    default: .system(operation: operation, errno: code)
    }
  }

  func read(_ id: String) throws(StoreError) -> (record: PregnancyRecord, file: FileIdentity) {
    try readFile(id).get()
  }

  func readFile(_ id: String) -> Result<(PregnancyRecord, FileIdentity), StoreError> {
    guard RecordID.isWellFormed(id) else { return .failure(.unknownRecord(id: id)) }
    let damaged = { (damage: RecordDamage) in
      Result<(PregnancyRecord, FileIdentity), StoreError>.failure(.damaged(id: id, damage: damage))
    }
    switch files.read(id + ".json", limit: StoreDirectory.recordLimit) {
    case .success(let (bytes, file)):
      if let record = recent.record(id, bytes: bytes) { return .success((record, file)) }
      let decoded = RecordCodec.decode(bytes, id: id, ruleSets: ruleSets)
      if case .success(let record) = decoded { recent.remember(record, bytes: bytes) }
      return decoded.map { ($0, file) }
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
