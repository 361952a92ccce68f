import Foundation
import SvangreRules
import Testing

@testable import SvangreTUI

/// Whole-screen golden files, text and styles, for every screen of the tour at 80×24 and
/// 120×40 in both languages (`Golden/<language>/<state>-<width>x<height>.txt`). A change to
/// a screen shows up here as a diff to review; `SVANGRE_GOLDEN_UPDATE=1 swift test --filter
/// GoldenTests` writes the files anew, and `scripts/guides` pastes the user guides' screens
/// from them (`GuideTests` fails while a guide differs).
@Suite struct GoldenTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var updating: Bool { ProcessInfo.processInfo.environment["SVANGRE_GOLDEN_UPDATE"] == "1" }

  static func file(_ name: String, language: Language, width: Int, height: Int) -> URL {
    directory.appendingPathComponent(language.rawValue).appendingPathComponent("\(name)-\(width)x\(height).txt")
  }

  /// Compares `buffer` with its golden file, or writes the file when updating.
  static func check(_ buffer: ScreenBuffer, name: String, language: Language) throws {
    let url = file(name, language: language, width: buffer.width, height: buffer.height)
    let frame = golden(buffer)
    if updating {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try frame.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let stored = try? String(contentsOf: url, encoding: .utf8)
    #expect(
      stored == frame,
      "\(language.rawValue)/\(url.lastPathComponent) differs: SVANGRE_GOLDEN_UPDATE=1 writes it anew\n\(frame)")
  }

  @Test(arguments: Language.allCases, [(80, 24), (120, 40)])
  func everyScreenMatchesItsGoldenFile(language: Language, size: (width: Int, height: Int)) throws {
    let tour = try ScreenTour()
    for (name, model) in tour.stops(width: size.width, height: size.height, language: language) {
      try Self.check(model.render(), name: name, language: language)
    }
  }

  /// A terminal under the smallest size svangre draws in says so instead of a cut screen.
  @Test(arguments: Language.allCases)
  func aTerminalTooSmallMatchesItsGoldenFile(language: Language) throws {
    let model = try ScreenTour().model(width: 40, height: 12, language: language)
    #expect(!Layout.fits(width: 40, height: 12))
    try Self.check(model.render(), name: "too-small", language: language)
  }

  /// Every screen in the registry and every kind of dialog is a stop of the tour, drawn
  /// on its own (no dialog over a screen) for screens, with its golden files: a screen
  /// added without a stop fails here, not silently outside the golden, purity and key tests.
  @Test func theTourReachesEveryRegisteredScreen() throws {
    for (width, height) in [(80, 24), (120, 40)] {
      let stops = try ScreenTour().stops(width: width, height: height)
      for unit in ScreenRegistry.units {
        let stop = stops.first { $0.model.screen == unit.id && $0.model.dialog == nil }
        #expect(stop != nil, "no stop of the tour shows \(unit.id.rawValue) at \(width)x\(height)")
        if let stop, !Self.updating {
          let url = Self.file(stop.name, language: .da, width: width, height: height)
          #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) is missing")
        }
      }
      let dialogs = Set(stops.compactMap { $0.model.dialog.map(Self.kind) })
      #expect(
        dialogs == Set(Self.dialogKinds),
        "dialogs the tour does not show: \(Set(Self.dialogKinds).subtracting(dialogs))")
    }
  }

  /// Every kind of dialog; `kind` fails to compile when `Dialog` gains a case.
  static let dialogKinds = ["initials", "discard", "restoreDraft"] + TextRequest.allCases.map { "text." + $0.rawValue }

  static func kind(_ dialog: Dialog) -> String {
    switch dialog {
    case .initials: "initials"
    case .discard: "discard"
    case .restoreDraft: "restoreDraft"
    case .text(let request, _): "text." + request.rawValue
    }
  }

  /// The frame's text, then its styles: one character per cell, the style's bits in base 32
  /// (1 bold, 2 reverse, 4 underline, 8 dim, 16 accent; "." for none).
  static func golden(_ buffer: ScreenBuffer) -> String {
    let digits = Array("0123456789abcdefghijklmnopqrstuv")
    var lines = (0..<buffer.height).map { buffer.line($0) }
    lines.append("--- styles: 1 bold, 2 reverse, 4 underline, 8 dim, g accent")
    for row in 0..<buffer.height {
      var styles = ""
      for column in 0..<buffer.width {
        let bits = Int(buffer[row, column].style.rawValue)
        styles.append(bits == 0 ? "." : digits[bits])
      }
      lines.append(styles)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
