import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// A record saved by the CLI or another terminal shows in the TUI's list without leaving
/// the screen: the list is read again when the store's change stamp moves.
@Suite struct LiveListTests {
  let directory = TemporaryDirectory()
  var path: String { directory.url.appendingPathComponent("store").path }

  func model() throws -> AppModel {
    let strings = StringCatalog(language: .da)
    let engine = AssessmentEngine()
    let store = try FileRecordStore(directory: path, clock: .system)
    let context = AppContext(
      strings: strings, today: today, engine: engine,
      repository: StoreRepository(store: store, engine: engine, strings: strings), configURL: nil, draftURL: nil)
    return AppModel(context: context, width: 100, height: 30, config: UserConfig(initials: "AB"))
  }

  @Test func aRecordSavedElsewhereShowsOnTheNextTick() throws {
    var model = try model()
    let quiet = model.tick()
    #expect(!quiet)  // nothing changed: nothing read
    let elsewhere = try FileRecordStore(directory: path, clock: .system)
    _ = try elsewhere.createRecord(name: "Bodil Ørnsholt", cpr: "010190-1234", author: "CD")
    #expect(!model.screenText.contains("Bodil Ørnsholt"))
    let reread = model.tick()
    #expect(reread)
    #expect(model.screenText.contains("Bodil Ørnsholt"))
    let quiet2 = model.tick()
    #expect(!quiet2)
  }

  @Test func theSelectionStaysOnItsRecordAndASearchIsKept() throws {
    let elsewhere = try FileRecordStore(directory: path, clock: .system)
    _ = try elsewhere.createRecord(name: "Mette Holm", cpr: "010190-1234", author: "CD")
    _ = try elsewhere.createRecord(name: "Søs Holm", cpr: "020290-1234", author: "CD")
    var model = try model()
    model.press(.down)
    let selected = try #require(model.list).rows[model.list!.selected].id
    // Sorted by name, the new one comes first: the selection follows Søs.
    _ = try elsewhere.createRecord(name: "Anna Holm", cpr: "030390-1234", author: "CD")
    let reread = model.tick()
    #expect(reread)
    #expect(model.list.map { $0.rows[$0.selected].id } == selected)
    // While searching: a matching record saved elsewhere shows too.
    model.press(.char("/"))
    model.type("holm")
    model.press(.enter)
    _ = try elsewhere.createRecord(name: "Ida Holm", cpr: "040490-1234", author: "CD")
    _ = try elsewhere.createRecord(name: "Karen Lund", cpr: "050590-1234", author: "CD")
    let reread2 = model.tick()
    #expect(reread2)
    #expect(model.screenText.contains("Ida Holm"))
    #expect(!model.screenText.contains("Karen Lund"))
  }

  @Test func noTickAwayFromTheList() throws {
    var model = try model()
    model.press(.char("n"))
    _ = try FileRecordStore(directory: path, clock: .system).createRecord(
      name: "Bodil", cpr: "010190-1234", author: "CD")
    let quiet = model.tick()
    #expect(!quiet)
    #expect(model.screen == .newRecord)
  }
}

/// The same through the real binary: the CLI saves while the TUI shows its list.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct LiveListEndToEndTests {
  @Test func aCLISaveShowsInTheOpenList() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.start(width: 100, height: 30)
    try tmux.waitFor("Svangre · Journaler", "0 i alt")
    let binary = try #require(TmuxSession.svangreBinary)
    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "--store", tmux.storeDirectory.path, "record", "new", "--name", "Bodil Frølund", "--cpr", "010190-1234",
      "--author", "CD",
    ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    try tmux.waitFor("Bodil Frølund", "1 i alt", timeout: 3)
  }
}

/// An open plan follows a colleague's save from the command line, and the opening is logged.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct OpenRecordEndToEndTests {
  func input(level: Int?) -> String {
    let override = level.map { #", "override": {"level": \#($0), "reason": "Kollegas vurdering"}"# } ?? ""
    return
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}\#(override)}"#
  }

  @Test func aCLISaveShowsInTheOpenPlan() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    let id = try tmux.cli(["record", "new", "--name", "Bodil Frølund", "--cpr", "010190-1234", "--author", "CD"])
    _ = try tmux.cli(["record", "assess", id, "--input", "-", "--author", "CD"], stdin: input(level: nil))
    try tmux.start(width: 100, height: 30)
    try tmux.waitFor("Svangre · Journaler", "Bodil Frølund")
    // Opening asks who opens it first: the access log names her.
    try tmux.press("Enter")
    try tmux.waitFor("Dine initialer")
    try tmux.type("ab")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Plan", "Niveau 1 · termin 2027-05-20")

    _ = try tmux.cli(["record", "assess", id, "--input", "-", "--author", "CD"], stdin: input(level: 3))
    try tmux.waitFor("Niveau 3 (valgt; forslag 1)", "Opdateret: en kollega har gemt i journalen.", timeout: 5)

    let log = try tmux.cli(["record", "access-log", id, "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
    let accesses = try #require(object["accesses"] as? [[String: Any]])
    #expect(accesses.map { $0["initials"] as? String } == ["AB"])
    #expect(accesses.map { $0["purpose"] as? String } == ["open"])
  }
}
