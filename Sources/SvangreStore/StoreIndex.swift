import Foundation
import Glibc

/// One line of the summary index: what a list or a search needs, without opening the record.
struct IndexEntry: Sendable, Equatable {
  var id: String
  /// The record file this line describes; a line whose file identity no longer matches
  /// the file is stale.
  var file: FileIdentity
  var revision: Int
  var cpr: String
  var name: String
  var fold: String
  var lastLevel: Int?
  var dueDate: String?
  var status: RecordStatus
  var updatedAt: String
  var updatedBy: String
  var visitations: Int

  init(record: PregnancyRecord, file: FileIdentity) {
    id = record.id
    self.file = file
    revision = record.revision
    cpr = record.cpr
    name = record.name
    fold = TextFolding.fold(record.name)
    lastLevel = record.lastLevel
    dueDate = record.dueDate
    status = record.status
    (updatedBy, updatedAt) = record.lastChange
    visitations = record.visitations.count
  }

  init?(line: Substring) {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count == 15, fields[0] == "r", let inode = UInt64(fields[2]),
      let revision = Int(fields[3]), let status = RecordStatus(rawValue: String(fields[9])),
      let visitations = Int(fields[12]), let size = Int64(fields[13]), let mtime = Int64(fields[14])
    else { return nil }
    id = String(fields[1])
    file = FileIdentity(inode: inode, size: size, mtime: mtime)
    self.revision = revision
    cpr = String(fields[4])
    name = String(fields[5])
    fold = String(fields[6])
    lastLevel = Int(fields[7])
    dueDate = fields[8].isEmpty ? nil : String(fields[8])
    self.status = status
    updatedAt = String(fields[10])
    updatedBy = String(fields[11])
    self.visitations = visitations
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
      String(file.mtime),
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
/// most of it is superseded, or when it is not an index at all.
enum StoreIndex {
  static let fileName = "index.tsv"
  static let header = "svangre-index\t1\n"

  /// Parses the index file; entries by id, and the number of lines read (`Int.max` for a
  /// file that is not an index, so that it gets rewritten).
  static func read(directory: Int32) -> (entries: [String: IndexEntry], lines: Int) {
    guard case .success(let bytes) = FileIO.read(directory: directory, name: fileName) else {
      return ([:], 0)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.hasPrefix(header) else { return ([:], bytes.isEmpty ? 0 : Int.max / 4) }
    var entries: [String: IndexEntry] = [:]
    var lines = 0
    for line in text.dropFirst(header.count).split(separator: "\n") {
      lines += 1
      // A torn last line (a writer killed mid-append) simply fails to parse.
      if let entry = IndexEntry(line: line) { entries[entry.id] = entry }
    }
    return (entries, lines)
  }

  /// Appends lines; errors are ignored because the index is only a cache.
  static func append(directory: Int32, _ entries: [IndexEntry]) {
    guard !entries.isEmpty else { return }
    let fd = openat(directory, fileName, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    fchmod(fd, 0o600)
    var info = stat()
    var text = ""
    if fstat(fd, &info) == 0 {
      if info.st_size == 0 {
        text = header
      } else {
        // A writer killed mid-append leaves a torn line: end it so ours stays whole.
        var last: UInt8 = 0
        if pread(fd, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") { text = "\n" }
      }
    }
    for entry in entries { text += entry.line }
    try? FileIO.writeAll(fd, Array(text.utf8))
  }

  /// Rewrites the index whole from `entries`.
  static func rewrite(directory: Int32, _ entries: [IndexEntry]) throws(StoreError) {
    var text = header
    text.reserveCapacity(entries.count * 120)
    for entry in entries.sorted(by: { $0.id < $1.id }) { text += entry.line }
    try FileIO.replaceDurably(directory: directory, name: fileName, bytes: Array(text.utf8))
  }
}
