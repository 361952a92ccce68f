import Foundation
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// A damaged or foreign draft never stops the TUI, and two TUIs keep their own drafts.
@Suite struct DraftTests {
  let directory = TemporaryDirectory()
  var base: URL { directory.url.appendingPathComponent(Draft.fileName) }

  /// A repository with one record, "Søs", and its id.
  func repository() -> (MemoryRepository, String) {
    let repository = MemoryRepository()
    let id = try! repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    return (repository, id)
  }

  func model(_ repository: MemoryRepository, files: DraftFiles? = nil) -> AppModel {
    let context = AppContext(
      strings: StringCatalog(language: .da), today: today, engine: AssessmentEngine(), repository: repository,
      configURL: nil, draftURL: base)
    return AppModel(context: context, width: 100, height: 30, config: UserConfig(initials: "AB"), draftFiles: files)
  }

  /// Writes `json` as the draft a TUI that has ended left behind.
  func leave(_ json: String, name: String = Draft.fileName) throws {
    try Data(json.utf8).write(to: directory.url.appendingPathComponent(name))
  }

  @Test func aDraftWithEveryIndexOutOfRangeIsOfferedAsFarAsItFits() throws {
    let (repository, id) = repository()
    // Focus, cursor and level far outside their forms, a finding of another rule set, a
    // field length no form has: today this crashed on every start.
    try leave(
      #"""
      {"recordID": "\#(id)", "recordName": "Søs", "screen": "decision", "ruleSetID": "dk-other", "ruleSetVersion": "9",
       "walkthrough": {"dueDate": {"text": "2027-05-20", "cursor": 999, "maxLength": 99999999},
         "lastPeriod": {"text": "", "cursor": -5, "maxLength": 10}, "cycleDays": {"text": "", "cursor": 0, "maxLength": 2},
         "scanDate": {"text": "", "cursor": 0, "maxLength": 10}, "scanAge": {"text": "", "cursor": 0, "maxLength": 5},
         "bmi": {"text": "", "cursor": 0, "maxLength": 5}, "parity": "nulliparous",
         "findings": ["multiple_pregnancy", "kryptonite_exposure", "multiple_pregnancy"], "focus": 999, "changed": true},
       "decision": {"level": 9, "reason": {"text": "tvillinger", "cursor": 4000, "maxLength": 200}, "focus": 7}}
      """#)
    var model = model(repository)
    guard case .restoreDraft = model.dialog else {
      Issue.record("no draft offered")
      return
    }
    model.press(.enter)
    #expect(model.screen == .decision)
    #expect(model.decision?.form.level == 4)
    #expect(model.walk.findings == ["multiple_pregnancy"])
    #expect(model.message?.contains("kryptonite_exposure") == true)
    #expect(model.walk.dueDate.cursor <= model.walk.dueDate.text.count)
    #expect(model.walk.dueDate.maxLength <= InputLimits.freeTextCharacters)
    // Every key works on what was restored.
    model.press(.up, .down, .backspace, .char("x"), .left, .delete, .esc)
    for _ in 0..<60 { model.press(.down) }
    model.press(.char(" "), .up, .home, .end)
    _ = model.render()
  }

  @Test(
    "An unreadable draft is set aside with a message, and the TUI starts on the list",
    arguments: [
      "{\"screen\": ", "not json at all", "{\"screen\": 7}",
      #"{"screen": "walkthrough", "walkthrough": {"parity": "trillingfødende"}}"#,
    ])
  func unreadable(json: String) throws {
    let (repository, _) = repository()
    try leave(json)
    let model = model(repository)
    #expect(model.dialog == nil)
    #expect(model.screen == .list)
    #expect(model.message?.contains(".svangre-tui-draft.unreadable") == true)
    #expect(!FileManager.default.fileExists(atPath: base.path))
    #expect(
      FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".svangre-tui-draft.unreadable").path)
    )
    // Set aside for good: the next start is clean.
    #expect(self.model(repository).message == nil)
  }

  /// Esc on "continue where you left off?" must not cost the typing: the draft is set
  /// aside, byte for byte, under a name that is never offered again, and the message says
  /// where it is.
  @Test func aDraftDeclinedIsSetAsideNotDeleted() throws {
    let (repository, _) = repository()
    var first = model(repository)
    first.press(.char("n"))
    first.type("Anna")
    first.markDirty()
    first.saveDraftIfNeeded()
    let written = try Data(contentsOf: try #require(first.draftFile))
    try FileManager.default.moveItem(at: first.draftFile!, to: base)

    var model = model(repository)
    guard case .restoreDraft = model.dialog else {
      Issue.record("the draft was not offered")
      return
    }
    model.press(.esc)
    #expect(model.dialog == nil)
    #expect(model.screen == .list)
    let declined = directory.url.appendingPathComponent(".svangre-tui-draft.declined")
    #expect(try Data(contentsOf: declined) == written)
    #expect(!FileManager.default.fileExists(atPath: base.path))
    #expect(model.message == StringCatalog(language: .da)("draft.declined", ["file": declined.lastPathComponent]))
    // Declined for good: the next start offers nothing.
    let next = self.model(repository)
    #expect(next.dialog == nil && next.message == nil)
  }

  /// Esc on the decision with an override reason typed asks, as every form with typed
  /// work does; "no" keeps the reason on screen, "yes" goes back to the walkthrough with
  /// its own typing kept in the draft. With no reason typed, Esc goes straight back.
  @Test func escOnADecisionWithATypedReasonAsksBeforeDroppingIt() throws {
    let (repository, _) = repository()
    var model = model(repository)
    model.press(.enter)
    model.type("2027-05-20")
    model.press(.enter)
    #expect(model.screen == .decision)
    model.press(.esc)
    #expect(model.screen == .walkthrough && model.dialog == nil, "nothing typed on the decision: no question")

    model.press(.enter, .char("3"), .down)
    model.type("Ønsker det")
    model.press(.esc)
    #expect(model.dialog == .discard(quit: false))
    model.press(.esc)
    #expect(model.screen == .decision && model.decision?.form.reason.value == "Ønsker det")

    model.press(.esc, .enter)
    #expect(model.dialog == nil && model.screen == .walkthrough)
    #expect(model.walk.dueDate.value == "2027-05-20")
    model.saveDraftIfNeeded()
    let file = try #require(model.draftFile)
    let draft = try #require(try Draft.read(from: file)?.get())
    #expect(draft.screen == "walkthrough" && draft.decision == nil)
    #expect(draft.walkthrough?.dueDate.value == "2027-05-20")
  }

  @Test func aDraftOverTheLimitIsNotReadIntoMemory() throws {
    let (repository, _) = repository()
    try leave("")
    let handle = try FileHandle(forWritingTo: base)
    try handle.truncate(atOffset: UInt64(InputLimits.settingsBytes + 1))
    try handle.close()
    let model = model(repository)
    #expect(model.dialog == nil)
    #expect(model.message?.contains("unreadable") == true)
  }

  @Test func aDraftForAScreenThisVersionDoesNotHaveSaysSo() throws {
    let (repository, _) = repository()
    try leave(#"{"screen": "telepathy"}"#)
    var model = model(repository)
    model.press(.enter)
    #expect(model.screen == .list)
    #expect(model.message == StringCatalog(language: .da)("draft.notRestored"))
  }

  @Test func twoTUIsOnOneStoreKeepTheirOwnDrafts() throws {
    let (repository, _) = repository()
    let running = Locked<Set<Int32>>([101, 202])
    func files(_ process: Int32) -> DraftFiles {
      DraftFiles(base: base, process: process, isRunning: { running.value.contains($0) })
    }
    var first = model(repository, files: files(101))
    var second = model(repository, files: files(202))
    first.press(.char("n"))
    first.type("Anna")
    first.markDirty()
    first.saveDraftIfNeeded()
    second.press(.char("n"))
    second.type("Bodil")
    second.markDirty()
    second.saveDraftIfNeeded()
    #expect(first.draftFile != second.draftFile)
    #expect(try Draft.read(from: first.draftFile!)?.get().newRecord?.name.text == "Anna")
    #expect(try Draft.read(from: second.draftFile!)?.get().newRecord?.name.text == "Bodil")
    // While both run, a third TUI is offered neither.
    #expect(model(repository, files: files(303)).dialog == nil)
    // The first ends without saving: the next TUI is offered its draft, and takes it over.
    running.update { $0.remove(101) }
    var third = model(repository, files: files(303))
    guard case .restoreDraft(let draft, _) = third.dialog else {
      Issue.record("the ended TUI's draft was not offered")
      return
    }
    #expect(draft.newRecord?.name.text == "Anna")
    third.press(.enter)
    #expect(third.newRecord?.form.name.text == "Anna")
    #expect(!FileManager.default.fileExists(atPath: first.draftFile!.path))
    #expect(try Draft.read(from: second.draftFile!)?.get().newRecord?.name.text == "Bodil")
  }
}
