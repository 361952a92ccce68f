import Foundation
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// The TUI takes what the store takes, and shows long texts without hanging.
@Suite struct TUILimitTests {
  /// A record with one visitation whose override reason is `reason`, its history on screen.
  func history(reason: String) -> AppModel {
    let repository = MemoryRepository.withOneVisitation()
    repository.records[0].visitations[0].overrideReason = reason
    var fresh = makeModel(width: 120, height: 40, repository: repository)
    fresh.press(.enter, .char("h"))
    return fresh
  }

  @Test func theFieldsTakeWhatTheStoreTakes() {
    var model = makeModel()
    model.press(.char("n"))
    model.type(String(repeating: "Å", count: InputLimits.nameCharacters + 5))
    #expect(model.newRecord?.form.name.text.unicodeScalars.count == InputLimits.nameCharacters)
    #expect(DecisionForm(level: 1).reason.maxLength == InputLimits.freeTextCharacters)
    var field = TextField(maxLength: 3)
    // Combining marks count, as in the store: "o" and three marks is more than three.
    for character in ["o", "\u{301}", "\u{302}", "\u{303}"] { _ = field.edit(.char(Character(character))) }
    #expect(field.text.unicodeScalars.count <= 3)
  }

  @Test func aLongReasonShowsInTheHistoryAtOnce() {
    for length in [InputLimits.freeTextCharacters, 1_000_000] {
      // A record written before the limit may still hold a 1 MB reason in one word.
      var model: AppModel?
      let seconds = threadCPUSeconds { model = history(reason: String(repeating: "x", count: length)) }
      #expect(model?.screen == .history)
      #expect(model?.screenText.contains("xxxxxxxxxx") == true)
      #expect(seconds < 2, "\(length) characters")
    }
  }

  @Test func wrapIsOnePassAndAlwaysEnds() {
    var lines: [String] = []
    let seconds = threadCPUSeconds { lines = DisplayWidth.wrap(String(repeating: "ø", count: 100_000), to: 80) }
    // 79 letters and "…" a line, the rest on the last: nothing lost, every break marked.
    #expect(lines.count == 1_266)
    #expect(lines.dropLast().allSatisfy { $0.count == 80 && $0.hasSuffix("…") })
    #expect(lines.joined().filter { $0 == "ø" }.count == 100_000)
    #expect(seconds < 2)
    // A character wider than the line gets a line of its own instead of looping forever.
    #expect(DisplayWidth.wrap("日本", to: 1) == ["日", "本"])
  }

  @Test func aLongFieldScrollsInOnePass() {
    var buffer = ScreenBuffer(width: 80, height: 1)
    let field = TextField(String(repeating: "a", count: InputLimits.freeTextCharacters), maxLength: 20_000)
    let seconds = threadCPUSeconds {
      for _ in 0..<10 { field.render(into: &buffer, row: 0, column: 0, width: 60, focused: true) }
    }
    #expect(seconds < 1)
    #expect(buffer.line(0).hasPrefix(String(repeating: "a", count: 59)))
  }
}

extension MemoryRepository {
  /// A repository holding "Anna", with one visitation saved through the screens (level 3
  /// chosen over 1, reason "kort").
  static func withOneVisitation() -> MemoryRepository {
    let repository = MemoryRepository()
    var model = makeModel(width: 120, height: 40, repository: repository)
    model.press(.char("n"))
    model.type("Anna")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    model.type("2027-05-20")
    model.press(.enter, .char("3"), .tab)
    model.type("kort")
    model.press(.enter)
    return repository
  }
}
