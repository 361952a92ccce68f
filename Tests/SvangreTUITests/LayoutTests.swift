import Testing

@testable import SvangreTUI

/// Layout as data: a `Rect` split by constraints, and cells cut with "…" in one place.
@Suite struct LayoutTests {
  @Test func fixedPartsComeFirstAndAFillTakesWhatIsLeft() {
    let area = Rect(x: 2, y: 1, width: 80, height: 20)
    let parts = area.columns([.percentage(58), .length(1), .fill()])
    #expect(parts.map(\.width) == [46, 1, 33])
    #expect(parts.map(\.x) == [2, 48, 49])
    #expect(parts.allSatisfy { $0.y == 1 && $0.height == 20 })
    #expect(parts.last?.right == area.right)
    let rows = area.rows([.length(2), .fill(), .ratio(1, 4)])
    #expect(rows.map(\.height) == [2, 13, 5])
    #expect(rows.map(\.y) == [1, 3, 16])
  }

  /// The worklist's name and item columns: 30 % and 70 % of what the fixed columns leave.
  @Test(arguments: [(76, [33, 12, 31]), (116, [33, 24, 59]), (200, [33, 50, 117])])
  func fillsShareTheRestByWeight(total: Int, expected: [Int]) {
    let sizes = Constraint.sizes([.length(33), .fill(minimum: 12, weight: 3), .fill(weight: 7)], total: total)
    #expect(sizes == expected)
    #expect(sizes.reduce(0, +) == total)
  }

  @Test func aFillUnderItsMinimumTakesItFromTheOtherFills() {
    // 27 cells left: 3:7 would give the name 8; it gets 12 and the item the other 15.
    #expect(
      Constraint.sizes([.length(33), .fill(minimum: 12, weight: 3), .fill(weight: 7)], total: 60) == [33, 12, 15])
  }

  @Test func equalFillsGiveTheOddCellsToTheLast() {
    #expect(Constraint.sizes([.fill(), .fill(), .fill()], total: 10) == [3, 3, 4])
    #expect(Constraint.sizes([.fill(weight: 1), .fill(weight: 2)], total: 10) == [3, 7])
  }

  @Test func minimumsThatDoNotFitOverflowAndNothingIsNegative() {
    #expect(Constraint.sizes([.length(5), .fill(minimum: 8)], total: 10) == [5, 8])
    #expect(Constraint.sizes([.length(20), .fill()], total: 10) == [20, 0])
    #expect(Constraint.sizes([.length(-3), .ratio(1, 0), .fill()], total: 10) == [0, 0, 10])
  }

  /// A cell too long for its column ends in "…" and the row keeps its columns; a cell
  /// that fits is padded; a wide character counts two columns. A column's width is all
  /// its text may take: a gap between columns is part of the width the caller gives.
  @Test func cellsArePaddedOrCutWithAnEllipsis() {
    let columns = Columns([.length(8), .length(6), .fill()], width: 24)
    #expect(columns.widths == [8, 6, 10])
    #expect(columns.offset(of: 2) == 14)
    let line = columns.line(["Søs Æbelø Ørnsholt", "14+4", "Flerfoldsgraviditet"])
    #expect(line == "Søs Æbe…14+4  Flerfolds…")
    #expect(DisplayWidth.of(line) == 24)
    #expect(columns.line(["Ida", "2", "ok"]) == "Ida     2     ok")
    #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
    #expect(DisplayWidth.truncate("Ida Ærø", to: 7) == "Ida Ærø")
  }

  /// Text of narrow characters is measured from its bytes and, when it fits, is its own
  /// line: both must give what the walk by grapheme gives.
  @Test(arguments: [
    "", "Søs Æbelø Ørnsholt", "Ida\r\nÆrø", "tab\there", "\u{1B}[2J", "ÿ", "\u{2FF}x",
    "e\u{301}", "漢字", "Åse 👩‍⚕️", "\u{AD}soft", "  two  spaces ", "a\nb",
  ])
  func narrowTextIsMeasuredFromItsBytes(text: String) {
    let byGrapheme = text.reduce(0) { $0 + DisplayWidth.of($1) }
    #expect(DisplayWidth.of(text) == byGrapheme)
    #expect((DisplayWidth.narrowWidth(text) != nil) == text.unicodeScalars.allSatisfy { $0.value < 0x300 })
    if let narrow = DisplayWidth.narrowWidth(text) { #expect(narrow == byGrapheme) }
    let general = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    #expect(DisplayWidth.wrap(text, to: 40) == [general])
    #expect(DisplayWidth.wrap(text, to: 40, maxLines: 1) == [general])
  }
}
