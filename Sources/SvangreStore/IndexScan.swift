import Glibc

/// The fields of one record line of the index, split at its tabs in place (no copy, and no
/// allocation once the first line has sized the buffer): at 100,000 lines, an array per
/// line was a tenth of reading the index.
struct IndexLineFields {
  static let count = 19
  private var fields: [UnsafeBufferPointer<UInt8>] = []

  init() { fields.reserveCapacity(Self.count) }

  /// Splits `line` (without its newline); true when it is a record line (`r`) of exactly
  /// `count` fields. The last field, the programme, is most of a line and holds no tab:
  /// one `memchr` shows that instead of a walk byte by byte.
  mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    fields.removeAll(keepingCapacity: true)
    var start = 0
    var index = 0
    while index < line.count && fields.count < Self.count - 1 {
      if line[index] == 0x09 {
        fields.append(UnsafeBufferPointer(rebasing: line[start..<index]))
        start = index + 1
      }
      index += 1
    }
    guard fields.count == Self.count - 1 else { return false }
    let rest = UnsafeBufferPointer(rebasing: line[start...])
    if let base = rest.baseAddress, memchr(base, 0x09, rest.count) != nil { return false }
    fields.append(rest)
    return fields[0].count == 1 && fields[0][0] == UInt8(ascii: "r")
  }

  subscript(index: Int) -> UnsafeBufferPointer<UInt8> { fields[index] }

  /// The record's status, visitation count, programme tag and span (fields 9, 12, 15–17):
  /// what decides whether a worklist needs the line, read without making the entry.
  var status: RecordStatus? { RecordStatus(rawValue: String(decoding: fields[9], as: UTF8.self)) }
  var visitations: Int? { IndexEntry.number(fields[12]) }
  func isTagged(_ tag: [UInt8]) -> Bool { fields[15].elementsEqual(tag) }
  var span: ClosedRange<Int>? {
    guard let start = IndexEntry.number(fields[16]), let end = IndexEntry.number(fields[17]), start <= end else {
      return nil
    }
    return start...end
  }
}

extension StoreIndex {
  /// What `scan` found: the latest lines `keep` wanted, the number of distinct records the
  /// lines describe, and the stamp that ends the index.
  struct Scan {
    var entries: [IndexEntry]
    var records: Int
    var stamp: IndexStamp
  }

  /// The latest line of each record that `keep` wants, parsed into an entry; every other
  /// line is only split. Nil when the index does not end in a stamp (`IndexStamp`): the
  /// caller then lists the store.
  static func scan(directory: StoreDirectory, keep: (IndexLineFields) -> Bool) -> Scan? {
    // A line is 300–500 bytes (most of it the programme); an estimate on the low side.
    let averageLine = 256
    // Later lines win: each record's latest line, parsed if `keep` wanted it (after a
    // rewrite, the only line).
    var latest: [String: IndexEntry?] = [:]
    var stamp: IndexStamp?
    var fields = IndexLineFields()
    // Sized for the file at once: growing to 100,000 records rehashed it a dozen times.
    let read = forEachLine(directory: directory, size: { latest.reserveCapacity($0 / averageLine) }) { line, ended in
      if !ended {
        stamp = nil  // a torn last line: no stamp ends the index
      } else if fields.split(line) {
        latest[String(decoding: fields[1], as: UTF8.self)] = keep(fields) ? IndexEntry(fields: fields) : nil
        stamp = nil
      } else if !line.isEmpty {
        stamp = IndexStamp(bytes: line)
      }
    }
    guard read == .read, let stamp else { return nil }
    let entries = latest.values.compactMap { $0 }
    return Scan(entries: entries, records: latest.count, stamp: stamp)
  }
}
