import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// `--today` sets the clinical date (what a visitation is about); the store's clock sets
/// the audit time (when it was saved). Through the real store with an injected clock on
/// another day, the history shows both, each where it belongs.
@Suite("Clinical date and audit time")
struct ClinicalDateTests {
  /// 2027-11-25 12:00 UTC: a year and two days after the clinical date.
  static let savedAt = Date(timeIntervalSince1970: 1_827_144_000)

  /// A model on a real store in `directory` whose clock says `clock`, with the clinical
  /// date 2026-11-23; one visitation saved (twins, level 3 over 2).
  func savedOnStore(in directory: TemporaryDirectory, clock: WallClock, language: Language = .da) throws -> (
    AppModel, FileRecordStore
  ) {
    let store = try FileRecordStore(directory: directory.url.appendingPathComponent("store").path, clock: clock)
    let strings = StringCatalog(language: language)
    let engine = AssessmentEngine()
    let context = AppContext(
      strings: strings, today: today, engine: engine,
      repository: StoreRepository(store: store, engine: engine, strings: strings), configURL: nil, draftURL: nil)
    var model = AppModel(context: context, width: 80, height: 24, config: UserConfig(initials: "AB"))
    model.press(.char("n"))
    model.type("Søs Ørnsholt")
    model.press(.enter)
    model.type("010190-2000")
    model.press(.enter)
    model.type("2027-05-20")
    model.focusFinding(language == .da ? "Flerfoldsgraviditet" : "Multiple pregnancy")
    model.press(.char(" "), .enter, .char("3"), .tab)
    model.type("Tvillinger")
    model.press(.enter)
    #expect(model.screen == .plan)
    return (model, store)
  }

  @Test func theHistoryListsTheClinicalDateAndShowsWhenItWasSaved() throws {
    let directory = TemporaryDirectory()
    defer { withExtendedLifetime(directory) {} }
    let (model, store) = try savedOnStore(in: directory, clock: .fixed(Self.savedAt))
    var history = model
    history.press(.char("h"))
    let text = history.screenText
    let stamp = Timestamp.iso(Self.savedAt)
    let savedDay = String(stamp.prefix(10)), savedTime = String(stamp.dropFirst(11).prefix(5))
    #expect(savedDay != "2026-11-23")
    // The clinical date leads the row; the audit time is under it, with its own date.
    let lines = text.split(separator: "\n").map(String.init)
    let row = try #require(lines.firstIndex { $0.contains("2026-11-23  AB      2          3*") }, "\(text)")
    #expect(lines[row + 1].contains("gemt \(savedDay) \(savedTime)"), "\(text)")
    #expect(text.contains("2026-11-23  █████████ 3"))
    #expect(!text.contains(savedDay + "  "), "the audit date is never shown as the clinical date")

    // The store keeps both: the entry stamped by the clock, the input's reference date.
    let id = try #require(store.list().first?.id)
    let entry = try #require(store.load(id).visitations.first)
    #expect(entry.at == stamp)
    #expect(entry.visitation.referenceDate == "2026-11-23")
    #expect(entry.visitation.gestationalAge == "14+4")
  }

  @Test func savedOnTheClinicalDateTheHistoryGivesTheTimeAlone() throws {
    // Noon on 2026-11-23 in this machine's time zone, the one the store stamps in.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .current
    let sameDay = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 23, hour: 12)))
    let directory = TemporaryDirectory()
    defer { withExtendedLifetime(directory) {} }
    let (model, _) = try savedOnStore(in: directory, clock: .fixed(sameDay), language: .en)
    var history = model
    history.press(.char("h"))
    let stamp = Timestamp.iso(sameDay)
    try #require(stamp.hasPrefix("2026-11-23"))
    let lines = history.screenText.split(separator: "\n").map(String.init)
    let row = try #require(lines.firstIndex { $0.contains("2026-11-23  AB") })
    #expect(lines[row + 1].contains("saved \(stamp.dropFirst(11).prefix(5))  "), "\(lines[row + 1])")
    #expect(!lines[row + 1].contains("saved 2026"))
  }

  @Test func theClockGivesTodayAndTimesAreShortenedAgainstADay() {
    #expect(WallClock.fixed(Self.savedAt).today().iso == String(Timestamp.iso(Self.savedAt).prefix(10)))
    #expect(Timestamp.short("2027-11-25T15:02:09+01:00", on: "2027-11-25") == "15:02")
    #expect(Timestamp.short("2027-11-25T15:02:09+01:00", on: "2026-11-23") == "2027-11-25 15:02")
    #expect(Timestamp.minutes("2027-11-25T15:02:09+01:00") == "2027-11-25 15:02")
  }
}
