import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
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
    _ = try FileRecordStore(directory: path, clock: .system).createRecord(name: "Bodil", cpr: "010190-1234", author: "CD")
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
