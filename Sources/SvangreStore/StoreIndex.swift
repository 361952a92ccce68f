import Foundation
import Glibc

/// One line of the summary index: what a list or a search needs, without opening the record.
/// A class: 100,000 of them move through dictionaries and sorts, and a reference is one
/// retain where a struct of eight strings would be eight.
final class IndexEntry: Sendable {
  let id: String
  /// The record file this line describes; a line whose file identity no longer matches
  /// the file is stale.
  let file: FileIdentity
  let revision: Int
  let cpr: String
  let name: String
  let fold: String
  let lastLevel: Int?
  let dueDate: String?
  let status: RecordStatus
  let updatedAt: String
  let updatedBy: String
  let visitations: Int
  /// The programme, for the worklist: the `ProgrammeRules.tag` it was dated under (empty
  /// when none was computed), the days its windows span (up to the day after the latest;
  /// nil when it has none) and its encoded form (`ProgrammeRules.encode`), read only when
  /// the worklist asks for it.
  let programmeTag: String
  let programmeSpan: ClosedRange<Int>?
  let programme: String
  /// Her programme as the worklist worked it out from this line (or from her file, `nil`
  /// inside for none), kept with the line: a line is replaced, never changed, when its
  /// record changes, so a worklist opened again, or for another week, works out nothing
  /// twice. Set only by the one part of `programmes(meeting:)` that holds the entry.
  nonisolated(unsafe) var workedProgramme: RecordProgramme??

  init(record: PregnancyRecord, file: FileIdentity, rules: ProgrammeRules?) {
    id = record.id
    self.file = file
    revision = record.revision
    cpr = record.cpr
    name = record.name
    fold = TextFolding.fold(record.name)
    lastLevel = record.lastLevel
    dueDate = record.dueDate
    status = record.status
    let change = record.lastChange
    updatedBy = change.author
    updatedAt = change.at
    visitations = record.visitations.count
    let encoded = rules?.encode(record)
    programmeTag = rules?.tag ?? ""
    programmeSpan = encoded?.span
    programme = encoded?.text ?? ""
  }

  convenience init?(line: Substring) {
    let bytes = Array(line.utf8)
    guard let entry = bytes.withUnsafeBufferPointer({ IndexEntry(bytes: $0) }) else { return nil }
    self.init(copying: entry)
  }

  private init(copying other: IndexEntry) {
    id = other.id
    file = other.file
    revision = other.revision
    cpr = other.cpr
    name = other.name
    fold = other.fold
    lastLevel = other.lastLevel
    dueDate = other.dueDate
    status = other.status
    updatedAt = other.updatedAt
    updatedBy = other.updatedBy
    visitations = other.visitations
    programmeTag = other.programmeTag
    programmeSpan = other.programmeSpan
    programme = other.programme
  }

  /// Parses one line (without its newline) byte by byte: at 100,000 lines, splitting a
  /// String into Characters would take most of the time to open the store.
  convenience init?(bytes line: UnsafeBufferPointer<UInt8>) {
    var fields = IndexLineFields()
    guard fields.split(line) else { return nil }
    self.init(fields: fields)
  }

  init?(fields: IndexLineFields) {
    guard let inode = IndexEntry.number(fields[2]), let revision = IndexEntry.number(fields[3]),
      let status = fields.status, let visitations = fields.visitations, let size = IndexEntry.number(fields[13]),
      let mtime = IndexEntry.number(fields[14])
    else { return nil }
    id = IndexEntry.text(fields[1])
    file = FileIdentity(inode: UInt64(inode), size: Int64(size), mtime: Int64(mtime))
    self.revision = revision
    cpr = IndexEntry.text(fields[4])
    name = IndexEntry.text(fields[5])
    fold = IndexEntry.text(fields[6])
    lastLevel = IndexEntry.number(fields[7])
    dueDate = fields[8].isEmpty ? nil : IndexEntry.text(fields[8])
    self.status = status
    updatedAt = IndexEntry.text(fields[10])
    updatedBy = IndexEntry.text(fields[11])
    self.visitations = visitations
    programmeTag = IndexEntry.text(fields[15])
    programmeSpan = fields.span
    programme = IndexEntry.text(fields[18])
  }

  private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

  /// A non-negative decimal number, nil when empty or not digits.
  static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 20 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 0x30))
      guard !overflow, !overflow2 else { return nil }
      value = sum
    }
    return value
  }

  var line: String {
    // Names, initials and CPR numbers are validated to have no control characters; the
    // replacement is a second guard so a line can never be split.
    func clean(_ text: String) -> String {
      text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
        ? String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : text
    }
    let level = lastLevel.map(String.init) ?? ""
    let fields = [
      "r", id, String(file.inode), String(revision), clean(cpr), clean(name), clean(fold), level,
      dueDate ?? "", status.rawValue, updatedAt, clean(updatedBy), String(visitations), String(file.size),
      String(file.mtime), clean(programmeTag), programmeSpan.map { String($0.lowerBound) } ?? "",
      programmeSpan.map { String($0.upperBound) } ?? "", clean(programme),
    ]
    return fields.joined(separator: "\t") + "\n"
  }

  var summary: RecordSummary {
    RecordSummary(
      id: id, name: name, maskedCPR: CPRNumber.mask(cpr), revision: revision, lastLevel: lastLevel,
      dueDate: dueDate, status: status, visitationCount: visitations, updatedAt: updatedAt,
      updatedBy: updatedBy)
  }
}

/// The summary index, `index.tsv`: a cache of one line per record, never the truth.
///
/// A save appends a line (later lines win) just before it renames the record into
/// place; opening the store lists the directory and trusts a line only when the file's
/// identity (inode, size, mtime) matches it, re-reading any other record file. So a
/// crash, a copied-in file or a lost line costs a re-read, never a wrong list, and the
/// index needs no fsync of its own. Lines pile up; the index is rewritten whole when
/// most of it is superseded, or when it is not an index at all. Like every file in the
/// store it is opened only through `StoreDirectory`: a link, FIFO or another user's file
/// at `index.tsv` is never read or written, and the next rewrite renames a real index
/// over it.
enum StoreIndex {
  static let fileName = "index.tsv"
  /// Version 2: the folded names fold "ı" to "i" (`TextFolding`). Version 3: each line
  /// keeps the record's programme for the worklist (`ProgrammeRules`). A line's folded name
  /// and programme are caches of the record, so an index of another version is not trusted
  /// and is rebuilt from the record files on the next open.
  static let header = "svangre-index\t3\n"

  /// The index as read: entries by id, and the number of record lines (`Int.max / 4` for
  /// a file that is not an index or not to be trusted, so that it gets rewritten).
  struct Contents {
    var entries: [String: IndexEntry] = [:]
    var lines = 0
  }

  /// Parses the index file.
  static func read(directory: StoreDirectory) -> Contents {
    var contents = Contents()
    var fields = IndexLineFields()
    let read = forEachLine(directory: directory) { line, _ in
      // A torn last line (a writer killed mid-append) simply fails to parse; a stamp is
      // no record line.
      if fields.split(line), let entry = IndexEntry(fields: fields) {
        contents.lines += 1
        contents.entries[entry.id] = entry
      }
    }
    switch read {
    case .read: return contents
    case .missing, .empty: return Contents()
    case .notAnIndex: return Contents(lines: Int.max / 4)
    }
  }

  /// What `forEachLine` found at `index.tsv`.
  enum LineSource { case read, missing, empty, notAnIndex }

  /// Reads the index and hands each line after the header (without its newline) to
  /// `body`, with whether it ended in a newline (a torn last line does not); `size` hears the
  /// file's size first. The one reader of the index's lines, for `read` and `scan`.
  ///
  /// Read a megabyte at a time into one buffer, not whole: at 100,000 records the index is
  /// 44 MB, and memory for all of it (a page fault for every 4 KB, then the copy) cost
  /// `svangre due` a tenth of its time. No line outlives its call: entries copy what they keep.
  static func forEachLine(
    directory: StoreDirectory, size: (Int) -> Void = { _ in },
    _ body: (_ line: UnsafeBufferPointer<UInt8>, _ ended: Bool) -> Void
  ) -> LineSource {
    let file: Int32
    switch directory.openFile(fileName, O_RDONLY) {
    case .success(let opened): file = opened
    case .failure(.missing): return .missing
    case .failure: return .notAnIndex
    }
    defer { close(file) }
    var info = stat()
    guard fstat(file, &info) == 0, Int(info.st_size) <= StoreDirectory.indexLimit else { return .notAnIndex }
    size(Int(info.st_size))
    let headerBytes = Array(header.utf8)
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var filled = 0  // bytes read into `buffer`, from its start
    var lines: Int?  // where the lines start in `buffer`, once the header is seen
    var total = 0
    while true {
      if filled == buffer.count {
        // One line longer than the buffer (never in an index svangre wrote): room for it.
        buffer.append(contentsOf: repeatElement(0, count: buffer.count))
      }
      guard let got = buffer.withUnsafeMutableBufferPointer({ FileIO.readSome(file, into: $0, from: filled) }) else {
        return .notAnIndex
      }
      total += got
      guard total <= StoreDirectory.indexLimit else { return .notAnIndex }
      filled += got
      let atEnd = got == 0
      if lines == nil {
        if atEnd, filled == 0 { return .empty }
        guard filled >= headerBytes.count || atEnd else { continue }
        guard buffer[..<filled].starts(with: headerBytes) else { return .notAnIndex }
        lines = headerBytes.count
      }
      let start = lines ?? 0
      let consumed = buffer.withUnsafeBufferPointer { all in
        start + forEachWholeLine(in: UnsafeBufferPointer(rebasing: all[start..<filled]), atEnd: atEnd, body)
      }
      if atEnd { return .read }
      // The start of a line that goes on in the next read moves to the buffer's start.
      buffer.withUnsafeMutableBufferPointer { all in
        _ = memmove(all.baseAddress!, all.baseAddress! + consumed, filled - consumed)
      }
      filled -= consumed
      lines = 0
    }
  }

  /// Hands every line of `bytes` that ends in a newline to `body`, and at the end of the
  /// file the rest too (a torn line); the number of bytes handed on.
  private static func forEachWholeLine(
    in bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool,
    _ body: (_ line: UnsafeBufferPointer<UInt8>, _ ended: Bool) -> Void
  ) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var start = 0
    while start < bytes.count {
      guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
        if atEnd { body(UnsafeBufferPointer(rebasing: bytes[start...]), false) }
        return atEnd ? bytes.count : start
      }
      let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      body(UnsafeBufferPointer(rebasing: bytes[start..<end]), true)
      start = end + 1
    }
    return start
  }

  /// Appends lines; errors are ignored because the index is only a cache, but reported, so
  /// that no stamp follows lines that did not reach the index.
  @discardableResult
  static func append(directory: StoreDirectory, _ entries: [IndexEntry]) -> Bool {
    guard !entries.isEmpty, case .success(let fd) = directory.openFile(fileName, O_RDWR | O_CREAT | O_APPEND)
    else { return false }
    defer { close(fd) }
    var info = stat()
    var text = ""
    if fstat(fd, &info) == 0 {
      if info.st_size == 0 {
        text = header
      } else {
        // A writer killed mid-append leaves a torn line: end it so ours stays whole
        // (opened for reading too: `pread` fails on a write-only descriptor).
        var last: UInt8 = 0
        if pread(fd, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") { text = "\n" }
      }
    }
    for entry in entries { text += entry.line }
    return (try? FileIO.writeAll(fd, Array(text.utf8))) != nil
  }

  /// Appends `stamp` (see `IndexStamp`); errors are ignored, as for any line.
  static func append(directory: StoreDirectory, _ stamp: IndexStamp) {
    guard stamp.unreadable.count <= IndexStamp.unreadableLimit,
      case .success(let fd) = directory.openFile(fileName, O_WRONLY | O_APPEND)
    else { return }
    defer { close(fd) }
    try? FileIO.writeAll(fd, Array(stamp.line.utf8))
  }

  /// Rewrites the index whole from `entries`.
  static func rewrite(directory: StoreDirectory, _ entries: [IndexEntry]) throws(StoreError) {
    var text = header
    text.reserveCapacity(entries.count * 120)
    for entry in entries.sorted(by: { $0.id < $1.id }) { text += entry.line }
    try directory.replace(fileName, with: Array(text.utf8))
  }
}
