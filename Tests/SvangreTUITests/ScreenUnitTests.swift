import Foundation
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// The screens as units: a pure render, every advertised key doing something, no listed
/// key typed into a field, and updates tested without a disk.
@Suite struct ScreenUnitTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func renderIsPure(width: Int, height: Int) throws {
    let tour = try ScreenTour()
    let stops = tour.stops(width: width, height: height)
    let frames = stops.map { $0.model.render() }
    // Drawing reads nothing: with the store gone, every state draws the same frame again.
    try FileManager.default.removeItem(at: tour.directory.url.appendingPathComponent("store"))
    for ((name, model), frame) in zip(stops, frames) {
      #expect(model.render() == frame, "\(name)")
      #expect(frame.width == width && frame.height == height, "\(name)")
    }
  }

  /// Every key the status bar shows, pressed on every screen, changes the frame (or ends
  /// the app), from the state as it is or after a move; and none of them is typed into a
  /// focused text field.
  @Test func everyAdvertisedKeyDoesSomethingAndNoneIsTyped() throws {
    let tour = try ScreenTour()
    let preludes: [[Key]] = [[], [.down], [.up], [.right], [.char(" ")]]
    var checked = 0
    for (name, model) in tour.stops(width: 80, height: 24) {
      for binding in model.statusKeys + (model.dialog == nil ? model.activeKeys : []) {
        for key in binding.keys {
          let works = preludes.contains { prelude in
            var before = model
            for step in prelude { before.handle(step) }
            var after = before
            after.handle(key)
            return after.render() != before.render() || after.ending != before.ending
          }
          #expect(works, "\(binding.label) does nothing on \(name)")
          checked += 1
          // A listed key is never taken by the focused text field (which gets keys first).
          if model.dialog == nil, var field = model.state.focusedField {
            let taken = field.edit(key)
            #expect(!taken, "\(binding.label) goes into the field on \(name)")
          }
        }
      }
    }
    #expect(checked > 60)
  }

  @Test func theBirthScreenOffersOnlyWhatItDoes() throws {
    let tour = try ScreenTour()
    let birth = try #require(tour.stops(width: 80, height: 24).first { $0.name == "birth" }?.model)
    let labels = birth.activeKeys.map(\.label)
    #expect(!labels.contains("v") && !labels.contains("p") && !labels.contains("h"))
    // In the hours field "h" is typed (no key table claims it there).
    var hours = birth
    #expect(hours.state.focusedField?.text == "20")
    hours.press(.char("h"))
    #expect(hours.state.focusedField?.text == "20h")
  }

  @Test func escLeavesTheSearchAndClearsIt() throws {
    let tour = try ScreenTour()
    var model = try #require(tour.stops(width: 80, height: 24).first { $0.name == "list-search" }?.model)
    #expect(model.render().line(23).contains("Esc ryd søgning"))
    model.press(.esc)
    #expect(model.list?.searching == false && model.list?.query.text == "")
    #expect(model.screenText.contains("3 i alt"), "every record of the tour's store, three at its end")
    model.press(.char("q"))
    #expect(model.ending == .quit, "q quits once the search is left")
  }

  @Test func dialogsThatAskForTextLookLikeTextFields() throws {
    let tour = try ScreenTour()
    var model = try #require(tour.stops(width: 80, height: 24).first { $0.name == "initials" }?.model)
    #expect(model.screenText.contains("Initialer: ["))
    #expect(model.screenText.contains("Enter: gem · Esc: annullér"))
    model.type("cd")
    #expect(model.screenText.contains("Initialer: [cd"))
  }

  /// A screen's update is tested with no store at all: the effects are values.
  @Test func aDecisionAsksForTheSaveAsAnEffect() throws {
    let env = ScreenEnvironment(
      strings: StringCatalog(language: .da), clinic: Clinic(engine: AssessmentEngine(), today: today),
      initials: "AB", body: Layout.body(width: 80, height: 24))
    let record = RecordDetail(
      id: "r1", name: "Søs", maskedCPR: "010190-XXXX", visitations: [], birth: nil, current: nil, revision: 3)
    var walk = WalkthroughScreen(record, env)
    walk.focusedField = TextField("2027-05-20", maxLength: 10)
    _ = walk.update(.edited, env)
    var decision = DecisionScreen(walkthrough: walk, level: 1)
    _ = decision.update(.setLevel(2), env)
    guard case .message = decision.update(.confirm, env).first else {
      Issue.record("a changed level needs a reason")
      return
    }
    #expect(decision.form.focus == .reason)
    decision.focusedField = TextField("Ønsker det", maxLength: 100)
    let effects = decision.update(.confirm, env)
    guard case .appendVisitation(let id, let input, let revision)? = effects.first else {
      Issue.record("no save in \(effects)")
      return
    }
    #expect(id == "r1" && revision == 3)
    #expect(input.override == LevelOverride(level: 2, reason: "Ønsker det"))
    #expect(input.dating.dueDate == CalendarDate(iso: "2027-05-20"))
  }
}
