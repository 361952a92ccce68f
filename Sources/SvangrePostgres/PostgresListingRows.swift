import Glibc
import PostgresNIO
import SvangreStore

/// A listing's records in the order they arrived (`Listing`): each record's summary, its
/// folded name and CPR key in two buffers, and its sort key. A value, changed only by its
/// mutating methods — each one exclusive access, not one per field it touches (the checks
/// of a class's fields cost a quarter of the parsing).
struct ListingRows {
  let server: String
  private var summaries: [RecordSummary] = []
  /// The folded names back to back, each from `nameStarts[i]` to `nameStarts[i + 1]`.
  private(set) var names: [UInt8] = []
  private var nameStarts: [Int] = [0]
  /// The CPR keys, the same way.
  private(set) var cprs: [UInt8] = []
  private var cprStarts: [Int] = [0]
  private var keys: [SortKey] = []
  /// Each record's id's first sixteen bytes as two integers, for records alike in name.
  private var ids: [(UInt64, UInt64)] = []
  /// A part held a value with a separator in it: the listing must be read row by row.
  private(set) var separatorInAValue = false

  /// The first sixteen bytes of a record's folded name as two integers in the bytes'
  /// order (zeros after its end): most records are placed by these alone.
  struct SortKey {
    var high: UInt64, low: UInt64
    var index: Int
  }

  init(server: String) { self.server = server }

  var unusable: StoreError { .unusable(path: server, reason: "svangre.records") }

  /// One part of `Listing.inParts`: its rows parsed as bytes. A row that is not eleven
  /// fields, or whose numbers are not numbers, sets `separatorInAValue`, and the parts
  /// after it are not read.
  mutating func append(part row: PostgresRow) throws {
    guard !separatorInAValue else { return }
    guard let cell = row.first, cell.dataType == .text, cell.format == .binary else { throw unusable }
    // No value: a part of the table that holds no record.
    guard let bytes = cell.bytes else { return }
    separatorInAValue = !bytes.withUnsafeReadableBytes { parse($0) }
  }

  /// The rows of one part; false at the first that is not as `Listing.inParts` makes them.
  private mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var fields: [Range<Int>] = []
    fields.reserveCapacity(11)
    var start = 0
    for index in 0...bytes.count {
      let byte: UInt8 = index < bytes.count ? bytes[index] : 0x1E
      guard byte == 0x1F || byte == 0x1E else { continue }
      fields.append(start..<index)
      start = index + 1
      guard byte == 0x1E else { continue }
      func text(_ field: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[fields[field]]), as: UTF8.self)
      }
      func number(_ field: Int) -> Int? {
        let digits = bytes[fields[field]]
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
      }
      guard fields.count == 11, let revision = number(3), let visitations = number(7),
        fields[4].isEmpty || number(4) != nil
      else { return false }
      add(
        id: text(0), name: text(1), cpr: UnsafeRawBufferPointer(rebasing: bytes[fields[2]]), revision: revision,
        lastLevel: number(4), dueDate: fields[5].isEmpty ? nil : text(5), status: text(6), visitations: visitations,
        updatedAt: text(8), updatedBy: text(9), folded: UnsafeRawBufferPointer(rebasing: bytes[fields[10]]))
      fields.removeAll(keepingCapacity: true)
    }
    return true
  }

  /// One row of `Listing.rowByRow`, read cell by cell from the bytes the server sent: the
  /// text columns' UTF-8, the integers' four bytes. (PostgresNIO's generic `decode` of a
  /// row's eleven values cost more than the rest of the listing: its generic types are
  /// looked up at every call.)
  mutating func append(_ row: PostgresRow) throws {
    var cells = row.makeIterator()
    func next(_ type: PostgresDataType) throws -> ByteBuffer? {
      guard let cell = cells.next(), cell.dataType == type, cell.format == .binary else { throw unusable }
      return cell.bytes
    }
    func text() throws -> String? {
      try next(.text).map { bytes in bytes.withUnsafeReadableBytes { String(decoding: $0, as: UTF8.self) } }
    }
    func integer() throws -> Int? {
      try next(.int4).map { (bytes) throws(StoreError) in
        guard bytes.readableBytes == 4, let value = bytes.getInteger(at: bytes.readerIndex, as: Int32.self) else {
          throw unusable
        }
        return Int(value)
      }
    }
    func required<Value>(_ value: Value?) throws -> Value {
      guard let value else { throw unusable }
      return value
    }
    let (id, name, cpr) = (try required(text()), try required(text()), try required(next(.text)))
    let (revision, lastLevel, dueDate) = (try required(integer()), try integer(), try text())
    let (status, visitations) = (try required(text()), try required(integer()))
    let (updatedAt, updatedBy, folded) = (try required(text()), try required(text()), try required(next(.text)))
    cpr.withUnsafeReadableBytes { cpr in
      folded.withUnsafeReadableBytes { folded in
        add(
          id: id, name: name, cpr: cpr, revision: revision, lastLevel: lastLevel, dueDate: dueDate, status: status,
          visitations: visitations, updatedAt: updatedAt, updatedBy: updatedBy, folded: folded)
      }
    }
  }

  private mutating func add(
    id: String, name: String, cpr: UnsafeRawBufferPointer, revision: Int, lastLevel: Int?, dueDate: String?,
    status: String, visitations: Int, updatedAt: String, updatedBy: String, folded: UnsafeRawBufferPointer
  ) {
    let masked = Self.appendCPRKey(cpr, to: &cprs)
    cprStarts.append(cprs.count)
    let nameStart = names.count
    names.append(contentsOf: folded)
    nameStarts.append(names.count)
    let (high, low) = Self.words(names[nameStart...])
    keys.append(SortKey(high: high, low: low, index: summaries.count))
    ids.append(Self.words(ArraySlice(id.utf8)))
    summaries.append(
      RecordSummary(
        id: id, name: name, maskedCPR: masked, revision: revision, lastLevel: lastLevel, dueDate: dueDate,
        status: RecordStatus(rawValue: status) ?? .open, visitationCount: visitations, updatedAt: updatedAt,
        updatedBy: updatedBy))
  }

  /// The first sixteen bytes as two big-endian integers, zeros after the end: integers in
  /// the bytes' order.
  static func words(_ bytes: ArraySlice<UInt8>) -> (UInt64, UInt64) {
    var words: (UInt64, UInt64) = (0, 0)
    for (offset, byte) in bytes.prefix(16).enumerated() {
      if offset < 8 {
        words.0 |= UInt64(byte) << (56 - 8 * offset)
      } else {
        words.1 |= UInt64(byte) << (120 - 8 * offset)
      }
    }
    return words
  }

  /// The records' indices in list order: by the folded name's bytes, then the id's. Sorted
  /// first as plain integers by the names' first sixteen bytes; each run of records alike
  /// in those is then put in order by the rest of their names (`memcmp`) and their ids.
  mutating func sorted() -> [Int] {
    keys.sort { a, b in a.high != b.high ? a.high < b.high : a.low < b.low }
    let summaries = summaries
    names.withUnsafeBufferPointer { names in
      nameStarts.withUnsafeBufferPointer { starts in
        ids.withUnsafeBufferPointer { ids in
          keys.withUnsafeMutableBufferPointer { keys in
            func inOrder(_ a: Int, _ b: Int) -> Bool {
              let (left, right) = (starts[a + 1] - starts[a] - 16, starts[b + 1] - starts[b] - 16)
              if min(left, right) > 0 {
                let order = memcmp(
                  names.baseAddress! + starts[a] + 16, names.baseAddress! + starts[b] + 16, min(left, right))
                if order != 0 { return order < 0 }
              }
              if left != right { return left < right }
              if ids[a] != ids[b] { return ids[a] < ids[b] }
              return summaries[a].id.utf8.lexicographicallyPrecedes(summaries[b].id.utf8)  // ids past sixteen
            }
            var start = 0
            while start < keys.count {
              var end = start + 1
              while end < keys.count, keys[end].high == keys[start].high, keys[end].low == keys[start].low { end += 1 }
              if end - start > 1 {
                var run = UnsafeMutableBufferPointer(rebasing: keys[start..<end])
                run.sort { inOrder($0.index, $1.index) }
              }
              start = end
            }
          }
        }
      }
    }
    return keys.map(\.index)
  }

  /// The summaries in `order`, moved out (not copied: no string retained and released
  /// again); this listing keeps empty ones.
  mutating func takeSummaries(in order: [Int]) -> [RecordSummary] {
    var taken: [RecordSummary] = []
    taken.reserveCapacity(order.count)
    for index in order {
      var summary = RecordSummary(
        id: "", name: "", maskedCPR: "", revision: 0, lastLevel: nil, dueDate: nil, status: .open, visitationCount: 0,
        updatedAt: "", updatedBy: "")
      swap(&summary, &summaries[index])
      taken.append(summary)
    }
    return taken
  }

  /// The folded name and CPR key of the record `index`.
  func keys(of index: Int) -> (name: ArraySlice<UInt8>, cpr: ArraySlice<UInt8>) {
    (names[nameStarts[index]..<nameStarts[index + 1]], cprs[cprStarts[index]..<cprStarts[index + 1]])
  }

  /// Appends the CPR number as `RecordQuery.cprKey` compares it (no '-', upper case) to
  /// `keys`, and returns it masked as `CPRNumber.mask` masks it, in one pass over its bytes.
  static func appendCPRKey(_ cpr: UnsafeRawBufferPointer, to keys: inout [UInt8]) -> String {
    let start = keys.count
    for byte in cpr where byte != UInt8(ascii: "-") && byte != 0x20 {
      keys.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
    }
    guard keys.count - start >= 6 else { return "XXXXXX-XXXX" }
    return String(decoding: keys[start..<start + 6], as: UTF8.self) + "-XXXX"
  }
}
