import Foundation
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// Every screen, rendered into the buffer and read back as text: no terminal involved.
@Suite struct ScreenTests {
  /// A model with one record, "Søs Æbelø Ørnsholt", opened in the walkthrough.
  func walkthroughModel(width: Int = 80, height: Int = 24, language: Language = .da) -> (AppModel, MemoryRepository) {
    let repository = MemoryRepository()
    var model = makeModel(width: width, height: height, language: language, repository: repository)
    model.press(.char("n"))
    model.type("Søs Æbelø Ørnsholt")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    return (model, repository)
  }

  @Test func emptyListInvitesANewRecord() {
    let model = makeModel()
    let text = model.screenText
    #expect(text.contains("Svangre · Journaler"))
    #expect(text.contains("I dag 2026-11-23 · AB"))
    #expect(text.contains("Ingen journaler endnu"))
    // The status bar comes from the key table.
    #expect(model.render().line(23).contains("/ søg"))
    #expect(model.render().line(23).contains("q afslut"))
  }

  @Test func newRecordFormCreatesAndOpensTheWalkthrough() {
    var model = makeModel()
    model.press(.char("n"))
    #expect(model.screen == .newRecord)
    model.type("Søs Æbelø Ørnsholt")
    let form = model.screenText
    #expect(form.contains("Navn"))
    #expect(form.contains("Søs Æbelø Ørnsholt"))
    model.press(.enter)
    model.type("01019")
    model.press(.enter)
    #expect(model.message?.contains("CPR") == true)  // the store's refusal is shown, nothing lost
    #expect(model.screen == .newRecord)
    model.type("0-2000")
    model.press(.enter)
    #expect(model.screen == .walkthrough)
    #expect(model.screenText.contains("Søs Æbelø Ørnsholt 010190-XXXX"))
  }

  @Test func walkthroughShowsDatingLiveAndThePanelFollowsEveryKey() {
    var (model, _) = walkthroughModel()
    #expect(model.screenText.contains("Angiv termin"))
    model.type("2027-05-20")
    var text = model.screenText
    #expect(text.contains("→ GA 14+4 i dag · termin 2027-05-20"))
    #expect(text.contains("Foreslået niveau 1"))
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "))
    text = model.screenText
    #expect(text.contains("[x] Flerfoldsgraviditet"))
    #expect(text.contains("Foreslået niveau 2"))
    #expect(text.contains("• Flerfoldsgraviditet (2)"))
    #expect(text.contains("FP Skema 1"))
    model.press(.char(" "))
    #expect(model.screenText.contains("Foreslået niveau 1"))
  }

  @Test func walkthroughDatesFromLMPAndCycle() {
    var (model, _) = walkthroughModel()
    model.press(.down)
    model.type("26-09-2026")
    #expect(model.screenText.contains("→ GA 8+2 i dag · termin 2027-07-03"))
    #expect(model.screenText.contains("sidste menstruation)"))
    model.press(.down)
    model.type("35")
    #expect(model.screenText.contains("termin 2027-07-10"))
    model.press(.down)
    model.type("2026-13")
    #expect(model.screenText.contains("! Scanningsdato: ugyldig dato"))
    // A due date two years ahead gives a negative GA: the engine refuses, the panel says why.
    model.press(.up, .up, .up)
    model.type("2028-12-01")
    #expect(model.screenText.contains("Kan ikke vurdere endnu"))
  }

  @Test func overrideNeedsAReasonAndSavesWithInitials() {
    var (model, repository) = walkthroughModel()
    model.type("2027-05-20")
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "), .enter)
    #expect(model.screen == .decision)
    var text = model.screenText
    #expect(text.contains("Reglerne foreslår niveau 2."))
    #expect(text.contains("[2]"))
    model.press(.right)
    #expect(model.screenText.contains("≠ forslaget"))
    model.press(.enter)
    #expect(model.message?.contains("begrundelse") == true)
    #expect(model.decision?.form.focus == .reason)
    model.type("Tvillinger, tidligere for tidlig fødsel")
    text = model.screenText
    #expect(text.contains("Tvillinger, tidligere"))
    model.press(.enter)
    #expect(model.screen == .plan)
    #expect(model.message == "Visitation gemt: niveau 3, af AB.")
    let saved = repository.records[0].visitations
    #expect(saved.count == 1)
    #expect(saved[0].input.override == LevelOverride(level: 3, reason: "Tvillinger, tidligere for tidlig fødsel"))
    #expect(saved[0].input.findings == ["multiple_pregnancy"])
  }

  @Test func initialsAreAskedOnceBeforeTheFirstSave() {
    let repository = MemoryRepository()
    var model = makeModel(repository: repository, initials: nil)
    #expect(model.screenText.contains("(ingen initialer)"))
    model.press(.char("n"))
    model.type("Ane Ø")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    #expect(model.dialog != nil)
    #expect(model.screenText.contains("Dine initialer"))
    model.type("x.")
    model.press(.enter)
    #expect(model.message == "Initialer skal være 1–12 bogstaver eller cifre.")
    model.press(.backspace)
    model.type("ø")
    model.press(.enter)
    #expect(model.config.initials == "XØ")
    #expect(model.screen == .walkthrough)
    model.type("2027-05-20")
    model.press(.enter, .enter)
    #expect(model.dialog == nil)
    #expect(repository.records[0].visitations.first?.author == "XØ")
    #expect(model.screenText.contains("I dag 2026-11-23 · XØ"))
  }

  /// A record with one saved visitation (level 3 over a suggested 2), on its plan.
  func savedModel(width: Int = 80, height: Int = 24) -> (AppModel, MemoryRepository) {
    var (model, repository) = walkthroughModel(width: width, height: height)
    model.type("2027-05-20")
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "), .enter, .char("3"), .tab)
    model.type("Tvillinger")
    model.press(.enter)
    return (model, repository)
  }

  @Test func planShowsTheProgrammeWithDatesAndStatus() {
    var (model, _) = savedModel(width: 120, height: 40)
    var text = model.screenText
    #expect(text.contains("Niveau 3 (valgt; forslag 2) · termin 2027-05-20 · GA 14+4 i dag"))
    #expect(text.contains("Besøgsprogram"))
    // Today's visitation is in the 13–15 week window: the engine calls that visit done.
    #expect(text.contains("[udført]  13+0–15+6"))
    #expect(text.contains("→ udført 2026-11-23"))
    #expect(text.contains("[senere]  21+0–21+6  2027-01-07–2027-01-13  Jordemoder"))
    // The GP's 6–10 week visit closed before the record was in use: past, not missed.
    #expect(text.contains("[forbi]   6+0–10+6"))
    #expect(!text.contains("[! mangler]"))
    model.press(.pageDown, .pageDown, .pageDown)
    text = model.screenText
    #expect(text.contains("Fødesteder"))
    #expect(text.contains("[ikke egnet]"))
  }

  @Test func aConsultationWithNoVisitationInItsWindowIsMissedButAScanIsNot() {
    let (_, repository) = savedModel()
    // Eight weeks later: the week-21 midwife visit (2027-01-07–13) passed with no visitation.
    var model = makeModel(width: 120, height: 40, repository: repository, today: CalendarDate(iso: "2027-01-20")!)
    model.press(.enter)
    #expect(model.screen == .plan)
    let text = model.screenText
    #expect(text.contains("[! mangler]  21+0–21+6"))
    #expect(text.contains("[udført]     13+0–15+6"), "the visitation on 2026-11-23 was inside this window")
    #expect(text.contains("[forbi]      18+0–20+0"), "scans are not recorded here, so never missed")
  }

  @Test func historyShowsWhoWhenLevelAndWhy() {
    var (model, _) = savedModel()
    model.press(.char("h"))
    #expect(model.screen == .history)
    let text = model.screenText
    #expect(text.contains("2026-11-23  AB      2          3*      valgt: Tvillinger ·"))
    // The clinical date leads; when it was saved (the audit time, another day) under it.
    #expect(text.contains("gemt 2027-11-25 10:01"))
    #expect(text.contains("Flerfoldsgraviditet"))
    #expect(text.contains("Niveau over tid"))
    #expect(text.contains("2026-11-23  █████████ 3"))
    // A new visitation starts from the latest one.
    model.press(.char("v"))
    #expect(model.screen == .walkthrough)
    let walk = model.screenText
    #expect(walk.contains("Ny visitation ud fra den seneste"))
    #expect(walk.contains("(2026-11-23)"))
    #expect(walk.contains("Foreslået niveau 2"))
  }

  @Test func birthShowsPostnatalContactsLive() {
    var (model, repository) = savedModel(width: 100, height: 30)
    model.press(.char("b"))
    #expect(model.screen == .birth)
    #expect(model.screenText.contains("Barselskontakterne vises"))
    // A birth after today is a typing mistake: refused with the rules' own message.
    model.type("2026-11-24")
    model.press(.down, .down)
    model.type("20")
    model.press(.enter)
    #expect(model.message == "Fødselsdatoen 2026-11-24 ligger efter konsultationsdatoen 2026-11-23.")
    #expect(repository.records[0].birth == nil)
    model.press(.up, .up)
    for _ in 0..<10 { model.press(.backspace) }
    model.type("2026-11-21")
    model.press(.down, .down, .down, .char(" "))
    let text = model.screenText
    #expect(text.contains("Barselskontakter"))
    #expect(text.contains("2026-11-22  Jordemoder"))
    #expect(text.contains("[x]"))
    model.press(.enter)
    #expect(model.message == "Fødslen er gemt.")
    #expect(repository.records[0].birth?.dischargeHours == 20)
    #expect(repository.records[0].birth?.traumatic == true)
  }

  @Test func searchAsYouTypeFindsByNameInAnyCase() {
    var (model, _) = savedModel()
    model.press(.esc)
    #expect(model.screen == .list)
    model.press(.char("/"))
    model.type("ørn")
    var text = model.screenText
    #expect(text.contains("Søs Æbelø Ørnsholt"))
    #expect(text.contains("010190-XXXX"))
    #expect(text.contains("14+4"))
    #expect(text.contains("3*"))
    model.type("x")
    text = model.screenText
    #expect(text.contains("Ingen journal passer på “ørnx”."))
    model.press(.backspace, .enter, .enter)
    #expect(model.screen == .plan)
  }

  @Test func helpIsGeneratedFromTheScreensOwnKeyTable() {
    var model = makeModel(language: .en)
    model.press(.char("?"))
    #expect(model.screen == .help)
    var text = model.screenText
    #expect(text.contains("Records ──"))
    #expect(text.contains("/       Search by name or CPR number as you type"))
    // One screen's keys, not every screen's: the walkthrough's keys are not here.
    #expect(!text.contains("On to the level decision"))
    model.press(.esc)
    #expect(model.screen == .list)
    // Help over the walkthrough lists its keys, and Esc returns to it as it was.
    var (walk, _) = walkthroughModel(language: .en)
    walk.type("2027-05")
    walk.press(.f1)
    text = walk.screenText
    #expect(text.contains("Visitation ──"))
    #expect(text.contains("On to the level decision"))
    walk.press(.esc)
    #expect(walk.screen == .walkthrough)
    #expect(walk.screenText.contains("2027-05"))
  }

  @Test func tooSmallSaysSoAndRedrawsOnResize() {
    var (model, _) = walkthroughModel()
    model.type("2027-05")
    model.press(.resize(width: 60, height: 20))
    let small = model.render()
    #expect(small.text.contains("Terminalen er for lille: 60×20. Svangre skal bruge mindst"))
    #expect(small.text.contains("80×24."))
    #expect(!small.text.contains("Datering"))
    model.type("-20")  // keys other than q are ignored while too small
    model.press(.resize(width: 120, height: 40))
    let large = model.render()
    #expect(large.width == 120 && large.height == 40)
    #expect(large.text.contains("Datering"))
    #expect(large.text.contains("2027-05"))
    #expect(!large.text.contains("2027-05-20"))
    #expect(large.line(39).contains("Enter beslut"))
  }

  @Test func quitAsksWhenSomethingIsUnsaved() {
    var (model, _) = walkthroughModel()
    model.type("2027-05-20")
    model.press(.down, .down, .down, .down, .down)  // off the text fields, onto parity
    model.press(.char("q"))
    #expect(model.ending == nil)
    #expect(model.screenText.contains("Afslut alligevel"))
    model.press(.esc)
    #expect(model.dialog == nil && model.ending == nil)
    model.press(.char("q"), .enter)
    #expect(model.ending == .quit)
    var clean = makeModel()
    clean.press(.char("q"))
    #expect(clean.ending == .quit)
  }

  @Test func ctrlCKeepsADraftThatIsOfferedBack() throws {
    let directory = TemporaryDirectory()
    let draftURL = directory.url.appendingPathComponent(Draft.fileName)
    let repository = MemoryRepository()
    var model = makeModel(repository: repository, draftURL: draftURL)
    model.press(.char("n"))
    model.type("Søs")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    model.type("2027-05-20")
    model.press(.ctrlC)
    #expect(model.ending == .interrupted)
    model.markDirty()
    model.saveDraftIfNeeded()
    let draftFile = try #require(model.draftFile)
    let attributes = try FileManager.default.attributesOfItem(atPath: draftFile.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    var next = makeModel(repository: repository, draftURL: draftURL)
    #expect(next.screenText.contains("Kladde fundet"))
    #expect(next.screenText.contains("for Søs. Vil du fortsætte"))
    next.press(.enter)
    #expect(next.screen == .walkthrough)
    #expect(next.screenText.contains("GA 14+4"))
    // Saving removes the draft.
    next.press(.enter, .enter)
    #expect(!FileManager.default.fileExists(atPath: draftFile.path))
  }

  @Test func englishEverywhere() {
    var (model, _) = walkthroughModel(language: .en)
    model.type("2027-05-20")
    let text = model.screenText
    #expect(text.contains("Svangre · Visitation"))
    #expect(text.contains("→ GA 14+4 today · due 2027-05-20"))
    #expect(text.contains("Suggested level 1"))
  }

  @Test func monochromeMeaningIsInTheText() {
    var (model, _) = walkthroughModel()
    model.type("2027-05-20")
    model.focusFinding("Flerfoldsgraviditet")
    model.press(.char(" "))
    let buffer = model.render()
    // The ticked box says [x] and is bold; focus is a ▶ marker plus reverse.
    let position = buffer.find("[x] Flerfoldsgraviditet")!
    #expect(buffer[position.row, position.column].style.contains(.bold))
    #expect(buffer.line(position.row).hasPrefix(" ▶"))
  }
}
