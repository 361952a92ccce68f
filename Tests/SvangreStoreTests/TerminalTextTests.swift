import Foundation
import SvangreRules
import Testing

@testable import SvangreStore

@Suite("TerminalText: what a terminal would act on is shown, never passed on")
struct TerminalTextTests {
  @Test(
    "Each control has its harmless form",
    arguments: [
      ("\u{1B}[2J", "␛[2J"), ("\u{7}", "␇"), ("\u{0}", "␀"), ("\u{7F}", "␡"), ("a\rb", "a b"), ("a\r\nb", "a  b"),
      ("a\tb\nc", "a b c"), ("\u{9B}31m", "�31m"), ("\u{85}", " "), ("\u{2028}\u{2029}", "  "),
      ("abc\u{202E}def", "abc�def"), ("\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{61C}", "�������"),
    ])
  func shown(text: String, expected: String) {
    #expect(TerminalText.safe(text) == expected)
    #expect(TerminalText.safe(expected) == expected)
  }

  @Test func ordinaryTextIsUnchanged() {
    for text in ["Søs Æbelø Ørnsholt", "e\u{301}", "👩‍⚕️ 12+3 – ≥ 30", "ıİ", "日本"] {
      #expect(TerminalText.safe(text) == text)
    }
  }

  @Test func jsonKeepsItsMeaning() throws {
    let json = #"{"a":"x\#u{9B}y\#u{202E}z\#u{7F}","b":"\u001b"}"#
    let escaped = TerminalText.escapingJSON(json)
    #expect(escaped == #"{"a":"x\u009by\u202ez\u007f","b":"\u001b"}"#)
    let decoded = try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8))
    #expect(decoded["a"] == "x\u{9B}y\u{202E}z\u{7F}")
  }

  /// `svangre due` writes its JSON as it goes with a terminal writer instead of escaping a
  /// serialised tree afterwards: the same bytes for every string, one pass.
  @Test(arguments: [
    "x\u{9B}y\u{202E}z\u{7F}", "\u{1B}]52;c;aGk=\u{7}", "Søs Æbelø 👩‍⚕️\u{2028}\u{2029}\u{85}", "\u{61C}\u{200E}\u{2066}",
    "plain", "", "a\"b\\c\r\n\u{0}", "e\u{301}\u{10FFFF}",
  ])
  func terminalWriterEscapesAsEscapingJSON(text: String) throws {
    let value = JSONValue.object([(text, .array([.string(text), .int(1), .null]))])
    for pretty in [false, true] {
      var writer = JSONWriter.forTerminal(pretty: pretty)
      writer.value(value)
      let written = String(decoding: writer.bytes, as: UTF8.self)
      #expect(written == TerminalText.escapingJSON(value.serialized(pretty: pretty)))
      let read = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: [Any]]
      #expect(read?[text]?.first as? String == text)
    }
  }

  /// The writer looks at eight bytes at a time: a character to escape at any place in a
  /// word, or on a word's edge, is found all the same.
  @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "é", "\u{202E}", "\u{85}", "😀"])
  func everyPlaceInAWord(special: String) throws {
    for position in 0..<20 {
      let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: 19 - position)
      var writer = JSONWriter.forTerminal()
      writer.string(text)
      #expect(
        String(decoding: writer.bytes, as: UTF8.self) == TerminalText.escapingJSON(JSONValue.string(text).serialized()))
      var plain = JSONWriter()
      plain.string(text)
      #expect(try JSONSerialization.jsonObject(with: Data(plain.bytes), options: .fragmentsAllowed) as? String == text)
    }
  }
}
