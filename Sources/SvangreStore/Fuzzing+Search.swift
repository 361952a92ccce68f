import Foundation

@_spi(Fuzzing)
extension StoreFuzzing {
  /// The store's search and sort over the listing (`record search`, every list), which
  /// work on raw bytes with `memchr` and `memcmp`: the first line is the query, each
  /// further line (up to 32) a record's name and CPR number. Both must agree with a plain
  /// search of each entry on its own, and the sort with a plain comparison of the names.
  public static func search(_ text: String) {
    // Split on the byte, not the Character: "\r\n" is one Character.
    let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      String(decoding: Array($0), as: UTF8.self)
    }
    let query = lines[0].trimmingCharacters(in: .whitespacesAndNewlines)
    let entries = lines.dropFirst().prefix(32).enumerated().compactMap { index, line in
      entry(line, id: "fuzz" + String(1000 + index))
    }
    let sorted = SortKeys.sorted(entries).map(\.id)
    // `precedes` is the plain comparison, and what the worklist merges sorted parts by.
    let expected = entries.sorted { SortKeys.precedes(fold: $0.fold, id: $0.id, $1.fold, $1.id) }.map(\.id)
    require(sorted == expected, "the listing's sort disagrees with a plain comparison of the names")
    guard !query.isEmpty else { return }
    let (needle, inCPR) = SearchHaystack.needle(for: query)
    let found = SearchHaystack(entries).matches(needle, inCPR: inCPR)
    // A newline inside what is looked for may match across two entries, where a plain
    // search of one entry cannot; a query is one line, so only the bounds are checked then.
    guard !needle.dropFirst(inCPR ? 1 : 0).contains(0x0A) else {
      require(
        zip(found, found.dropFirst()).allSatisfy { $0 < $1 } && found.allSatisfy(entries.indices.contains),
        "a search found an entry out of order or out of range")
      return
    }
    let plain = entries.indices.filter { index in
      guard !needle.isEmpty else { return false }
      if inCPR {
        return Array(entries[index].cpr.utf8.filter { $0 != UInt8(ascii: "-") }).starts(with: needle.dropFirst())
      }
      return contains(Array(entries[index].fold.utf8), needle)
    }
    require(found == plain, "the store's search disagrees with a plain search of each entry")
  }

  /// An index entry with this name and CPR number, read from the line the store would write.
  private static func entry(_ line: String, id: String) -> IndexEntry? {
    var field = ""
    field.unicodeScalars.append(contentsOf: line.unicodeScalars.map { $0 == "\t" || $0 == "\r" ? " " : $0 })
    let fields = [
      "r", id, "1", "1", field, field, TextFolding.fold(field), "", "", RecordStatus.open.rawValue, "", "", "0",
      "0", "0", "", "", "", "",
    ]
    return IndexEntry(line: Substring(fields.joined(separator: "\t")))
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
  }
}
