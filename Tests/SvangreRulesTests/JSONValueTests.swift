import Foundation
import SvangreRules
import Testing

@Suite("JSONValue")
struct JSONValueTests {
  static let texts = [
    "", "plain", "a\"b\\c", "line\nbreak\r\n\ttab", "æøå ÆØÅ", "👩‍⚕️ jordemoder", "\u{7F}\u{85}\u{2028}",
    String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "end", "\"", "\\\\", "ends with \\",
  ]

  @Test("A string is written as JSON that reads back as the same string", arguments: texts)
  func stringRoundTrip(_ text: String) throws {
    let json = JSONValue.array([.string(text), .object([(text, .string(text))])]).serialized()
    let read = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
    #expect(read.first as? String == text)
    #expect((read.last as? [String: String])?[text] == text)
  }

  @Test("Quotes, backslashes and control characters are escaped; everything else is kept as it is")
  func escapes() {
    #expect(JSONValue.string("a\"b\\c\nd\re\tf\u{01}g\u{1F}æ😀").serialized() == #""a\"b\\c\nd\re\tf\u0001g\u001fæ😀""#)
  }

  /// What a command writes member by member is what the same tree serialises to, compact
  /// and pretty: one writer, whichever way it is driven.
  @Test func writingMemberByMemberGivesTheTreesText() {
    let tree = JSONValue.object([
      ("a", .array([.int(1), .object([]), .array([]), .object([("x", .null)])])), ("b", .string("æ")),
    ])
    for pretty in [false, true] {
      var writer = JSONWriter(pretty: pretty)
      writer.beginObject()
      writer.key("a")
      writer.beginArray()
      writer.int(1)
      writer.value(.object([]))
      writer.beginArray()
      writer.endArray()
      writer.beginObject()
      writer.key("x")
      writer.null()
      writer.endObject()
      writer.endArray()
      writer.key("b")
      writer.string("æ")
      writer.endObject()
      #expect(String(decoding: writer.bytes, as: UTF8.self) == tree.serialized(pretty: pretty))
    }
    #expect(
      tree.serialized(pretty: true)
        == "{\n  \"a\": [\n    1,\n    {},\n    [],\n    {\n      \"x\": null\n    }\n  ],\n  \"b\": \"æ\"\n}")
  }

  /// One type reads and writes: an object read from text has its keys sorted, so a value
  /// read back from a record file prints as it was saved; what svangre builds keeps the
  /// order it was built in.
  @Test func objectsReadInKeyOrderAndWrittenInTheOrderBuilt() throws {
    let read = try #require(JSONValue.parse(Data(#"{"b": 1, "a": {"d": null, "c": [true, 2.5, "x"]}}"#.utf8)))
    #expect(read.serialized() == #"{"a":{"c":[true,2.5,"x"],"d":null},"b":1}"#)
    #expect(JSONValue.sortedObject(["b": .int(1), "a": .null]).serialized() == #"{"a":null,"b":1}"#)
    #expect(JSONValue.object([("b", .int(1)), ("a", .null)]).serialized() == #"{"b":1,"a":null}"#)
    #expect(read["b"] == .number(1) && read["z"] == nil && JSONValue.int(1)["b"] == nil)
    #expect(read.members?.keys.sorted() == ["a", "b"] && JSONValue.null.members == nil)
  }

  /// Equal as JSON means: members in any order, a whole number however it was made.
  @Test func equalityIsJSONs() {
    let one = JSONValue.object([("a", .int(1)), ("b", .array([.string("x"), .null]))])
    let other = JSONValue.object([("b", .array([.string("x"), .null])), ("a", .number(1))])
    #expect(one == other && one.hashValue == other.hashValue)
    #expect(one != .object([("a", .int(2)), ("b", .array([.string("x"), .null]))]))
    #expect(JSONValue.array([.null, .bool(true)]) != .array([.bool(true), .null]), "an array keeps its order")
    #expect(JSONValue.string("1") != .int(1) && JSONValue.bool(false) != .null)
  }

  /// Through `Codable`, as record files store it: the same value back, whole numbers
  /// without a fraction.
  @Test func codableRoundTrip() throws {
    let value = JSONValue.object([
      ("level", .int(3)), ("bmi", .number(31.5)), ("hours", .number(20)), ("none", .null),
      ("items", .array([.bool(false), .string("æ")])), ("nested", .sortedObject(["z": .string("1")])),
    ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    #expect(
      String(decoding: data, as: UTF8.self)
        == #"{"bmi":31.5,"hours":20,"items":[false,"æ"],"level":3,"nested":{"z":"1"},"none":null}"#)
    #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
  }
}
