import Foundation
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// The TUI on a clinic's server (docs/store.md, "Clinics and who saved", "Colleagues'
/// saves appear"), on the tests' PostgreSQL server with each clinician's own login role:
/// the initials are her role's, whatever her configuration says, and the list and an open
/// record follow a colleague's save when its notification arrives.
@Suite struct PostgresTUITests {
  let cluster: ThrowawayCluster
  let database: String

  init() throws {
    cluster = try ThrowawayCluster.shared()
    database = try cluster.location(try cluster.makeDatabase()).database
  }

  /// A clinician of the clinic `klinik` with `initials`, signed in with her own role.
  func store(_ initials: String) throws -> PostgresRecordStore {
    let role = try cluster.clinician(initials, clinic: "klinik", database: database)
    return try PostgresRecordStore(
      location: try cluster.location(cluster.url(database: database, user: role)), password: nil, clock: .system)
  }

  static let input = AssessmentInput(
    referenceDate: today, parity: .nulliparous, dating: Dating(dueDate: CalendarDate(iso: "2027-05-20")!))

  func repository(_ store: PostgresRecordStore) -> StoreRepository {
    StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da))
  }

  /// The TUI's model as the terminal starts it (`TUIRunner`): her configuration, its
  /// initials replaced by her login role's.
  func model(_ store: PostgresRecordStore, configured: String?) -> AppModel {
    let repository = repository(store)
    let context = AppContext(
      strings: StringCatalog(language: .da), today: today, engine: AssessmentEngine(), repository: repository,
      configURL: nil, draftURL: nil)
    return AppModel(
      context: context, width: 100, height: 40, config: UserConfig(initials: configured).signedIn(to: repository))
  }

  /// Ticks as the terminal does when idle, until the screen has read something again
  /// (the notification of a save reaches the store's connection a moment after the commit).
  func tickUntilRead(_ model: inout AppModel) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if model.tick() { return true }
      usleep(20_000)
    }
    return false
  }

  @Test func theInitialsAreTheLoginRolesWhateverTheConfigurationSays() throws {
    let ab = try store("AB")
    let id = try ab.createRecord(name: "Søs Ørnsholt", cpr: "010190-2000", author: "AB").id
    try repository(ab).appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
    for configured in [nil, "XY"] {
      var model = model(ab, configured: configured)
      #expect(model.config.initials == "AB")
      // No initials asked for: opening is logged in her role's name, and a note saved so.
      model.press(.enter)
      #expect(model.screen == .plan && model.dialog == nil)
      model.press(.char("h"), .char("n"))
      model.type("Ringer i morgen")
      model.press(.enter)
      #expect(model.message == "Notatet er gemt.")
    }
    #expect(try ab.accessLog(of: id).map(\.initials) == ["AB", "AB"])
    #expect(try ab.load(id).notes.map(\.author) == ["AB", "AB"])
  }

  @Test func theListAndAnOpenRecordFollowAColleaguesSave() throws {
    let ab = try store("AB")
    let cd = try store("CD")
    _ = try cd.createRecord(name: "Mette Holm", cpr: "010190-1234", author: "CD")
    var model = model(ab, configured: nil)
    #expect(model.screenText.contains("Mette Holm"))
    // A colleague's new record shows in the list without a key pressed.
    let id = try cd.createRecord(name: "Bodil Ørnsholt", cpr: "020290-1234", author: "CD").id
    #expect(!model.screenText.contains("Bodil Ørnsholt"))
    #expect(tickUntilRead(&model))
    #expect(model.screenText.contains("Bodil Ørnsholt"), "\(model.screenText)")

    // Her record open, a colleague's visitation (an override to level 3) shows in it.
    try repository(cd).appendVisitation(recordID: id, input: Self.input, author: "CD", expectedRevision: 1)
    _ = tickUntilRead(&model)
    model.press(.char("/"))
    model.type("bodil")
    model.press(.enter, .enter)
    #expect(model.screen == .plan && model.screenText.contains("Niveau 1 · termin 2027-05-20"))
    var override = Self.input
    override.override = LevelOverride(level: 3, reason: "Kollegas vurdering")
    try repository(cd).appendVisitation(recordID: id, input: override, author: "CD", expectedRevision: 2)
    #expect(tickUntilRead(&model))
    #expect(model.screen == .plan)
    #expect(model.screenText.contains("Niveau 3 (valgt; forslag 1)"), "\(model.screenText)")
    #expect(model.screenText.contains("Opdateret: en kollega har gemt i journalen."))
    #expect(try ab.accessLog(of: id).map(\.initials) == ["AB"])
  }
}
