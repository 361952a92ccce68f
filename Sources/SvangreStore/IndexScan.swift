import Glibc

/// The fields of one record line of the index, split at its tabs in place (no copy, and no
/// allocation once the first line has sized the buffer): at 100,000 lines, an array per
/// line was a tenth of reading the index.
struct IndexLineFields {
  static let count = 19
  private var fields: [UnsafeBufferPointer<UInt8>] = []

  init() { fields.reserveCapacity(Self.count) }

  /// Splits `line` (without its newline); true when it is a record line (`r`) of exactly
  /// `count` fields. Each tab is found with `memchr` rather than by a walk byte by byte
  /// (the split was a tenth of `svangre due`); the last field, the programme, is most of a
  /// line and must hold no tab.
  mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    fields.removeAll(keepingCapacity: true)
    guard let base = line.baseAddress else { return false }
    var start = 0
    while fields.count < Self.count - 1 {
      guard let tab = memchr(base + start, 0x09, line.count - start) else { return false }
      let end = base.distance(to: tab.assumingMemoryBound(to: UInt8.self))
      fields.append(UnsafeBufferPointer(rebasing: line[start..<end]))
      start = end + 1
    }
    if memchr(base + start, 0x09, line.count - start) != nil { return false }
    fields.append(UnsafeBufferPointer(rebasing: line[start...]))
    return fields[0].count == 1 && fields[0][0] == UInt8(ascii: "r")
  }

  subscript(index: Int) -> UnsafeBufferPointer<UInt8> { fields[index] }

  /// The id of a record line (`r`, the id, …), found without splitting the rest; nil for
  /// any other line.
  static func id(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
    guard line.count > 3, line[0] == UInt8(ascii: "r"), line[1] == 0x09 else { return nil }
    var end = 2
    while end < line.count, line[end] != 0x09 { end += 1 }
    return end > 2 && end < line.count ? UnsafeBufferPointer(rebasing: line[2..<end]) : nil
  }

  /// The record's status, visitation count, programme tag and span (fields 9, 12, 15–17):
  /// what decides whether a worklist needs the line, read without making the entry.
  var status: RecordStatus? { RecordStatus(rawValue: String(decoding: fields[9], as: UTF8.self)) }
  var visitations: Int? { IndexEntry.number(fields[12]) }
  func isTagged(_ tag: [UInt8]) -> Bool {
    fields[15].count == tag.count && (tag.isEmpty || memcmp(fields[15].baseAddress!, tag, tag.count) == 0)
  }
  var span: ClosedRange<Int>? {
    guard let start = IndexEntry.number(fields[16]), let end = IndexEntry.number(fields[17]), start <= end else {
      return nil
    }
    return start...end
  }
}

extension StoreIndex {
  /// What `scan` found: each part's `finish` of the values made of the latest lines, the
  /// number of distinct records the lines describe, and the stamp that ends the index.
  struct Scan<Part> {
    var parts: [Part]
    var records: Int
    var stamp: IndexStamp
  }

  /// The latest line of each record, made into a value by `make` (nil: the record is not
  /// wanted); every other line is only split. Nil when the index does not end in a stamp
  /// (`IndexStamp`): the caller then lists the store.
  ///
  /// At 100,000 records the work is split over the cores by record: each part reads the
  /// whole index (a copy from the page cache, cheap beside the rest) and splits, judges and
  /// makes the lines of its own records only, so no two parts touch the same record; each
  /// part's values are then handed to `finish` on the same core (the worklist checks and
  /// sorts its records there, with no wait for the other parts). `parts` chooses the number
  /// of parts (tests); the default follows the index's size.
  static func scan<Value, Part>(
    directory: StoreDirectory, parts: Int? = nil, make: (IndexLineFields) -> Value?, finish: ([Value]) -> Part
  ) -> Scan<Part>? {
    // Parts only for a large index (about 2,000 records); a wrong size only costs time.
    let parts = parts ?? Parallel.parts(for: Int(directory.identity(of: fileName)?.size ?? 0), minimum: 600_000)
    let scans = Parallel.run(parts: parts) { part -> (part: Part, records: Int, stamp: IndexStamp)? in
      guard let scan = scan(directory: directory, part: part, of: parts, make: make) else { return nil }
      return (finish(scan.values), scan.records, scan.stamp)
    }
    guard let stamp = scans[0]?.stamp, scans.allSatisfy({ $0 != nil && $0?.stamp == stamp }) else { return nil }
    return Scan(parts: scans.map { $0!.part }, records: scans.reduce(0) { $0 + $1!.records }, stamp: stamp)
  }

  /// `scan` of the records whose id ends in a byte that is `part` modulo `parts`.
  private static func scan<Value>(
    directory: StoreDirectory, part: Int, of parts: Int, make: (IndexLineFields) -> Value?
  ) -> (values: [Value], records: Int, stamp: IndexStamp)? {
    // Later lines win: each record's latest line, made if `make` wanted it (after a
    // rewrite, the only line). The table holds positions in `made` (-1: not wanted), not
    // the values, which can be large: moving them as the table grows was most of a scan.
    var latest: [String: Int] = [:]
    var made: [Value] = []
    var stamp: IndexStamp?
    var fields = IndexLineFields()
    // A line is 300–500 bytes (most of it the programme); sized for the file at once, since
    // growing to 100,000 records rehashed the table a dozen times.
    let sized = { (bytes: Int) in latest.reserveCapacity(bytes / 256 / parts) }
    let read = forEachLine(directory: directory, size: sized) { line, ended in
      if !ended {
        stamp = nil  // a torn last line: no stamp ends the index
      } else if parts > 1, let id = IndexLineFields.id(line), Int(id[id.count - 1]) % parts != part {
        stamp = nil  // another part's record
      } else if fields.split(line) {
        var position = -1
        if let value = make(fields) {
          position = made.count
          made.append(value)
        }
        latest[String(decoding: fields[1], as: UTF8.self)] = position
        stamp = nil
      } else if !line.isEmpty {
        stamp = IndexStamp(bytes: line)
      }
    }
    guard read == .read, let stamp else { return nil }
    // Values a later line of their record replaced are left out; in the order they were made.
    if made.count > latest.count - latest.values.count(where: { $0 < 0 }) {
      let kept = Set(latest.values)
      made = made.indices.filter(kept.contains).map { made[$0] }
    }
    return (made, latest.count, stamp)
  }
}
