import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

/// Renders every screen of the user guide's walkthrough at 80×24, on the real store, and checks each
/// capture is a full frame. With `SVANGRE_CAPTURE_DIR` set, also writes the captures
/// there (docs/user-guide*.md are pasted from them, so the guide shows the real screens).
@Suite struct GuideCaptureTests {
  @Test(arguments: Language.allCases)
  func everyScreenOfTheGuide(language: Language) throws {
    var captures: [(String, String)] = []
    // The real store (a temporary directory, saved at 10:00 on the consultation's day):
    // the guides show what the program draws.
    let tour = try ScreenTour()
    var model = tour.model(width: 80, height: 24, language: language, initials: nil)
    func snap(_ name: String) {
      let buffer = model.render()
      #expect(buffer.width == 80 && buffer.height == 24)
      captures.append((name, buffer.text))
    }
    model.press(.char("n"))
    model.type("Søs Æbelø Ørnsholt")
    model.press(.enter)
    model.type("010190-2000")
    snap("new-record")
    model.press(.enter)
    snap("initials")
    model.type("AB")
    model.press(.enter)
    model.type("2027-05-20")
    model.focusFinding(language == .da ? "Flerfoldsgraviditet" : "Multiple pregnancy")
    model.press(.char(" "))
    snap("walkthrough")
    model.press(.enter, .char("3"), .tab)
    model.type(language == .da ? "Tvillinger, lang vej til sygehus" : "Twins, far from hospital")
    snap("decision")
    model.press(.enter)
    snap("plan")
    model.press(.char("d"))
    snap("done")
    model.press(.esc)
    model.press(.char("s"))
    snap("summary")
    model.press(.char("p"), .char("r"))
    snap("referral")
    model.press(.char("p"), .char("h"))
    snap("history")
    model.press(.char("n"))
    model.type(language == .da ? "Ringer om scanning i morgen" : "Will call about the scan tomorrow")
    snap("note")
    model.press(.esc)
    // The birth is entered after it happened: the same record, opened on 2027-05-20.
    var later = tour.model(width: 80, height: 24, language: language, today: CalendarDate(iso: "2027-05-20")!)
    later.press(.enter, .char("b"))
    later.type("2027-05-18")
    later.press(.down, .down)
    later.type("20")
    captures.append(("birth", later.render().text))
    model.press(.esc)
    model.press(.char("t"))
    snap("training")
    if let practice = model.practiceCase { model.press(.char(Character(String(practice.assessment.suggestedLevel)))) }
    #expect(model.screenText.contains(language == .da ? "✓ Rigtigt" : "✓ Right"))
    snap("training-answer")
    model.press(.esc)
    model.press(.char("/"))
    model.type("ørn")
    snap("list")
    model.press(.f1)
    snap("help")
    model.press(.resize(width: 60, height: 20))
    captures.append(("too-small", model.render().text))
    // The week's calendar three weeks on, with a second woman due a month earlier.
    try tour.addSecondWoman()
    var week = tour.model(width: 80, height: 24, language: language, today: CalendarDate(iso: "2026-12-16")!)
    week.press(.char("u"))
    captures.append(("worklist", week.render().text))

    // The guides show these very screens: a change to a screen must update its guide.
    let guideName = language == .da ? "user-guide.md" : "user-guide.en.md"
    let guideURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs").appendingPathComponent(guideName)
    let guide = try String(contentsOf: guideURL, encoding: .utf8)
    for (name, text) in captures where name != "training" {
      var frame = Substring(text)
      while frame.hasSuffix("\n") { frame = frame.dropLast() }  // a code block ends at its last text
      #expect(guide.contains(frame), "\(guideName) is out of date for \(name): regenerate with SVANGRE_CAPTURE_DIR")
    }

    guard let directory = ProcessInfo.processInfo.environment["SVANGRE_CAPTURE_DIR"] else { return }
    for (name, text) in captures {
      let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue)-\(name).txt")
      try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
  }
}
