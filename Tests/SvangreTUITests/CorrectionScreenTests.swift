import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// Corrections made outside the TUI (`record amend`, i.e. `RecordStore.amend`) read back
/// on every screen, through the real store and `StoreRepository`.
@Suite("Corrections on every screen")
struct CorrectionScreenTests {
  let directory = TemporaryDirectory()

  func store() throws -> (FileRecordStore, String) { try storeWithOneVisitation(in: directory) }

  func repository(_ store: FileRecordStore) -> StoreRepository { storeRepository(store) }

  func model(_ store: FileRecordStore, today: CalendarDate = today) -> AppModel {
    let context = AppContext(
      strings: StringCatalog(language: .da), today: today, engine: AssessmentEngine(),
      repository: repository(store), configURL: nil, draftURL: nil)
    return AppModel(context: context, width: 120, height: 60, config: UserConfig(initials: "AB"))
  }

  func amend(_ store: FileRecordStore, _ id: String, _ field: AmendableField, _ value: String, target: Int? = nil)
    throws
  {
    _ = try store.amend(
      id, basedOn: try store.load(id).revision, field: field, target: target, value: value,
      reason: "Rettet i test", author: "CD")
  }

  @Test func correctedLevelDueDateParityNameAndCPRShowOnEveryScreen() throws {
    let (store, id) = try store()
    var before = model(store)
    expect(before, shows: ["Søs Æbelø Ørnsholt", "010190-XXXX 14+4   1 "])
    before.press(.enter)
    expect(
      before,
      shows: [
        "Niveau 1 · termin 2027-05-20 · GA 14+4 i dag", "Fødselssamtale uge 35", "2027-01-07–2027-01-13  Jordemoder",
        "[egnet]       OUH Svendborg",
      ], hides: ["Jordemoderkonsultation uge 36"])

    try amend(store, id, .level, "4", target: 1)
    try amend(store, id, .dueDate, "2027-06-03")
    try amend(store, id, .parity, "multiparous")
    try amend(store, id, .name, "Søs Rettet")
    try amend(store, id, .cpr, "020290-2000")

    // The list: name, masked CPR, GA from the corrected due date, the corrected level.
    var after = model(store)
    expect(after, shows: ["Søs Rettet", "020290-XXXX 12+4   4*"], hides: ["Ørnsholt", "010190"])
    // The plan: level, dating, visit dates, the multiparous programme, birth places on level 4.
    after.press(.enter)
    expect(
      after,
      shows: [
        "Søs Rettet 020290-XXXX", "Niveau 4 (valgt; forslag 1) · termin 2027-06-03 · GA 12+4 i dag",
        "Jordemoderkonsultation uge 36", "2027-01-21–2027-01-27  Jordemoder", "[ikke egnet]  OUH Svendborg",
      ], hides: ["Fødselssamtale uge 35"])
    // The history: the corrected level, and each correction with the original value.
    after.press(.char("h"))
    expect(
      after,
      shows: [
        "1          4       niveau rettet fra 1 (se rettelser)",
        "CD      niveau #1: 1 → 4 · begrundelse: Rettet i test",
        "terminsdato: 2027-05-20 → 2027-06-03", "paritet: førstegangsfødende → flergangsfødende",
        "navn: Søs Æbelø Ørnsholt → Søs Rettet",
      ])
    // A new visitation starts from the corrected state; the decision shows the level chosen.
    after.press(.char("v"))
    expect(
      after,
      shows: ["▶ Termin              2027-06-03", "(•) Flergangsfødende"])
    #expect(after.screenText.split(separator: "\n").contains { $0.contains("GA 12+4") && $0.contains("2027-06-03") })
    after.press(.enter)
    expect(after, shows: ["Hidtil valgt: niveau 4 (Rettet i test)."])
    // Saving it keeps the corrections: the new visitation carries them.
    after.press(.enter)
    #expect(after.message == "Visitation gemt: niveau 1, af AB.")
    let saved = try store.load(id)
    #expect(saved.dueDate == "2027-06-03" && saved.parity == "multiparous" && saved.lastLevel == 1)
    expect(after, shows: ["Niveau 1 · termin 2027-06-03 · GA 12+4 i dag"])
  }

  @Test func correctedBirthShowsOnTheBirthScreenTheListAndTheHistory() throws {
    let (store, id) = try store()
    _ = try store.recordBirth(
      id, basedOn: 2,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false
      ),
      author: "AB")
    let day = CalendarDate(iso: "2027-05-25")!
    var before = model(store, today: day)
    before.press(.enter, .char("b"))
    expect(before, shows: ["2027-05-18", "(•) Hospital", "2027-05-19  Jordemoder"])

    try amend(store, id, .birthDate, "2027-05-17")
    try amend(store, id, .birthDischargeHours, "30")
    try amend(store, id, .birthPlace, "home")
    try amend(store, id, .birthTraumatic, "true")
    try amend(store, id, .birthChildLoss, "true")

    var after = model(store, today: day)
    let row = try #require(after.screenText.split(separator: "\n").first { $0.contains("Søs Æbelø") })
    #expect(row.contains("født"))
    after.press(.enter, .char("b"))
    // The form holds the corrected birth; the contacts and offers follow it (home, day 1).
    expect(after, shows: ["2027-05-17", "(•) Hjemme", "2027-05-18  Jordemoder"])
    let buffer = after.render()
    for label in ["birth.row3", "birth.row4"] {
      let position = try #require(buffer.find(after.strings(label)))
      #expect(buffer.line(position.row).contains("[x]"), "\(label)")
    }
    after.press(.esc, .char("h"))
    expect(
      after,
      shows: [
        "fødselsdato: 2027-05-18 → 2027-05-17", "timer til udskrivelse: 20 → 30", "fødested: hospital → hjemme",
        "traumatisk fødsel: nej → ja", "barnet døde: nej → ja",
      ])
  }

  /// The screen as drawn shows each of `shows` and none of `hides`.
  func expect(
    _ model: AppModel, shows: [String], hides: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let text = model.screenText
    for part in shows { #expect(text.contains(part), "\(part)", sourceLocation: sourceLocation) }
    for part in hides { #expect(!text.contains(part), "\(part)", sourceLocation: sourceLocation) }
  }
}
