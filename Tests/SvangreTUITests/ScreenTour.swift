import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport

@testable import SvangreTUI

/// Every screen of the app in a typical state, reached by keys on the real store (a
/// temporary directory, the store's clock fixed): what the golden, purity and key tests
/// run over. The user guides show some of these stops, by name, from their golden files
/// (`GuideTests`).
struct ScreenTour {
  /// 10:00 on 2026-11-23 in this machine's time zone (the one the store stamps in): the
  /// visitations are saved on their clinical day, and every frame is the same anywhere.
  static var savedAt: Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .current
    return calendar.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: 10))!
  }

  let directory = TemporaryDirectory()
  let store: RecordStore

  init() throws {
    store = try FileRecordStore(
      directory: directory.url.appendingPathComponent("store").path, clock: .fixed(Self.savedAt))
  }

  func model(
    width: Int, height: Int, language: Language = .da, today: CalendarDate = today, initials: String? = "AB",
    draftURL: URL? = nil
  ) -> AppModel {
    let strings = StringCatalog(language: language)
    let engine = AssessmentEngine()
    let context = AppContext(
      strings: strings, today: today, engine: engine,
      repository: StoreRepository(store: store, engine: engine, strings: strings), configURL: nil,
      draftURL: draftURL, trainingSeed: 2026)
    return AppModel(context: context, width: width, height: height, config: UserConfig(initials: initials))
  }

  /// Maja Møller, due 2027-04-26 and seen on 2026-11-23: in the week of 2026-12-14 her midwife
  /// consultation at 21 weeks is due (the guide's worklist). Added once; a second call does
  /// nothing.
  func addSecondWoman() throws {
    guard try store.search("Maja Møller").isEmpty else { return }
    let engine = AssessmentEngine()
    let repository = StoreRepository(store: store, engine: engine, strings: StringCatalog(language: .da))
    let id = try repository.create(name: "Maja Møller", cpr: "030390-4000", author: "AB")
    let input = AssessmentInput(
      referenceDate: today, parity: .multiparous, dating: Dating(dueDate: CalendarDate(iso: "2027-04-26")!))
    try repository.appendVisitation(recordID: id, input: input, author: "AB", expectedRevision: 1)
  }

  /// The named states, in the order a consultation meets them.
  func stops(width: Int, height: Int, language: Language = .da) -> [(name: String, model: AppModel)] {
    let da = language == .da
    var stops: [(String, AppModel)] = []
    var model = self.model(width: width, height: height, language: language)
    stops.append(("list-empty", model))
    model.press(.char("n"))
    model.type("Søs Æbelø Ørnsholt")
    model.press(.enter)
    model.type("010190-2000")
    stops.append(("new-record", model))
    // Esc on typed work asks first; and a TUI that ended here offers the draft back.
    var leaving = model
    leaving.press(.esc)
    stops.append(("discard", leaving))
    stops.append(("restore-draft", restarted(from: model, width: width, height: height, language: language)))
    model.press(.enter)
    model.type("2027-05-20")
    stops.append(("walkthrough-dating", model))
    model.focusFinding(da ? "Flerfoldsgraviditet" : "Multiple pregnancy")
    model.press(.char(" "))
    stops.append(("walkthrough", model))
    model.press(.enter)
    stops.append(("decision-suggested", model))
    model.press(.char("3"), .tab)
    model.type(da ? "Tvillinger, lang vej til sygehus" : "Twins, far from hospital")
    stops.append(("decision", model))
    model.press(.enter)
    stops.append(("plan", model))
    // `d` on the selected item: the day it took place, today filled in.
    var done = model
    done.press(.char("d"))
    stops.append(("done", done))
    // The record note and the referral: shown, and copied (the terminal is asked: no file).
    model.press(.char("s"))
    stops.append(("summary", model))
    model.press(.char("p"), .char("r"))
    stops.append(("referral", model))
    model.press(.char("p"), .char("h"))
    stops.append(("history", model))
    model.press(.char("b"))
    stops.append(("birth-empty", model))
    model.press(.esc, .esc)
    var second = model
    second.press(.char("n"))
    second.type("Ida Ærø")
    second.press(.enter)
    second.type("020290-4000")
    second.press(.enter, .esc)
    stops.append(("list", second))
    second.press(.char("/"))
    second.type("ø")
    stops.append(("list-search", second))
    second.press(.f1)
    stops.append(("help", second))
    model.press(.char("t"))
    stops.append(("training", model))
    if let practice = model.practiceCase { model.press(.char(Character(String(practice.assessment.suggestedLevel)))) }
    stops.append(("training-answer", model))
    // The birth is entered after it happened: the same record, opened on 2027-05-20.
    var later = self.model(width: width, height: height, language: language, today: CalendarDate(iso: "2027-05-20")!)
    later.press(.char("/"))
    later.type("ørn")
    later.press(.enter, .enter, .char("b"))
    later.type("2027-05-18")
    later.press(.down, .down)
    later.type("20")
    stops.append(("birth", later))
    var fresh = self.model(width: width, height: height, language: language, initials: nil)
    fresh.press(.char("i"))
    stops.append(("initials", fresh))
    // The week's calendar three weeks on: her scan 18–20 falls due on Thursday, and a
    // second woman's midwife consultation at 21 weeks on Monday. (A failure to add her
    // shows as a golden file that differs.)
    try? addSecondWoman()
    var week = self.model(width: width, height: height, language: language, today: CalendarDate(iso: "2026-12-16")!)
    week.press(.char("u"))
    stops.append(("worklist", week))
    // Saved: the plan after the birth leads with the postnatal contacts.
    later.press(.enter, .esc)
    stops.append(("plan-after-birth", later))
    // A birth already recorded is corrected with a reason.
    var correcting = later
    correcting.press(.char("b"), .down, .down)
    correcting.type("4")
    correcting.press(.enter)
    correcting.type(da ? "Udskrevet senere end skrevet" : "Discharged later than entered")
    stops.append(("birth-correction", correcting))
    // The record's own handling, from its history: a note, closing it, a correction.
    later.press(.char("h"), .char("n"))
    later.type(da ? "Ringer om hørescreeningen" : "Will call about the hearing screen")
    stops.append(("note", later))
    later.press(.enter, .char("c"))
    later.type(da ? "Efterfødselsforløb afsluttet" : "Postnatal care finished")
    stops.append(("close-record", later))
    later.press(.enter)
    stops.append(("history-closed", later))
    var reopening = later
    reopening.press(.char("c"))
    reopening.type(da ? "Lukket ved en fejl" : "Closed by mistake")
    stops.append(("reopen-record", reopening))
    later.press(.char("r"), .enter, .enter)
    later.type(da ? "Navneændring ved vielse" : "Name changed at marriage")
    stops.append(("correct-woman", later))
    return stops
  }

  /// A new TUI started after one that ended with `model`'s work unsaved: it offers the
  /// draft back. The draft file is removed once offered, so no later stop sees it.
  func restarted(from model: AppModel, width: Int, height: Int, language: Language) -> AppModel {
    let url = directory.url.appendingPathComponent(Draft.fileName)
    try? model.draft?.save(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return self.model(width: width, height: height, language: language, draftURL: url)
  }
}
