import Foundation
import Glibc
import SvangreRules

extension FileRecordStore {
  /// Records whose name contains `query` (ignoring case and accents: "ørn" and "orn"
  /// find "Ørnsholt"), or, when the query has a digit, whose CPR number starts with it
  /// (`0101`, `010190-12`). Searches the newest listing: call `list()` to see other
  /// terminals' changes.
  public func search(_ query: String) throws(StoreError) -> [RecordSummary] {
    if !refreshed { try refresh() }
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    let entries = sorted()
    let all = summaries()
    guard !trimmed.isEmpty else { return all }
    let haystack = searchCache ?? SearchHaystack(entries)
    let (needle, isCPR) = SearchHaystack.needle(for: trimmed)
    return haystack.matches(needle, inCPR: isCPR).map { all[$0] }
  }
}

/// Substring search over every record's folded name (and CPR digits) at once: one
/// contiguous buffer and memmem, so 100,000 records search in a few milliseconds.
struct SearchHaystack {
  private var names: [UInt8] = []
  private var nameStarts: [Int] = []
  private var cprs: [UInt8] = []
  private var cprStarts: [Int] = []

  init(_ entries: [IndexEntry]) {
    names.reserveCapacity(entries.count * 24)
    cprs.reserveCapacity(entries.count * 11)
    nameStarts.reserveCapacity(entries.count)
    cprStarts.reserveCapacity(entries.count)
    for entry in entries {
      nameStarts.append(names.count)
      names.append(contentsOf: entry.fold.utf8)
      names.append(0x0A)
      cprStarts.append(cprs.count)
      cprs.append(0x0A)
      for byte in entry.cpr.utf8 where byte != UInt8(ascii: "-") { cprs.append(byte) }
    }
  }

  /// What a query is looked for as: the start of a CPR number (a newline, then the query
  /// without dashes and spaces, upper case) when it has a digit, else in the folded names.
  static func needle(for query: String) -> (needle: [UInt8], inCPR: Bool) {
    guard query.contains(where: \.isNumber) else { return (Array(TextFolding.fold(query).utf8), false) }
    let digits = query.utf8.filter { $0 != UInt8(ascii: "-") && $0 != 0x20 }.map {
      ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0
    }
    return ([0x0A] + digits, true)
  }

  /// The offset of the first occurrence of `pattern`, found with memchr on its first byte
  /// and memcmp on the rest (glibc's memmem is not visible from Swift).
  static func find(_ pattern: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
    guard pattern.count <= haystack.count, let base = haystack.baseAddress else { return nil }
    let first = Int32(pattern[0])
    var offset = 0
    let last = haystack.count - pattern.count
    while offset <= last {
      guard let found = memchr(base + offset, first, last - offset + 1) else { return nil }
      let position = base.distance(to: UnsafeRawPointer(found))
      if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return position }
      offset = position + 1
    }
    return nil
  }

  /// Indices of the matching entries, in order.
  func matches(_ needle: [UInt8], inCPR: Bool) -> [Int] {
    let buffer = inCPR ? cprs : names
    let starts = inCPR ? cprStarts : nameStarts
    guard !needle.isEmpty, !buffer.isEmpty else { return [] }
    var result: [Int] = []
    buffer.withUnsafeBytes { haystack in
      needle.withUnsafeBytes { pattern in
        var offset = 0
        while offset < haystack.count,
          let hit = SearchHaystack.find(pattern, in: UnsafeRawBufferPointer(rebasing: haystack[offset...]))
        {
          let position = offset + hit
          // The entry holding the hit: the last start at or before it.
          var low = 0
          var high = starts.count - 1
          while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
          }
          result.append(low)
          offset = low + 1 < starts.count ? starts[low + 1] : haystack.count
        }
      }
    }
    return result
  }
}

/// Sorting by folded name, then id (the record list's order), over one contiguous buffer:
/// the first eight bytes compared as one integer settle most comparisons and memcmp the
/// rest, with no String or reference counting in the comparator (100,000 names in a few
/// tens of ms).
struct SortKeys {
  private let ids: [String]
  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var prefixes: [UInt64] = []

  init<Items: Collection>(_ items: Items, fold: (Items.Element) -> String, id: (Items.Element) -> String) {
    ids = items.map(id)
    bytes.reserveCapacity(items.count * 24)
    for item in items {
      starts.append(bytes.count)
      bytes.append(contentsOf: fold(item).utf8)
      lengths.append(bytes.count - starts[starts.count - 1])
    }
    prefixes = (0..<ids.count).map { [bytes, starts, lengths] index in
      var key: UInt64 = 0
      for offset in 0..<8 {
        key = key << 8 | (offset < lengths[index] ? UInt64(bytes[starts[index] + offset]) : 0)
      }
      return key
    }
  }

  /// `entries` in the list's order.
  static func sorted(_ entries: [IndexEntry]) -> [IndexEntry] {
    SortKeys(entries, fold: \.fold, id: \.id).order().map { entries[$0] }
  }

  /// The positions of the items in the list's order.
  func order() -> [Int] {
    var order = Array(0..<ids.count)
    bytes.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        lengths.withUnsafeBufferPointer { lengths in
          prefixes.withUnsafeBufferPointer { prefixes in
            order.sort { a, b in
              if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
              let common = min(lengths[a], lengths[b])
              if common > 8 {
                let order = memcmp(bytes.baseAddress! + starts[a] + 8, bytes.baseAddress! + starts[b] + 8, common - 8)
                if order != 0 { return order < 0 }
              }
              if lengths[a] != lengths[b] { return lengths[a] < lengths[b] }
              return ids[a] < ids[b]
            }
          }
        }
      }
    }
    return order
  }

  /// Whether the record with folded name `fold` and id `id` comes before the other in the
  /// list's order: `order()`'s comparison, for merging lists it sorted.
  static func precedes(fold: String, id: String, _ otherFold: String, _ otherID: String) -> Bool {
    // Native strings' bytes are compared in place (a merge of 30,000 records compares
    // tens of thousands of names); any other String by its UTF-8 view.
    let order =
      fold.utf8.withContiguousStorageIfAvailable { a in
        otherFold.utf8.withContiguousStorageIfAvailable { b in
          let length = min(a.count, b.count)
          let common = length == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, length)
          return common != 0 ? Int(common) : a.count - b.count
        }
      } ?? nil
    if let order { return order == 0 ? id < otherID : order < 0 }
    if fold.utf8.elementsEqual(otherFold.utf8) { return id < otherID }
    return fold.utf8.lexicographicallyPrecedes(otherFold.utf8)
  }
}
