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
/// with `memchr`/`memcmp` as the file store searches its index: no name is folded and no
/// string made per record.
struct Listing {
  private(set) var summaries: [RecordSummary] = []
  private var names: [UInt8] = []
  private var nameStarts: [Int] = []
  private var cprs: [UInt8] = []
  private var cprStarts: [Int] = []

  /// Reads the listing: the list columns of every record, in parts of about 1,000 records
  /// (`inParts`), each part taken apart by `ListingRows` as it arrives — on PostgresNIO's
  /// event loop while the server computes the next, so that the two share the machine's
  /// cores — and then sorted here in list order (`RecordQuery.listOrder`: the folded name's
  /// bytes, then the id), not by the server (its sort of 100,000 rows took longer than the
  /// rest of the listing). Should a value hold a separator after all (a row written by
  /// hand), the rows are read one by one instead (`rowByRow`).
  init(_ session: PostgresSession) throws(StoreError) {
    let server = session.location.description
    let parts = Received(ListingRows(server: server))
    try session.forEachRow(Self.inParts) { part in try parts.rows.append(part: part) }
    var rows = parts.rows
    if rows.separatorInAValue {
      let single = Received(ListingRows(server: server))
      try session.forEachRow(Self.rowByRow) { row in try single.rows.append(row) }
      rows = single.rows
    }
    let order = rows.sorted()
    nameStarts.reserveCapacity(order.count)
    cprStarts.reserveCapacity(order.count)
    names.reserveCapacity(rows.names.count + order.count)
    cprs.reserveCapacity(rows.cprs.count + order.count)
    for index in order {
      let (name, cpr) = rows.keys(of: index)
      nameStarts.append(names.count)
      names.append(0x0A)
      names.append(contentsOf: name)
      cprStarts.append(cprs.count)
      cprs.append(0x0A)
      cprs.append(contentsOf: cpr)
    }
    summaries = rows.takeSummaries(in: order)
  }

  /// The listing's rows as they arrive, on PostgresNIO's event loop; read by the caller's
  /// thread once the statement has ended (the wait for it orders the two).
  final class Received: @unchecked Sendable {
    var rows: ListingRows
    init(_ rows: ListingRows) { self.rows = rows }
  }

  /// The listing in parts, each one value: the records of 64 of the table's pages (a TID
  /// range scan, about 1,000 records), their rows separated by U+001E and their fields by
  /// U+001F (control characters no value svangre saves can hold). The server sends each
  /// part as soon as it is made, all in one statement (one snapshot: every record once).
  /// One value per part, not one per record: PostgresNIO's handling of each row it
  /// receives cost more than the server's work for it; and not one for the whole listing,
  /// which the server would send only once it had aggregated every record.
  static let inParts: PostgresQuery = #"""
    SELECT (SELECT string_agg(concat_ws(E'\x1f', id, name, cpr, revision, coalesce(last_level::text, ''),
        coalesce(due_date, ''), status, visitation_count, updated_at, updated_by, search_name), E'\x1e')
      FROM svangre.records
      WHERE ctid >= format('(%s,0)', part)::tid AND ctid < format('(%s,0)', part + 64)::tid
        AND quarantined_at IS NULL) AS part
    FROM generate_series(0, (pg_relation_size('svangre.records') / current_setting('block_size')::int)::int, 64)
      AS part
    """#

  /// The listing row by row: slower, and right whatever the values hold.
  static let rowByRow: PostgresQuery = """
    SELECT id, name, cpr, revision, last_level, due_date, status, visitation_count, updated_at, updated_by, search_name
    FROM svangre.records WHERE quarantined_at IS NULL
    """

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
