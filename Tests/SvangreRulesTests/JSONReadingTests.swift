import Foundation
import Testing

@testable import SvangreRules

/// `JSONValue.parse` reads plain UTF-8 JSON in one pass and leaves everything else to
/// Foundation's `JSONDecoder`, which stays the judge of what is JSON. Wherever the one-pass
/// reader answers, it must give what `JSONDecoder` gives: the same value, members in the
/// same order.
@Suite struct JSONReadingTests {
  /// The reader's answer, if any, is `JSONDecoder`'s; `parse` is `JSONDecoder`'s answer.
  static func check(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let foundation = try? JSONDecoder().decode(JSONValue.self, from: data)
    let parsed = JSONValue.parse(data)
    #expect(parsed.map(identity) == foundation.map(identity), sourceLocation: sourceLocation)
    guard let read = JSONValue.read(data) else { return false }
    #expect(identity(read) == foundation.map(identity), sourceLocation: sourceLocation)
    return true
  }

  /// A value with its members in their order and each number's bits: `==` on `JSONValue`
  /// compares objects as sets and numbers by value.
  static func identity(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .int(let value): "int \(value)"
    case .number(let value): "number \(value.bitPattern)"
    case .string(let value): "string \(Array(value.unicodeScalars.map(\.value)))"
    case .array(let items): "[" + items.map(identity).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.map { "\(identity(.string($0.0))):\(identity($0.1))" }.joined(separator: ",") + "}"
    }
  }

  /// Every input the fuzzers kept (Fuzz/: seeds, grown corpora, regressions), JSON or not.
  @Test func theReaderAgreesWithFoundationOnEveryFuzzInput() throws {
    let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz")
    let files = try #require(FileManager.default.enumerator(at: fuzz, includingPropertiesForKeys: nil))
    var total = 0
    var read = 0
    for case let url as URL in files where !url.hasDirectoryPath {
      let data = try Data(contentsOf: url)
      total += 1
      if Self.check(data) { read += 1 }
    }
    #expect(total > 1_000, "Fuzz/ has \(total) files")
    #expect(read > total / 4, "the reader answered for \(read) of \(total)")
  }

  static let edges: [String] = [
    "", " ", "{}", "[]", " {\"a\" : [1, -0, 0.5, 1E+2, 2e-3, true, false, null]} ", "\"\"", "0", "-0", "1.0",
    "12345678901234567890123", "1e400", "-1e400", "1e-400", "-1e-400", "1e-310", "2.2250738585072014e-308", "0e-400",
    "0.0e5", "-0.0", "0.1000000000000000055511151231257827", "01", "-",
    "1.", ".5", "+1", "1e", "[1,]", "[,1]", "{\"a\":}", "{\"a\" 1}", "{a:1}", "{\"a\":1,}", "tru", "nul", "truex",
    "NaN", "Infinity", "[1] x", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\\u0041\"", "0e4", "0E4",
    "0e10", "0.00e10", "0.0e4", "-0e4", "0e-4",
    "\"\\u00e9\"", "\"\\u0000\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "\"é\"",
    "{\"a\":1,\"a\":2}", "{\"\\u00e9\":1,\"e\\u0301\":2}", "{\"b\":1,\"a\":{\"d\":[],\"c\":{}}}",
    "\u{FEFF}{}", "// c\n{}", "{\"a\":1}\u{0}",
    String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
    String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
  ]

  @Test(arguments: edges)
  func theReaderAgreesWithFoundationOnTheEdges(_ text: String) {
    _ = Self.check(Data(text.utf8))
  }

  @Test func bytesThatAreNotUTF8GoToFoundation() {
    for bytes: [UInt8] in [
      [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xC3, 0xA9, 0x22],
    ] {
      _ = Self.check(Data(bytes))
    }
    _ = Self.check("{\"a\":[1,\"ø\"]}".data(using: .utf16LittleEndian)!)
    _ = Self.check("{\"a\":[1,\"ø\"]}".data(using: .utf16)!)
  }

  /// What svangre reads in practice is read in one pass: a contract input and a record.
  @Test func plainInputIsReadInOnePass() {
    let input =
      #"{"reference_date":"2026-11-23","parity":"multiparous","dating":{"due_date":"2027-05-20"},"bmi":31,"findings":["multiple_pregnancy","rhd_negative","smoking"],"notes":"Søs \"Æ\" \u00f8\n"}"#
    #expect(Self.check(Data(input.utf8)))
  }
}
