import Testing

@testable import SvangreTUI

@Suite struct ScreenBufferTests {
  @Test func writesDanishLettersOneCellEach() {
    var buffer = ScreenBuffer(width: 20, height: 2)
    let used = buffer.put("Søs Æbelø", row: 0, column: 1)
    #expect(used == 9)
    #expect(buffer.line(0) == " Søs Æbelø")
  }

  @Test func normalisesToNFC() {
    var buffer = ScreenBuffer(width: 10, height: 1)
    buffer.put("A\u{30A}ge", row: 0, column: 0)  // A + combining ring = Å
    #expect(buffer.line(0) == "Åge")
    #expect(buffer[0, 0].text == "Å")
  }

  @Test func wideCharactersTakeTwoCells() {
    var buffer = ScreenBuffer(width: 6, height: 1)
    #expect(buffer.put("日本x", row: 0, column: 0) == 5)
    #expect(buffer[0, 1].isContinuation)
    #expect(buffer.line(0) == "日本x")
    // Overwriting half a wide character blanks the other half.
    buffer.put("a", row: 0, column: 1)
    #expect(buffer.line(0) == " a本x")
  }

  @Test func clipsAtTheEdgeAndLimit() {
    var buffer = ScreenBuffer(width: 5, height: 1)
    #expect(buffer.put("abcdefgh", row: 0, column: 2) == 3)
    #expect(buffer.put("日本", row: 0, column: 0, limit: 3) == 2)
    #expect(buffer.line(0) == "日abc")
  }

  @Test func truncatesAndWraps() {
    #expect(DisplayWidth.truncate("Ørnsholt", to: 5) == "Ørns…")
    #expect(DisplayWidth.truncate("Ørn", to: 5) == "Ørn")
    #expect(DisplayWidth.wrap("en to tre fire", to: 7) == ["en to", "tre", "fire"])
    #expect(DisplayWidth.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
    #expect(DisplayWidth.of("e\u{301}") == 1)
  }

  @Test func stylesStayOnCells() {
    var buffer = ScreenBuffer(width: 10, height: 1)
    buffer.put("[x] ja", row: 0, column: 0, style: [.bold])
    buffer.addStyle(.reverse, row: 0, column: 0, count: 3)
    #expect(buffer[0, 0].style == [.bold, .reverse])
    #expect(buffer[0, 4].style == [.bold])
  }

  @Test func textFieldEditsAndKeepsNFC() {
    var field = TextField()
    for character in "Orn" { _ = field.edit(.char(character)) }
    for key in [Key.home, .delete, .char("Ø")] {
      let handled = field.edit(key)
      #expect(handled)
    }
    #expect(field.text == "Ørn")
    _ = field.edit(.end)
    _ = field.edit(.backspace)
    #expect(field.text == "Ør")
    let handledDown = field.edit(.down)
    #expect(!handledDown)
    var combining = TextField()
    _ = combining.edit(.char("a"))
    _ = combining.edit(.char("\u{30A}"))
    #expect(combining.text == "å" && combining.cursor == 1)
  }

  @Test func colourOnlyWithoutNoColor() {
    #expect(CursesTerminal.colorAllowed(environment: [:]))
    #expect(!CursesTerminal.colorAllowed(environment: ["NO_COLOR": "1"]))
    #expect(CursesTerminal.colorAllowed(environment: ["NO_COLOR": ""]))
  }
}
