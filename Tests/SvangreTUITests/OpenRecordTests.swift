import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// Opening a record is logged (who, when), and a colleague's save appears in the open
/// record; a form keeps its work and its save is refused as stale. On the real store.
@Suite("Opening a record and colleagues' saves")
struct OpenRecordTests {
  let directory = TemporaryDirectory()
  var path: String { directory.url.path }

  /// A record with one visitation (level 1, due 2027-05-20) saved on the tests' day.
  func store() throws -> (FileRecordStore, String) {
    let store = try FileRecordStore(directory: path, clock: .fixed(Date(timeIntervalSince1970: 1_795_521_600)))
    let id = try store.createRecord(name: "Søs Æbelø Ørnsholt", cpr: "010190-2000", author: "AB").id
    try repository(store).appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
    return (store, id)
  }

  static let input = AssessmentInput(
    referenceDate: today, parity: .nulliparous, dating: Dating(dueDate: CalendarDate(iso: "2027-05-20")!))

  func repository(_ store: FileRecordStore) -> StoreRepository {
    StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da))
  }

  func model(_ store: FileRecordStore, initials: String? = "AB") -> AppModel {
    let context = AppContext(
      strings: StringCatalog(language: .da), today: today, engine: AssessmentEngine(),
      repository: repository(store), configURL: nil, draftURL: nil)
    return AppModel(context: context, width: 100, height: 40, config: UserConfig(initials: initials))
  }

  /// Another terminal's save: a visitation at level 3 (an override), by CD.
  func colleagueSaves(_ id: String) throws {
    let other = try FileRecordStore(directory: path, clock: .system)
    var input = Self.input
    input.override = LevelOverride(level: 3, reason: "Kollegas vurdering")
    try repository(other).appendVisitation(
      recordID: id, input: input, author: "CD", expectedRevision: try other.load(id).revision)
  }

  @Test func openingFromTheListIsLoggedOnceWithTheInitials() throws {
    let (store, id) = try store()
    var model = model(store)
    model.press(.enter)
    #expect(model.screen == .plan)
    #expect(try store.accessLog(of: id).map { [$0.initials, $0.purpose.rawValue] } == [["AB", "open"]])
    // Pages of the open record, a save and its reading back are not new openings.
    model.press(.char("h"), .char("p"), .esc)
    #expect(try store.accessLog(of: id).count == 1)
    // Nor is the list's reading of the rows' facts.
    #expect(model.screen == .list)
    #expect(try store.accessLog(of: id).count == 1)
  }

  @Test func withoutInitialsTheyAreAskedBeforeTheRecordOpens() throws {
    let (store, id) = try store()
    var model = model(store, initials: nil)
    model.press(.enter)
    #expect(model.dialog.map { if case .initials = $0 { true } else { false } } == true)
    #expect(try store.accessLog(of: id).isEmpty)
    model.type("ef")
    model.press(.enter)
    #expect(model.screen == .plan)
    #expect(try store.accessLog(of: id).map(\.initials) == ["EF"])
  }

  @Test func aColleaguesSaveAppearsInTheOpenPlanAndHistory() throws {
    let (store, id) = try store()
    var model = model(store)
    model.press(.enter)
    #expect(model.screenText.contains("Niveau 1 · termin 2027-05-20"))
    let quiet = model.tick()
    #expect(!quiet)
    try colleagueSaves(id)
    let reread = model.tick()
    #expect(reread)
    #expect(model.screen == .plan)
    #expect(model.screenText.contains("Niveau 3 (valgt; forslag 1)"), "\(model.screenText)")
    #expect(model.screenText.contains("Opdateret: en kollega har gemt i journalen."))
    #expect(try store.accessLog(of: id).count == 1)  // read again, not opened again
    let quietAgain = model.tick()
    #expect(!quietAgain)

    model.press(.char("h"))
    try colleagueSaves(id)
    let reread2 = model.tick()
    #expect(reread2)
    #expect(model.screenText.components(separatedBy: "Kollegas vurdering").count == 3, "\(model.screenText)")
  }

  @Test func aFormKeepsItsWorkAndItsSaveIsRefusedAsStale() throws {
    let (store, id) = try store()
    var model = model(store)
    model.press(.enter, .char("v"))
    #expect(model.screen == .walkthrough)
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "))
    let typed = model.walk
    try colleagueSaves(id)
    _ = model.tick()
    #expect(model.screen == .walkthrough)
    #expect(model.walk == typed)
    model.press(.enter, .enter)
    #expect(model.screenText.contains("Ikke gemt: ændret af CD"), "\(model.screenText)")
    #expect(model.screen == .decision)
    #expect(model.walk == typed)
    #expect(try store.load(id).revision == 3)
  }
}
