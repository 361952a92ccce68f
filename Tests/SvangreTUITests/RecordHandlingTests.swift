import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreTUI

/// The record's own handling in the TUI, from its history: a note, a correction of her
/// name or CPR number, closing and reopening — through dialogs and effects, saved by the
/// store, and shown in the history in time order with who and when.
@Suite("Record handling in the TUI")
struct RecordHandlingTests {
  /// A record with one visitation on the real store, its history on screen.
  func history(width: Int = 100, height: Int = 40, initials: String? = "AB") throws -> (
    AppModel, RecordStore, ScreenTour
  ) {
    let tour = try ScreenTour()
    var model = tour.model(width: width, height: height)
    model.typeNewRecord("Søs Æbelø", cpr: "010190-2000")
    model.type("2027-05-20")
    model.press(.enter, .enter, .char("h"))
    #expect(model.screen == .history)
    if initials == nil { model.config.initials = nil }
    return (model, tour.store, tour)
  }

  @Test func aNoteIsAskedForInADialogSavedAndShownWithWhoAndWhen() throws {
    var (model, store, tour) = try history()
    defer { withExtendedLifetime(tour) {} }
    model.press(.char("n"))
    #expect(model.dialog == .text(.note, TextField(maxLength: InputLimits.freeTextCharacters)))
    #expect(model.screenText.contains("Nyt notat") && model.screenText.contains("Notat: ["))
    // Nothing typed: said, and the dialog stays.
    model.press(.enter)
    #expect(model.message == "Skriv notatet." && model.dialog != nil)
    model.type("Ringer om scanning i morgen")
    model.press(.enter)
    #expect(model.dialog == nil && model.message == "Notatet er gemt.")
    let id = try #require(store.list().first?.id)
    let record = try store.load(id)
    #expect(record.notes.map(\.text) == ["Ringer om scanning i morgen"])
    #expect(record.notes.first?.author == "AB")
    // In the history, newest first, above the visitation; who, and when it was saved.
    let lines = model.screenText.split(separator: "\n").map(String.init)
    let note = try #require(lines.firstIndex { $0.contains("AB      Notat #2: Ringer om scanning i morgen") })
    #expect(lines[note].hasPrefix("             "), "a note has no clinical date: \(lines[note])")
    #expect(lines[note + 1].contains("gemt 2026-11-23 10:00"))
    let visitation = try #require(lines.firstIndex { $0.contains("2026-11-23  AB      1") })
    #expect(note < visitation)
  }

  @Test func closingAndReopeningAreSavedWithReasonsAndTheClosureStaysReadable() throws {
    var (model, store, tour) = try history()
    defer { withExtendedLifetime(tour) {} }
    let id = try #require(store.list().first?.id)
    #expect(model.statusKeys.contains { $0.action.isCloseRecord })
    model.press(.char("c"))
    #expect(model.screenText.contains("Luk journalen"))
    model.type("Efterfødselsforløb afsluttet")
    model.press(.enter)
    #expect(model.message == "Journalen er lukket.")
    #expect(try store.load(id).status == .closed)
    var text = model.screenText
    #expect(text.contains("Journalen er lukket (2026-11-23 10:00, AB): Efterfødselsforløb afsluttet."))
    #expect(text.contains("Journalen lukket #2: Efterfødselsforløb afsluttet"))
    // The same key now reopens, with its own words in the bar and the dialog.
    #expect(model.statusKeys.contains { $0.helpKey == "key.reopenRecord" })
    model.press(.char("c"))
    #expect(model.screenText.contains("Genåbn journalen"))
    model.type("Sluttede for tidligt")
    model.press(.enter)
    #expect(model.message == "Journalen er genåbnet.")
    let record = try store.load(id)
    #expect(record.status == .open && record.closure == nil)
    #expect(record.history.count == 3, "the close entry stays; the reopening is an entry beside it")
    text = model.screenText
    #expect(!text.contains("Journalen er lukket ("))
    #expect(text.contains("lukning #2: lukket → genåbnet · begrundelse: Sluttede for tidligt"))
    #expect(text.contains("Journalen lukket #2: Efterfødselsforløb afsluttet"))
  }

  @Test func nameAndCPRAreCorrectedInOneSaveAndTheNumberIsNeverShownWhole() throws {
    var (model, store, tour) = try history()
    defer { withExtendedLifetime(tour) {} }
    let id = try #require(store.list().first?.id)
    model.press(.char("r"))
    #expect(model.screen == .correctWoman)
    #expect(model.screenText.contains("tomt: uændret (010190-XXXX)"))
    // Nothing changed: said, nothing saved.
    model.press(.enter, .enter, .enter)
    #expect(model.message == "Intet er ændret: ret navnet, eller skriv et nyt CPR-nummer.")
    // Name and number changed, then Enter without a reason: asked for.
    for _ in 0..<"Æbelø".count { model.press(.backspace) }
    model.type("Ørnsholt")
    model.press(.enter)
    model.type("0202904000")
    model.press(.enter, .enter)
    #expect(model.message == "Skriv begrundelsen for rettelsen.")
    model.type("Forkert ved oprettelsen")
    model.press(.enter)
    #expect(model.screen == .history && model.message == "Rettelsen er gemt.")
    let record = try store.load(id)
    #expect(record.name == "Søs Ørnsholt" && record.cpr == "020290-4000")
    #expect(record.woman.name == "Søs Æbelø" && record.woman.cpr == "010190-2000", "the original stays")
    #expect(record.amendments.map(\.amendment.field) == [.name, .cpr])
    #expect(Set(record.amendments.map(\.at)).count == 1 && record.revision == 3, "one entry, one revision")
    let text = model.screenText
    #expect(text.contains("navn: Søs Æbelø → Søs Ørnsholt · begrundelse: Forkert ved oprettelsen"))
    #expect(text.contains("CPR-nummer: 010190-XXXX → 020290-XXXX"))
    #expect(!text.contains("010190-2000") && !text.contains("020290-4000") && !text.contains("0202904000"))
    #expect(text.contains("Søs Ørnsholt 020290-XXXX"), "the header names her as corrected")
  }

  @Test func anInvalidNumberIsRefusedByTheStoreAndTheFormKeepsWhatWasTyped() throws {
    var (model, store, tour) = try history()
    defer { withExtendedLifetime(tour) {} }
    model.press(.char("r"), .enter)
    model.type("3113901234")
    model.press(.enter)
    model.type("Ny")
    model.press(.enter)
    #expect(model.screen == .correctWoman)
    #expect(model.message?.contains("CPR") == true, "\(model.message ?? "")")
    #expect(try store.load(try #require(store.list().first?.id)).amendments.isEmpty)
    // Esc asks before dropping what was typed.
    model.press(.esc)
    #expect(model.dialog == .discard(quit: false))
  }

  @Test func theInitialsAreAskedBeforeANoteIsWritten() throws {
    var (model, _, tour) = try history(initials: nil)
    defer { withExtendedLifetime(tour) {} }
    model.press(.char("n"))
    guard case .initials = model.dialog else {
      Issue.record("expected the initials dialog, got \(String(describing: model.dialog))")
      return
    }
    model.type("cd")
    model.press(.enter)
    #expect(model.dialog == .text(.note, TextField(maxLength: InputLimits.freeTextCharacters)))
  }

  /// One initials rule: the dialog's field takes as many characters as the store accepts
  /// (`Initials.maximumLength`) and no more, and shows them all.
  @Test func theInitialsFieldTakesWhatTheStoreAcceptsAndShowsItWhole() throws {
    var (model, _, tour) = try history(initials: nil)
    defer { withExtendedLifetime(tour) {} }
    model.press(.char("n"))
    let longest = String(repeating: "Ø", count: Initials.maximumLength)
    model.type(longest + "X")
    #expect(model.dialog == .initials(TextField(longest, maxLength: Initials.maximumLength)))
    #expect(model.render().text.contains("[" + longest))
    model.press(.enter)
    #expect(model.config.initials == longest)
    #expect(model.dialog == .text(.note, TextField(maxLength: InputLimits.freeTextCharacters)))
  }

  @Test func afterTheBirthThePlanLeadsWithThePostnatalContactsAndOneDayWindowsAreOneDate() throws {
    let tour = try ScreenTour()
    var model = tour.model(width: 120, height: 40)
    model.typeNewRecord("Søs Æbelø", cpr: "010190-2000")
    model.type("2027-05-20")
    model.press(.enter, .enter)
    var later = tour.model(width: 120, height: 40, today: CalendarDate(iso: "2027-05-20")!)
    later.press(.char("/"))
    later.type("søs")
    later.press(.enter, .enter, .char("b"))
    later.type("2027-05-18")
    later.press(.down, .down)
    later.type("20")
    later.press(.enter, .esc)
    #expect(later.screen == .plan)
    let lines = later.screenText.split(separator: "\n").map(String.init)
    let after = try #require(lines.firstIndex { $0.contains("Efter fødslen ─") }, "\(later.screenText)")
    let programme = lines.firstIndex { $0.contains("Besøgsprogram ─") } ?? lines.count
    #expect(after < programme)
    let contacts = lines[(after + 1)..<programme].filter { $0.contains("[") && !$0.contains("Status") }
    #expect(!contacts.isEmpty)
    // Day 1 after a birth on 2027-05-18 (home visit after early discharge): one date.
    #expect(contacts.contains { $0.contains("2027-05-19  ") && !$0.contains("2027-05-19–") }, "\(contacts)")
    for line in lines {
      // A window is "from–to" only when it is longer than one day.
      for match in line.matches(of: /(\d{4}-\d{2}-\d{2})–(\d{4}-\d{2}-\d{2})/) {
        #expect(match.1 != match.2, "\(line)")
      }
    }
    #expect(DateWindow.text(CalendarDate(iso: "2027-05-20")!, CalendarDate(iso: "2027-05-20")!) == "2027-05-20")
    #expect(
      DateWindow.text(CalendarDate(iso: "2027-05-20")!, CalendarDate(iso: "2027-05-22")!) == "2027-05-20–2027-05-22")
  }
}

extension Action {
  var isCloseRecord: Bool { if case .closeRecord = self { true } else { false } }
}
