import Foundation
import SvangreRules
import Testing

@testable import SvangreTUI

/// Whole-screen golden files, text and styles, for every screen of the tour at 80×24 and
/// 120×40 (`Golden/<state>-<width>x<height>.txt`). A change to a screen shows up here as a
/// diff to review; `SVANGRE_GOLDEN_UPDATE=1 swift test --filter GoldenTests` writes the
/// files anew, and `scripts/guides` pastes the guide's screens from the same tour.
@Suite struct GoldenTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  @Test(arguments: [(80, 24), (120, 40)])
  func everyScreenMatchesItsGoldenFile(width: Int, height: Int) throws {
    let update = ProcessInfo.processInfo.environment["SVANGRE_GOLDEN_UPDATE"] == "1"
    let tour = try ScreenTour()
    for (name, model) in tour.stops(width: width, height: height) {
      let url = Self.directory.appendingPathComponent("\(name)-\(width)x\(height).txt")
      let frame = Self.golden(model.render())
      if update {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try frame.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      let stored = try? String(contentsOf: url, encoding: .utf8)
      #expect(stored == frame, "\(url.lastPathComponent) differs: SVANGRE_GOLDEN_UPDATE=1 writes it anew\n\(frame)")
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
