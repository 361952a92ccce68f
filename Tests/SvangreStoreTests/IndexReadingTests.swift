import Foundation
import Glibc
import SvangreRules
import Testing

@testable import SvangreStore

/// How the index is read at 100,000 records: a megabyte at a time (`forEachLine`), and split
/// over the cores by record (`scan`). Both must read exactly what one pass over the whole
/// file reads, whatever falls on a buffer's edge or in another part.
extension WorklistStoreTests {
  /// An index of `count` record lines made from one real line under other ids (some
  /// records saved twice, the later line winning), ending in the store's own stamp.
  func largeIndex(records count: Int) throws -> (directory: StoreDirectory, text: String) {
    let store = try temp.open()
    try woman("Åse Holm", store)
    _ = try store.list()
    let text = try String(contentsOfFile: temp.directory + "/index.tsv", encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let record = try #require(lines.first { $0.hasPrefix("r\t") })
    let stamp = try #require(lines.last { $0.hasPrefix("v\t") })
    var fields = record.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    var index = StoreIndex.header
    for number in 0..<count {
      let digits = String(number, radix: 36)
      fields[1] = "rec" + String(repeating: "0", count: 9 - digits.count) + digits
      fields[3] = String(number % 7 == 0 ? 1 : 2)  // the revision: the second line of every seventh wins
      index += fields.joined(separator: "\t") + "\n"
      if number % 7 == 0 {
        fields[3] = "2"
        index += fields.joined(separator: "\t") + "\n"
      }
    }
    index += stamp + "\n"
    let directory = store.files
    try directory.replace(StoreIndex.fileName, with: Array(index.utf8))
    return (directory, index)
  }

  @Test("the index read a megabyte at a time gives every line as one read of the whole file does")
  func linesAcrossBuffers() throws {
    var (directory, text) = try largeIndex(records: 4_000)
    // A line longer than the buffer, and a torn last line.
    text += "x" + String(repeating: "y", count: 1_200_000) + "\n" + "r\ttorn"
    try directory.replace(StoreIndex.fileName, with: Array(text.utf8))
    var read: [(String, Bool)] = []
    #expect(
      StoreIndex.forEachLine(directory: directory) { read.append((String(decoding: $0, as: UTF8.self), $1)) } == .read)
    let expected = text.dropFirst(StoreIndex.header.count).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(text.utf8.count > 2 << 20)
    #expect(read.map(\.0) == expected.map(String.init))
    #expect(read.map(\.1) == expected.indices.map { $0 != expected.count - 1 })
  }

  @Test("an index that is empty, only a header, or not an index reads as such")
  func smallIndexes() throws {
    let directory = try temp.open().files
    for (text, expected) in [
      ("", StoreIndex.LineSource.empty), (StoreIndex.header, .read), ("svangre-index\t2\n", .notAnIndex),
      ("svangre", .notAnIndex),
    ] {
      try directory.replace(StoreIndex.fileName, with: Array(text.utf8))
      var lines = 0
      #expect(StoreIndex.forEachLine(directory: directory) { _, _ in lines += 1 } == expected)
      #expect(lines == 0)
    }
  }

  @Test("the scan split over parts finds the same latest lines, records and stamp as one pass", arguments: [2, 3, 8])
  func scanInParts(parts: Int) throws {
    let (directory, _) = try largeIndex(records: 3_000)
    let keep: (IndexLineFields) -> Bool = { fields in
      IndexEntry.number(UnsafeBufferPointer(rebasing: fields[1].suffix(1))).map { $0 % 2 == 0 } ?? true
    }
    let scan = { (parts: Int) in
      StoreIndex.scan(
        directory: directory, parts: parts, make: { keep($0) ? IndexEntry(fields: $0) : nil }, finish: { $0 })
    }
    let whole = try #require(scan(1))
    let split = try #require(scan(parts))
    #expect(whole.records == 3_000 && split.records == whole.records && split.stamp == whole.stamp)
    #expect(whole.parts.count == 1 && split.parts.count == parts)
    let revisions = { (scan: StoreIndex.Scan<[IndexEntry]>) in
      Dictionary(uniqueKeysWithValues: scan.parts.joined().map { ($0.id, $0.revision) })
    }
    #expect(revisions(split) == revisions(whole))
    #expect(whole.parts[0].count > 1_000 && whole.parts[0].count < 3_000)
    #expect(revisions(whole).values.allSatisfy { $0 == 2 })
  }
}
