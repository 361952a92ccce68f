import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// Marking the plan's item under the cursor done: the key, the date dialog, the save
/// through the real store, and the status the engine gives at once.
@Suite("Marking an item done on the plan")
struct MarkDoneTests {
  let directory = TemporaryDirectory()
  /// The clinic's day: 26+6 for a woman due 2027-05-20, seen on 2026-11-23. midwife_21
  /// (2027-01-07–01-13) passed with no visitation: missed.
  static let clinicDay = CalendarDate(iso: "2027-01-20")!

  func store() throws -> (FileRecordStore, String) { try storeWithOneVisitation(in: directory) }

  func repository(_ store: FileRecordStore) -> StoreRepository { storeRepository(store) }

  /// The plan of the record, opened from the list on the clinic's day.
  func plan(_ store: FileRecordStore, initials: String? = "CD") -> AppModel {
    let context = AppContext(
      strings: StringCatalog(language: .da), today: Self.clinicDay, engine: AssessmentEngine(),
      repository: repository(store), configURL: nil, draftURL: nil)
    var model = AppModel(context: context, width: 100, height: 50, config: UserConfig(initials: initials))
    model.press(.enter)
    return model
  }

  func row(_ model: AppModel, _ text: String) -> String? {
    let buffer = model.render()
    return (0..<buffer.height).map(buffer.line).first { $0.contains(text) }
  }

  @Test func theCursorStartsOnTheNextItemAndMovesOverTheProgramme() throws {
    let (store, _) = try store()
    var model = plan(store)
    #expect(model.screen == .plan)
    #expect(row(model, "▸")?.contains("2. lægeundersøgelse") == true, "gp_25 is the next to come")
    model.press(.up)
    #expect(row(model, "▸")?.contains("2027-01-07–2027-01-13") == true)
    #expect(model.activeKeys.contains { $0.label == "d" })
  }

  @Test func markingAVisitDoneOnATypedDayChangesItsStatusAtOnce() throws {
    let (store, id) = try store()
    var model = plan(store)
    model.press(.up)
    #expect(row(model, "2027-01-07–2027-01-13")?.contains("[! mangler]") == true)
    model.press(.char("d"))
    #expect(model.screenText.contains("Dato: [2027-01-20"), "today is suggested")
    for _ in 0..<10 { model.press(.backspace) }
    model.type("2027-01-12")
    model.press(.enter)
    #expect(model.dialog == nil)
    #expect(row(model, "2027-01-07–2027-01-13")?.contains("[udført]") == true)
    #expect(model.screenText.contains("→ udført 2027-01-12"))
    #expect(model.message == "Registreret: Jordemoderkonsultation uge 21 udført 2027-01-12.")
    #expect(row(model, "▸")?.contains("2027-01-07–2027-01-13") == true, "the cursor stays on the item")
    let saved = try store.load(id)
    #expect(saved.doneItems.map(\.item) == ["midwife_21"] && saved.doneItems.first?.author == "CD")
    #expect(saved.doneItems.first?.date == "2027-01-12")
  }

  @Test func theHistoryShowsTheEntryAndACancellationTurnsTheStatusBack() throws {
    let (store, id) = try store()
    var model = plan(store)
    model.press(.up, .char("d"))
    for _ in 0..<10 { model.press(.backspace) }
    model.type("2027-01-12")
    model.press(.enter, .char("h"))
    let entry = try #require(row(model, "Udført #2: Jordemoderkonsultation uge 21"))
    #expect(entry.hasPrefix(" 2027-01-12") && entry.contains("CD"), "the clinical date leads: \(entry)")
    // Cancelled outside the TUI (`record amend --field done.cancelled`): the original stays.
    _ = try store.amend(
      id, basedOn: 3, field: .doneCancelled, target: 2, value: "true", reason: "ikke mødt", author: "EF")
    var reopened = plan(store)
    reopened.press(.char("h"))
    #expect(reopened.screenText.contains("Udført #2: Jordemoderkonsultation uge 21"))
    #expect(reopened.screenText.contains("annulleret #2: nej → ja · begrundelse: ikke mødt"))
    reopened.press(.char("p"))
    #expect(row(reopened, "2027-01-07–2027-01-13")?.contains("[! mangler]") == true)
  }

  @Test func todayIsTheDefaultAndAScanBecomesDoneOnlyWhenRecorded() throws {
    let (store, _) = try store()
    var model = plan(store)
    model.press(.up, .up)
    #expect(row(model, "▸")?.contains("2. trimesterscanning") == true)
    #expect(row(model, "▸")?.contains("[forbi]") == true)
    model.press(.char("d"), .enter)
    #expect(row(model, "2. trimesterscanning")?.contains("[udført]") == true)
    #expect(model.screenText.contains("→ udført 2027-01-20"))
  }

  @Test func aRefusedDayIsSaidAndNothingIsSaved() throws {
    let (store, id) = try store()
    var model = plan(store)
    model.press(.char("d"))
    for _ in 0..<10 { model.press(.backspace) }
    model.type("2027-01-21")
    model.press(.enter)
    #expect(model.message == "Datoen for det udførte ligger efter i dag; tjek datoen.")
    #expect(try store.load(id).doneItems.isEmpty)
    #expect(model.screen == .plan)
  }

  @Test func theInitialsAreAskedFirst() throws {
    let (store, id) = try store()
    // Opening the record asks for them (who opened it is logged); marking then needs none.
    var model = plan(store, initials: nil)
    #expect(model.screenText.contains("Initialer: ["))
    model.type("EF")
    model.press(.enter)
    #expect(model.screen == .plan)
    model.press(.char("d"))
    #expect(model.screenText.contains("Dato: [2027-01-20"))
    model.press(.enter)
    #expect(try store.load(id).doneItems.first?.author == "EF")
  }

  /// The screen alone, with no store: the key asks for the day, the day becomes the save.
  @Test func theScreenAsksForTheSaveAsEffects() throws {
    let env = ScreenEnvironment(
      strings: StringCatalog(language: .da),
      clinic: Clinic(engine: AssessmentEngine(), today: Self.clinicDay), initials: "AB",
      body: Rect(x: 0, y: 1, width: 80, height: 20))
    let detail = RecordDetail(
      id: "abcdefghjkmn", name: "A", maskedCPR: "010190-XXXX", visitations: [], birth: nil,
      current: AssessmentInput(
        referenceDate: today, parity: .nulliparous, dating: Dating(dueDate: CalendarDate(iso: "2027-05-20")!)),
      revision: 4)
    var screen = PlanScreen(detail, env, selecting: "midwife_21")
    guard case .askText(.doneDate, let initial) = screen.update(.markDone, env).first else {
      Issue.record("no date dialog")
      return
    }
    #expect(initial == "2027-01-20")
    guard
      case .recordDone(let recordID, let item, let date) = screen.update(
        .textEntered(.doneDate, "2027-01-12"), env
      ).first
    else {
      Issue.record("no save")
      return
    }
    #expect(recordID == "abcdefghjkmn" && item == "midwife_21" && date == "2027-01-12")
  }
}
