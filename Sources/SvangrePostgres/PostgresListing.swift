import Foundation
import Glibc
import PostgresNIO
import SvangreStore

extension PostgresSchema {
  /// Version 3: each record's folded name (`TextFolding`, as the file store's index keeps
  /// it), written by every save, so that neither a list's sort nor a search folds a name
  /// (100,000 folds took longer than the whole list should). Records from
  /// before are folded by the upgrade itself, 1,000 at a time.
  static let searchNames = Migration(
    version: 3, description: "the folded name for lists and search",
    statements: [
      "ALTER TABLE svangre.records ADD COLUMN search_name text",
      "GRANT UPDATE (search_name) ON svangre.records TO svangre_clinician",
    ],
    after: { (session) throws(StoreError) in
      while true {
        let rows = try session.rows("SELECT id, name FROM svangre.records WHERE search_name IS NULL LIMIT 1000")
        if rows.isEmpty { break }
        var ids: [String] = []
        var names: [String] = []
        for row in rows {
          ids.append(try session.decode(row, "id", as: String.self))
          names.append(TextFolding.fold(try session.decode(row, "name", as: String.self)))
        }
        try session.rows(
          """
          UPDATE svangre.records r SET search_name = v.search_name
          FROM unnest(\(ids)::text[], \(names)::text[]) AS v(id, search_name) WHERE r.id = v.id
          """)
      }
      try session.execute("ALTER TABLE svangre.records ALTER COLUMN search_name SET NOT NULL")
    })
}

/// The newest listing of a PostgreSQL store, in list order, with what a search compares in
/// two contiguous buffers (each record's key after a newline, which no key holds), searched
/// with `memmem` as the file store searches its index: no name is folded and no string
/// made per record.
struct Listing {
  private(set) var summaries: [RecordSummary] = []
  private var names: [UInt8] = []
  private var nameStarts: [Int] = []
  private var cprs: [UInt8] = []
  private var cprStarts: [Int] = []

  /// Reads the listing: one query whose one value is every row, its fields separated by
  /// U+001F and the rows by U+001E (control characters no value svangre saves can hold),
  /// parsed as bytes and sorted here by the folded name's bytes and the id. Decoding
  /// 100,000 rows of 11 columns through PostgresNIO took most of a list's time, and the
  /// server's sort more than the rest together. Should a value hold a separator after all
  /// (a row written by hand), the rows are read one by one instead.
  init(_ session: PostgresSession) throws(StoreError) {
    // In 64 parts of about 200 KB (by the id's hash): one value of 12 MB is received
    // copied over and over as it grows.
    let rows = try session.rows(
      #"""
      SELECT string_agg(concat_ws(E'\x1f', id, name, cpr, revision, coalesce(last_level::text, ''),
          coalesce(due_date, ''), status, visitation_count, updated_at, updated_by, search_name), E'\x1e') AS listing
      FROM svangre.records WHERE quarantined_at IS NULL GROUP BY hashtext(id) & 63
      """#)
    var read: [Entry] = []
    for row in rows {
      let text: ByteBuffer
      do {
        text = try row.decode(ByteBuffer.self)
      } catch {
        throw .unusable(path: session.location.description, reason: "svangre.records")
      }
      let parsed = text.withUnsafeReadableBytes { raw in
        Self.parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
      }
      guard let parsed else {
        read = try Self.readRowByRow(session)
        break
      }
      read += parsed
    }
    // List order (`RecordQuery.listOrder`): the folded name's bytes, then the id. Sorted as
    // keys of plain integers — the name's first sixteen bytes and the id's (ids are twelve
    // ASCII letters and digits) — with the rest of a longer name compared in one buffer:
    // no entry is copied while sorting (copying them cost half the listing).
    var pool: [UInt8] = []
    var spans: [Range<Int>] = []
    spans.reserveCapacity(read.count)
    for entry in read {
      spans.append(pool.count..<pool.count + entry.name.count)
      pool.append(contentsOf: entry.name)
    }
    func word<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ from: Int) -> UInt64 where Bytes.Index == Int {
      var value: UInt64 = 0
      for offset in from..<from + 8 {
        value = value << 8 | UInt64(offset < bytes.count ? bytes[bytes.startIndex + offset] : 0)
      }
      return value
    }
    struct Key { var high: UInt64, low: UInt64, idHigh: UInt64, idLow: UInt64, index: Int }
    var keys = read.indices.map { index in
      let id = Array(read[index].summary.id.utf8)
      return Key(
        high: word(read[index].name, 0), low: word(read[index].name, 8), idHigh: word(id, 0), idLow: word(id, 8),
        index: index)
    }
    pool.withUnsafeBufferPointer { bytes in
      keys.sort { a, b in
        if a.high != b.high { return a.high < b.high }
        if a.low != b.low { return a.low < b.low }
        let (left, right) = (spans[a.index], spans[b.index])
        if left.count > 16 || right.count > 16 {
          let common = min(left.count, right.count) - 16
          if common > 0 {
            let order = memcmp(
              bytes.baseAddress! + left.lowerBound + 16, bytes.baseAddress! + right.lowerBound + 16, common)
            if order != 0 { return order < 0 }
          }
          if left.count != right.count { return left.count < right.count }
        }
        if a.idHigh != b.idHigh { return a.idHigh < b.idHigh }
        return a.idLow < b.idLow
      }
    }
    let order = keys.map(\.index)
    summaries.reserveCapacity(read.count)
    nameStarts.reserveCapacity(read.count)
    cprStarts.reserveCapacity(read.count)
    for index in order {
      summaries.append(read[index].summary)
      nameStarts.append(names.count)
      names.append(0x0A)
      names.append(contentsOf: read[index].name)
      cprStarts.append(cprs.count)
      cprs.append(0x0A)
      cprs.append(contentsOf: read[index].cpr)
    }
  }

  /// One record as a listing reads it: its summary, folded name and CPR key.
  typealias Entry = (summary: RecordSummary, name: [UInt8], cpr: [UInt8])

  /// The listing's rows: `id name cpr revision level due status visitations at by
  /// folded`, separated as `init` asks for them; nil when a row is not so.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Entry]? {
    var read: [Entry] = []
    var fields: [Range<Int>] = []
    fields.reserveCapacity(11)
    var start = 0
    var lineStart = 0
    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
    func number(_ range: Range<Int>) -> Int? {
      guard !range.isEmpty, range.count < 10 else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    var index = 0
    while index <= bytes.count {
      let byte: UInt8 = index < bytes.count ? bytes[index] : 0x1E
      if byte == 0x1F || byte == 0x1E {
        fields.append(start..<index)
        start = index + 1
      }
      if byte == 0x1E, index > lineStart {
        guard fields.count == 11, let revision = number(fields[3]), let visitations = number(fields[7]) else {
          return nil
        }
        let (key, masked) = cprKey(bytes[fields[2]])
        let summary = RecordSummary(
          id: text(fields[0]), name: text(fields[1]), maskedCPR: masked, revision: revision,
          lastLevel: number(fields[4]), dueDate: fields[5].isEmpty ? nil : text(fields[5]),
          status: RecordStatus(rawValue: text(fields[6])) ?? .open, visitationCount: visitations,
          updatedAt: text(fields[8]), updatedBy: text(fields[9]))
        read.append((summary, Array(bytes[fields[10]]), key))
      }
      if byte == 0x1E {
        fields.removeAll(keepingCapacity: true)
        lineStart = index + 1
      }
      index += 1
    }
    return read
  }

  /// The CPR number as `RecordQuery.cprKey` compares it (no '-', upper case), and masked
  /// as `CPRNumber.mask` masks it, in one pass over its bytes.
  static func cprKey<Bytes: Sequence<UInt8>>(_ cpr: Bytes) -> (key: [UInt8], masked: String) {
    var key: [UInt8] = []
    key.reserveCapacity(10)
    for byte in cpr where byte != UInt8(ascii: "-") && byte != 0x20 {
      key.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
    }
    return (key, key.count >= 6 ? String(decoding: key.prefix(6), as: UTF8.self) + "-XXXX" : "XXXXXX-XXXX")
  }

  /// The listing row by row (11 columns decoded by PostgresNIO each): slower, and right
  /// whatever the values hold.
  static func readRowByRow(_ session: PostgresSession) throws(StoreError) -> [Entry] {
    var read: [Entry] = []
    for row in try session.rows(
      """
      SELECT id, name, cpr, revision, last_level, due_date, status, visitation_count, updated_at, updated_by, search_name
      FROM svangre.records WHERE quarantined_at IS NULL
      """)
    {
      do {
        let (id, name, cpr, revision, lastLevel, dueDate, status, visitations, updatedAt, updatedBy, searchName) =
          try row.decode((String, String, String, Int, Int?, String?, String, Int, String, String, String).self)
        let (key, masked) = cprKey(cpr.utf8)
        let summary = RecordSummary(
          id: id, name: name, maskedCPR: masked, revision: revision, lastLevel: lastLevel, dueDate: dueDate,
          status: RecordStatus(rawValue: status) ?? .open, visitationCount: visitations, updatedAt: updatedAt,
          updatedBy: updatedBy)
        read.append((summary, Array(searchName.utf8), key))
      } catch {
        throw .unusable(path: session.location.description, reason: "svangre.records")
      }
    }
    return read
  }

  /// `RecordQuery`'s matches, in list order.
  func search(_ text: String) -> [RecordSummary] {
    let query = RecordQuery(text)
    if let cpr = query.cprKey {
      return Self.find([0x0A] + Array(cpr.utf8), in: cprs, starts: cprStarts).map { summaries[$0] }
    }
    guard !query.nameKey.isEmpty else { return summaries }
    return Self.find(Array(query.nameKey.utf8), in: names, starts: nameStarts).map { summaries[$0] }
  }

  /// The records whose key holds `needle` (no newline in it except a leading one), once
  /// each, in order.
  static func find(_ needle: [UInt8], in haystack: [UInt8], starts: [Int]) -> [Int] {
    var found: [Int] = []
    haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { wanted in
        guard let base = hay.baseAddress, let pattern = wanted.baseAddress, !wanted.isEmpty else { return }
        var offset = 0
        // memchr for the first byte, memcmp for the rest (Glibc's module has no memmem).
        while offset + wanted.count <= hay.count,
          let hit = memchr(base + offset, Int32(wanted[0]), hay.count - offset - wanted.count + 1)
        {
          let position = base.distance(to: UnsafeRawPointer(hit))
          guard memcmp(hit, pattern, wanted.count) == 0 else {
            offset = position + 1
            continue
          }
          // The record whose key holds the hit: the last one starting at or before it.
          var (low, high) = (0, starts.count)
          while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= position { low = middle + 1 } else { high = middle }
          }
          let record = low - 1
          found.append(record)
          offset = record + 1 < starts.count ? starts[record + 1] : hay.count
        }
      }
    }
    return found
  }
}
