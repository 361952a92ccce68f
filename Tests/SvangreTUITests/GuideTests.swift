import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// The user guides show golden files, not screens of their own: the code block after a
/// `<!-- screen: NAME -->` line is the text of `Golden/<language>/NAME-80x24.txt`
/// (`<!-- screen: NAME WxH -->` for another size), the stop of `ScreenTour` that
/// `GoldenTests` checks against what the program draws. So a guide shows no screen the
/// golden tests do not check, and a guide out of date with its golden files fails here.
/// After `SVANGRE_GOLDEN_UPDATE=1 swift test --filter GoldenTests`, `scripts/guides`
/// pastes the golden files into the guides.
@Suite struct GuideTests {
  /// A screen as a guide shows it.
  struct Shown {
    let name: String
    let width: Int
    let height: Int
    let text: String
  }

  static func guide(_ language: Language) -> URL {
    GoldenTests.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs").appendingPathComponent(language == .da ? "user-guide.md" : "user-guide.en.md")
  }

  /// Every marked screen of a guide, with the code block that follows its marker.
  static func screens(in guide: String) -> [Shown] {
    let lines = guide.components(separatedBy: "\n")
    var shown: [Shown] = []
    for (index, line) in lines.enumerated() where line.hasPrefix("<!-- screen: ") && line.hasSuffix(" -->") {
      let words = line.dropFirst("<!-- screen: ".count).dropLast(" -->".count).split(separator: " ")
      let size = words.count > 1 ? words[1].split(separator: "x").compactMap { Int($0) } : [80, 24]
      guard let name = words.first, size.count == 2, lines.indices.contains(index + 1),
        lines[index + 1].hasPrefix("```")
      else {
        shown.append(Shown(name: "malformed: \(line)", width: 0, height: 0, text: ""))
        continue
      }
      let block = lines[(index + 2)...].prefix { !$0.hasPrefix("```") }
      shown.append(Shown(name: String(name), width: size[0], height: size[1], text: block.joined(separator: "\n")))
    }
    return shown
  }

  /// A golden file's frame as a guide shows it: its text lines, without the styles and
  /// without empty lines at the end.
  static func guideText(ofGolden file: String) -> String {
    var lines = Array(file.components(separatedBy: "\n").prefix { !$0.hasPrefix("--- styles:") })
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  @Test(arguments: Language.allCases)
  func everyScreenOfTheGuideIsItsGoldenFile(language: Language) throws {
    let url = Self.guide(language)
    let shown = Self.screens(in: try String(contentsOf: url, encoding: .utf8))
    #expect(shown.count >= 10, "\(url.lastPathComponent) shows \(shown.count) screens")
    for screen in shown {
      let golden = GoldenTests.file(screen.name, language: language, width: screen.width, height: screen.height)
      guard let file = try? String(contentsOf: golden, encoding: .utf8) else {
        Issue.record(
          "\(url.lastPathComponent) shows \(screen.name), which has no golden file \(language.rawValue)/\(golden.lastPathComponent): a guide shows only stops of ScreenTour"
        )
        continue
      }
      #expect(
        screen.text == Self.guideText(ofGolden: file),
        "\(url.lastPathComponent) is out of date for \(screen.name): run scripts/guides")
    }
  }

  /// Both guides show the same screens in the same order.
  @Test func theGuidesShowTheSameScreens() throws {
    let names = try Language.allCases.map { language in
      Self.screens(in: try String(contentsOf: Self.guide(language), encoding: .utf8)).map(\.name)
    }
    #expect(names.dropFirst().allSatisfy { $0 == names[0] })
  }

  /// No screen pasted by hand: every code block that starts with svangre's top line follows
  /// a marker.
  @Test(arguments: Language.allCases)
  func noScreenWithoutItsMarker(language: Language) throws {
    let lines = try String(contentsOf: Self.guide(language), encoding: .utf8).components(separatedBy: "\n")
    for index in lines.indices.dropFirst(2) where lines[index].hasPrefix(" Svangre · ") && lines[index - 1] == "```" {
      #expect(lines[index - 2].hasPrefix("<!-- screen: "), "a screen without its marker at line \(index + 1)")
    }
  }
}
