import Foundation
import Glibc
import SvangreRules

extension FileRecordStore {
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
      case .success(let (record, file)): entries.append(IndexEntry(record: record, file: file, rules: programmeRules))
      case .failure(.damaged(_, let damage)): report.problems.append(RecordProblem(id: id, damage: damage))
      case .failure(.unknownRecord): report.recordsChecked -= 1
      case .failure(let error): throw error
      }
    }
    if lock != nil, (try? StoreIndex.rewrite(directory: files, entries)) != nil {
      indexLines = entries.count
      // Every file was just read under the lock: the index describes the directory.
      if let directory = DirectoryIdentity(fd: files.fd) {
        StoreIndex.append(
          directory: files,
          IndexStamp(directory: directory, records: entries.count, unreadable: report.problems.map(\.id)))
      }
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
    return try RecordCodec.exportDocument(records, at: Timestamp.iso(clock.now()))
  }

  /// Imports an export document (or a single record file). Every record is verified
  /// first; nothing is written unless all are whole. A record already present with the
  /// same content is skipped; one present with different content refuses the import.
  public func importRecords(_ data: Data) throws(StoreError) -> ImportReport {
    let records = try RecordCodec.decodeImport(data, ruleSets: ruleSets)
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
}

/// What `check()` found.
public struct CheckReport: Sendable, Equatable {
  public init() {}
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
  public init(imported: [String] = [], alreadyPresent: [String] = []) {
    self.imported = imported
    self.alreadyPresent = alreadyPresent
  }
  public var imported: [String] = []
  public var alreadyPresent: [String] = []
}
