import Foundation
import Glibc

/// The JSON store's access log: `access.log` beside the records, one JSON object a line
/// (`{"at":…,"initials":"AB","purpose":"show","record":"p2kc7qehccta","user":"anna"}`),
/// only ever appended to (docs/store.md, "Who opened a record").
///
/// Opened through `StoreDirectory` like every file of the store (0600, no link followed,
/// the user's own). An append takes `flock` on the log itself — not the store lock, so an
/// opening never waits for a save — writes every line in one `write` and `fsync`s
/// before it returns. Reading streams the file in bounded pieces, whatever its size.
enum FileAccessLog {
  static let fileName = "access.log"
  /// The longest line read; a longer one is not something svangre wrote and is skipped.
  static let lineLimit = 4_096
  /// How much of the file is held in memory at a time while reading.
  static let chunkBytes = 1 << 20

  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// Appends `entries` durably, waiting at most `timeout` seconds for another appender.
  static func append(_ entries: [RecordAccess], in directory: StoreDirectory, timeout: Double, now: Date)
    throws(StoreError)
  {
    guard !entries.isEmpty else { return }
    var bytes: [UInt8] = []
    for entry in entries {
      guard let line = try? encoder.encode(Line(entry)) else { throw .system(operation: "encode", errno: 0) }
      bytes += line
      bytes.append(UInt8(ascii: "\n"))
    }
    let path = (directory.path as NSString).appendingPathComponent(fileName)
    var before = stat()
    let isNew = fstatat(directory.fd, fileName, &before, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT
    let fd: Int32
    switch directory.openFile(fileName, O_RDWR | O_CREAT | O_APPEND) {
    case .success(let opened): fd = opened
    case .failure(.denied): throw .unusable(path: path, reason: StoreError.describe(EACCES))
    case .failure(let failure): throw failure.storeError(path: path)
    }
    defer { close(fd) }
    try StoreLock.lock(fd, timeout: timeout, now: now)
    var info = stat()
    if fstat(fd, &info) == 0, info.st_size > 0 {
      // An appender killed mid-write leaves a torn line: end it so ours stays whole (the
      // file is opened for reading too, or `pread` would fail).
      var last: UInt8 = 0
      if pread(fd, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") { bytes.insert(0x0A, at: 0) }
    }
    try writeDurably(fd, bytes, path: path)
    // A new file's name is durable only once the directory is.
    if isNew, fsync(directory.fd) != 0 { throw failure(errno, path: path, "fsync") }
  }

  private static func writeDurably(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
    do {
      try FileIO.writeAll(fd, bytes)
    } catch .system(_, let code) {
      throw failure(code, path: path, "write")
    }
    guard fsync(fd) == 0 else { throw failure(errno, path: path, "fsync") }
  }

  private static func failure(_ code: Int32, path: String, _ operation: String) -> StoreError {
    switch code {
    case EACCES, EPERM, EROFS, ENOSPC, EDQUOT: .unusable(path: path, reason: StoreError.describe(code))
    default: .system(operation: operation, errno: code)
    }
  }

  /// The entries about record `id`, oldest first. Lines that are not whole entries (a
  /// torn last line, a line too long) are skipped.
  static func entries(of id: String, in directory: StoreDirectory) throws(StoreError) -> [RecordAccess] {
    let path = (directory.path as NSString).appendingPathComponent(fileName)
    let fd: Int32
    switch directory.openFile(fileName, O_RDONLY) {
    case .success(let opened): fd = opened
    case .failure(.missing): return []
    case .failure(.denied): throw .unusable(path: path, reason: StoreError.describe(EACCES))
    case .failure(let failure): throw failure.storeError(path: path)
    }
    defer { close(fd) }
    // Only lines naming the record are decoded: the log holds every record's openings.
    let needle = Array("\"record\":\"\(id)\"".utf8)
    var found: [RecordAccess] = []
    var pending: [UInt8] = []
    var skipping = false
    var chunk = [UInt8](repeating: 0, count: chunkBytes)
    while true {
      let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunkBytes) }
      if got < 0 {
        if errno == EINTR { continue }
        throw failure(errno, path: path, "read")
      }
      if got == 0 { break }
      var start = 0
      for index in 0..<got where chunk[index] == 0x0A {
        if !skipping {
          pending += chunk[start..<index]
          if pending.count <= lineLimit, let entry = decode(pending, needle: needle, id: id) { found.append(entry) }
        }
        pending.removeAll(keepingCapacity: true)
        skipping = false
        start = index + 1
      }
      if !skipping {
        pending += chunk[start..<got]
        // A line past the limit is dropped as it is read: memory stays bounded.
        if pending.count > lineLimit {
          pending.removeAll(keepingCapacity: true)
          skipping = true
        }
      }
    }
    return found
  }

  private static func decode(_ line: [UInt8], needle: [UInt8], id: String) -> RecordAccess? {
    guard contains(line, needle), let decoded = try? JSONDecoder().decode(Line.self, from: Data(line)) else {
      return nil
    }
    let entry = decoded.access
    // What an append writes, and nothing else.
    guard entry.recordID == id, (try? Validation.timestamp(entry.at, field: "at")) != nil,
      entry.initials.map({ Initials.normalised($0) == $0 }) ?? true, isUserName(entry.user)
    else { return nil }
    return entry
  }

  private static func contains(_ line: [UInt8], _ needle: [UInt8]) -> Bool {
    guard line.count >= needle.count else { return false }
    for start in 0...(line.count - needle.count) where line[start] == needle[0] {
      if line[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
  }

  /// A user name as the system gives it: printable, no white space, at most 64 bytes.
  static func isUserName(_ name: String) -> Bool {
    (1...64).contains(name.utf8.count) && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
  }

  /// One line as stored: every key always written, `initials` null when none was given.
  private struct Line: Codable {
    var access: RecordAccess

    init(_ access: RecordAccess) { self.access = access }

    init(from decoder: any Decoder) throws { access = try RecordAccess(from: decoder) }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: RecordAccess.CodingKeys.self)
      try container.encode(access.recordID, forKey: .recordID)
      try container.encode(access.at, forKey: .at)
      try container.encode(access.initials, forKey: .initials)
      try container.encode(access.user, forKey: .user)
      try container.encode(access.purpose, forKey: .purpose)
    }
  }
}

extension FileRecordStore {
  /// Appends to `access.log` (see `FileAccessLog`), as the operating system's user.
  public func logAccess(_ ids: [String], by initials: String?, purpose: AccessPurpose) throws(StoreError) {
    let at = Timestamp.iso(clock.now())
    let user = StoreError.userName
    let entries = ids.map { RecordAccess(recordID: $0, at: at, initials: initials, user: user, purpose: purpose) }
    try FileAccessLog.append(entries, in: files, timeout: lockTimeout, now: clock.now())
  }

  public func accessLog(of id: String) throws(StoreError) -> [RecordAccess] {
    guard RecordID.isWellFormed(id) else { throw .unknownRecord(id: id) }
    return try FileAccessLog.entries(of: id, in: files)
  }

  public func copyAccessLog(_ entries: [RecordAccess]) throws(StoreError) {
    guard !entries.isEmpty else { return }
    try FileAccessLog.append(entries, in: files, timeout: lockTimeout, now: clock.now())
  }
}
