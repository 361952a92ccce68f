import Foundation
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreTUI

/// The TUI and the CLI show a record's text through the same `TerminalText.safe`.
@Suite struct TUIEscapeTests {
  static let hostile = "Mia\u{1B}]0;pwned\u{07}\r\u{202E}X\u{0}\u{9B}2J"

  /// Every cell holds text a terminal only prints.
  func controls(_ buffer: ScreenBuffer) -> [UInt32] {
    buffer.cells.flatMap { $0.text.unicodeScalars }.filter { TerminalText.shown($0) != nil && $0 != " " }
      .map(\.value)
  }

  @Test func aHostileNameAndReasonAreShownNotObeyed() {
    let repository = MemoryRepository.withOneVisitation()
    repository.records[0].name = Self.hostile
    repository.records[0].visitations[0].overrideReason = Self.hostile
    var fresh = makeModel(width: 120, height: 40, repository: repository)
    let list = fresh.render()
    #expect(controls(list) == [])
    #expect(list.text.contains("Mia␛]0;pwned␇ �X␀�2J"))
    fresh.press(.enter)
    #expect(controls(fresh.render()) == [])  // the header names her
    fresh.press(.char("h"))
    #expect(fresh.screen == .history)
    #expect(controls(fresh.render()) == [])
    #expect(fresh.screenText.contains("pwned␇"))
  }

  @Test func widthsCountWhatIsDrawn() {
    var buffer = ScreenBuffer(width: 20, height: 1)
    let text = "a\u{1B}b\r\nc\u{202E}"
    #expect(buffer.put(text, row: 0, column: 0) == DisplayWidth.of(text))
    #expect(buffer.line(0) == "a␛b  c�")
  }
}
