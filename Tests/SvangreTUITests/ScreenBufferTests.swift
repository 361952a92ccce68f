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

  @Test func clipsAtTheEdgeAndLimitWithAnEllipsis() {
    var buffer = ScreenBuffer(width: 8, height: 2)
    #expect(buffer.put("abcdefgh", row: 0, column: 3) == 5)
    #expect(buffer.line(0) == "   abcd…")
    #expect(buffer.put("日本語", row: 1, column: 0, limit: 4) == 3)
    #expect(buffer.line(1) == "日…")
    #expect(buffer.put("fits", row: 1, column: 4) == 4)
    #expect(buffer.line(1) == "日… fits")
  }

  @Test func truncatesBetweenWordsWhenThatKeepsHalfTheLine() {
    #expect(DisplayWidth.truncate("Ørn", to: 5) == "Ørn")
    #expect(DisplayWidth.truncate("Ørnsholt", to: 5) == "Ørns…")
    #expect(DisplayWidth.truncate("Søs Æbelø Ørnsholt", to: 12) == "Søs Æbelø…")
    #expect(DisplayWidth.truncate("1. lægeundersøgelse", to: 18) == "1. lægeundersøgel…")
    #expect(DisplayWidth.truncate("日本語テキスト", to: 7) == "日本語…")
    #expect(DisplayWidth.truncate("日本語テキスト", to: 6) == "日本…")
    #expect(DisplayWidth.pad("Ærø", to: 5) == "Ærø  ")
    #expect(DisplayWidth.pad("Sundhedsplejerske", to: 8) == "Sundhed…")
  }

  @Test func wrapsBetweenWordsAndMarksEveryCut() {
    #expect(DisplayWidth.wrap("en to tre fire", to: 7) == ["en to", "tre", "fire"])
    #expect(
      DisplayWidth.wrap("Forhøjet blodtryk med protein i urinen", to: 12) == [
        "Forhøjet", "blodtryk med", "protein i", "urinen",
      ])
    // A word longer than the line: split, each break marked, nothing lost.
    #expect(DisplayWidth.wrap("abcdefghij", to: 4) == ["abc…", "def…", "ghij"])
    #expect(DisplayWidth.wrap("日本 語語語語", to: 4) == ["日本", "語…", "語…", "語語"])
    // Fewer lines than the text needs: the last one says so.
    #expect(DisplayWidth.wrap("Forhøjet blodtryk med protein i urinen", to: 20, maxLines: 1) == ["Forhøjet blodtryk…"])
    #expect(
      DisplayWidth.wrap("Forhøjet blodtryk med protein i urinen", to: 12, maxLines: 2) == ["Forhøjet", "blodtryk…"])
    #expect(DisplayWidth.wrap("Tre eller flere", to: 20, maxLines: 1) == ["Tre eller flere"])
    #expect(DisplayWidth.wrap("", to: 5) == [""])
    // "BMI ≥ 30" and "1. uge" stay together when the line allows it.
    #expect(DisplayWidth.wrap("Svær overvægt (BMI ≥ 30)", to: 18) == ["Svær overvægt", "(BMI ≥ 30)"])
    #expect(DisplayWidth.wrap("Svær overvægt (BMI ≥ 30)", to: 20) == ["Svær overvægt", "(BMI ≥ 30)"])
    #expect(DisplayWidth.wrap("fra uge 1. trimester", to: 10) == ["fra uge", "1.", "trimester"])
    #expect(DisplayWidth.wrap("fra uge 1. trimester", to: 14) == ["fra uge", "1. trimester"])
    #expect(DisplayWidth.of("e\u{301}") == 1)
  }

  @Test func wrappedLinesFitAndKeepEveryCharacter() {
    var generator = SystemRandomNumberGenerator()
    let pieces = ["a", "ø", "Æ", "日", "e\u{301}", " ", " ", "bc", "ord"]
    for _ in 0..<500 {
      let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
        .joined()
      let columns = Int.random(in: 2...12, using: &generator)
      let lines = DisplayWidth.wrap(text, to: columns)
      #expect(lines.allSatisfy { DisplayWidth.of($0) <= columns }, "\(text) in \(columns): \(lines)")
      let kept = lines.joined().replacingOccurrences(of: "…", with: "").filter { $0 != " " }
      #expect(kept == text.filter { $0 != " " }, "\(text) in \(columns): \(lines)")
      let one = DisplayWidth.truncate(text, to: columns)
      #expect(DisplayWidth.of(one) <= columns)
      #expect(one.filter { $0 != " " } == text.filter { $0 != " " } || one.hasSuffix("…"), "\(text): \(one)")
    }
  }

  @Test func hangingRowsKeepWordsWhole() {
    // Cells wider than a narrow terminal wrap as well.
    #expect(
      DisplayWidth.hanging("  [NU]  13+0–15+6  ", "Jordemoder", width: 12, fallbackIndent: 2) == [
        "[NU]", "13+0–15+6", "  Jordemoder",
      ])
    #expect(
      DisplayWidth.hanging("  [NU]  ", "Jordemoderkonsultation uge 21", width: 30) == [
        "  [NU]  Jordemoderkonsultation", "        uge 21",
      ])
    // Too narrow for the longest word beside the cells: under them instead.
    #expect(
      DisplayWidth.hanging("  [NU]  13+0–15+6  ", "1. jordemoderkonsultation", width: 34, fallbackIndent: 8) == [
        "  [NU]  13+0–15+6", "        1. jordemoderkonsultation",
      ])
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
