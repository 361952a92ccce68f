import Glibc

/// The store directory as `fstat` sees it: any file created, renamed or removed in it
/// changes its modification and change times.
struct DirectoryIdentity: Hashable, Sendable {
  var inode: UInt64
  var modified: timespec
  var changed: timespec

  init?(fd: Int32) {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    inode = UInt64(info.st_ino)
    modified = info.st_mtim
    changed = info.st_ctim
  }

  init(inode: UInt64, modified: timespec, changed: timespec) {
    self.inode = inode
    self.modified = modified
    self.changed = changed
  }

  static func == (a: Self, b: Self) -> Bool {
    a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
      && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(inode)
    hasher.combine(modified.tv_sec)
    hasher.combine(modified.tv_nsec)
  }
}

/// The index's last word: "every record file in the directory is described by the lines
/// above, and the directory has not changed since" (docs/store.md, "The index").
///
/// A process that has just made the index describe the directory exactly — a save on top
/// of a stamped index, or a full check that rewrote the index under the lock — appends a
/// stamp with the directory's identity after its last rename, the number of records the
/// lines describe and the record files that did not read (damaged, another user's, not a
/// file). A process that opens the store and finds a stamp as the index's last line,
/// matching the directory, trusts the lines without a `stat` per record file: at 100,000
/// records that `stat` is most of a `svangre due`. Anything else — a save by an older
/// svangre, a writer killed between its rename and its stamp, an import, a quarantine, a
/// file copied in — leaves the directory changed or the last line no stamp, and the next
/// opener checks every file as before (and stamps again when it can take the lock).
///
/// What it gives up, a project decision (docs/store.md, threat model): a record file that
/// its owner rewrites in place outside svangre, without a rename, is not noticed by the
/// list and the worklist until the directory next changes or `svangre store check` runs;
/// opening the record always reads the file itself.
struct IndexStamp: Equatable, Sendable {
  var directory: DirectoryIdentity
  /// Distinct records the index's lines describe.
  var records: Int
  /// Record ids whose files did not read when stamped: re-read, and reported, on open.
  var unreadable: [String]

  /// More unreadable files than this and no stamp is written: such a store is checked in
  /// full at every open, as before.
  static let unreadableLimit = 100

  var line: String {
    let fields = [
      "v", String(directory.inode), String(directory.modified.tv_sec), String(directory.modified.tv_nsec),
      String(directory.changed.tv_sec), String(directory.changed.tv_nsec), String(records),
      unreadable.joined(separator: ","),
    ]
    return fields.joined(separator: "\t") + "\n"
  }

  init(directory: DirectoryIdentity, records: Int, unreadable: [String]) {
    self.directory = directory
    self.records = records
    self.unreadable = unreadable
  }

  /// Parses a stamp line (without its newline); nil for any other line.
  init?(bytes line: UnsafeBufferPointer<UInt8>) {
    guard line.count >= 2, line[0] == UInt8(ascii: "v"), line[1] == 0x09 else { return nil }
    let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
    guard fields.count == 8 else { return nil }
    var numbers: [Int] = []
    for field in fields[1...6] {
      guard let number = IndexEntry.number(UnsafeBufferPointer(rebasing: field)) else { return nil }
      numbers.append(number)
    }
    let unreadable = fields[7].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
    guard unreadable.allSatisfy(RecordID.isWellFormed) else { return nil }
    self.init(
      directory: DirectoryIdentity(
        inode: UInt64(numbers[0]), modified: timespec(tv_sec: numbers[1], tv_nsec: numbers[2]),
        changed: timespec(tv_sec: numbers[3], tv_nsec: numbers[4])),
      records: numbers[5], unreadable: unreadable)
  }

  /// The stamp that ends the index now, if it still matches the directory: read from the
  /// index's last few kilobytes, for a save that keeps the stamp going (under the lock).
  static func current(in directory: StoreDirectory) -> IndexStamp? {
    guard case .success(let fd) = directory.openFile(StoreIndex.fileName, O_RDONLY) else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
    let length = Int(min(info.st_size, 8_192))
    var tail = [UInt8](repeating: 0, count: length)
    guard pread(fd, &tail, length, info.st_size - off_t(length)) == length, tail.last == 0x0A else { return nil }
    let stamp = tail.withUnsafeBufferPointer { buffer -> IndexStamp? in
      let body = UnsafeBufferPointer(rebasing: buffer[..<(buffer.count - 1)])
      // A stamp is short: one that does not start within the tail is not the last line.
      guard let newline = body.lastIndex(of: 0x0A) else { return nil }
      let start = newline + 1
      return IndexStamp(bytes: UnsafeBufferPointer(rebasing: body[start...]))
    }
    guard let stamp, stamp.directory == DirectoryIdentity(fd: directory.fd) else { return nil }
    return stamp
  }
}
