import Foundation
import SvangreRules
import Testing

@Suite("OrderedJSON")
struct OrderedJSONTests {
  static let texts = [
    "", "plain", "a\"b\\c", "line\nbreak\r\n\ttab", "æøå ÆØÅ", "👩‍⚕️ jordemoder", "\u{7F}\u{85}\u{2028}",
    String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "end", "\"", "\\\\", "ends with \\",
  ]

  @Test("A string is written as JSON that reads back as the same string", arguments: texts)
  func stringRoundTrip(_ text: String) throws {
    let json = OrderedJSON.array([.string(text), .object([(text, .string(text))])]).serialized()
    let read = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
    #expect(read.first as? String == text)
    #expect((read.last as? [String: String])?[text] == text)
  }

  @Test("Quotes, backslashes and control characters are escaped; everything else is kept as it is")
  func escapes() {
    #expect(OrderedJSON.string("a\"b\\c\nd\re\tf\u{01}g\u{1F}æ😀").serialized() == #""a\"b\\c\nd\re\tf\u0001g\u001fæ😀""#)
  }
}
