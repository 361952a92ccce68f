import Foundation
import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// The plan's record note (`s`) and referral (`r`): the text the documents module makes
/// from the plan's answer, shown and copied — through the terminal as OSC 52, or where it
/// cannot, into a new private file with no CPR number in its name.
@Suite struct DocumentScreenTests {
  /// A model on the plan of a saved record (twins, level 3 by override).
  func onPlan(clipboard: ClipboardSettings, language: Language = .da) throws -> (AppModel, MemoryRepository) {
    let repository = MemoryRepository()
    let context = AppContext(
      strings: StringCatalog(language: language), today: today, engine: AssessmentEngine(),
      repository: repository, configURL: nil, draftURL: nil, trainingSeed: 2026, clipboard: clipboard)
    var model = AppModel(context: context, width: 100, height: 30, config: UserConfig(initials: "AB"))
    model.typeNewRecord("Søs Æbelø Ørnsholt", cpr: "010190-2000")
    model.type("2027-05-20")
    model.focusFinding(language == .da ? "Flerfoldsgraviditet" : "Multiple pregnancy")
    model.press(.char(" "), .enter, .char("3"), .tab)
    model.type("Tvillinger")
    model.press(.enter)
    try #require(model.plan != nil, "not on the plan:\n\(model.screenText)")
    return (model, repository)
  }

  /// The note as the documents module makes it for what the plan shows.
  func expectedNote(_ model: AppModel) throws -> String {
    let plan = try #require(model.plan)
    let screen = try #require(
      DocumentScreen<RecordNote>(record: plan.detail, followUp: plan.followUp, model.environment))
    return screen.text
  }

  @Test("s shows the note and asks the terminal to copy it: OSC 52 with the note in base64, nothing on disk")
  func noteToTheTerminal() throws {
    var (model, _) = try onPlan(clipboard: ClipboardSettings(terminal: true, fallbackDirectory: nil))
    let note = try expectedNote(model)
    model.press(.char("s"))
    #expect(model.screen == .summary)
    #expect(model.screenText.contains(model.strings("journal.title")))
    #expect(model.message == model.strings("clipboard.copied", ["what": model.strings("screen.summary")]))
    let requests = model.takeTerminalRequests()
    #expect(requests == [.clipboard(note)])
    #expect(model.takeTerminalRequests().isEmpty, "each request is performed once")
    let sequence = TerminalClipboard.sequence(note)
    #expect(Array(sequence.prefix(7)) == Array("\u{1B}]52;c;".utf8) && sequence.last == 0x07)
    let payload = String(decoding: sequence.dropFirst(7).dropLast(), as: UTF8.self)
    #expect(Data(base64Encoded: payload).map { String(decoding: $0, as: UTF8.self) } == note)
    // Nothing personal in the escape: the note names no one.
    #expect(!note.contains("010190") && !note.contains("Ørnsholt"))
  }

  @Test("Where the terminal cannot copy, the note goes to a new 0600 file named without her CPR number")
  func noteToAFile() throws {
    let directory = TemporaryDirectory()
    let copies = directory.url.appendingPathComponent("state/copies")
    var (model, _) = try onPlan(clipboard: ClipboardSettings(terminal: false, fallbackDirectory: copies))
    let note = try expectedNote(model)
    model.press(.char("s"))
    #expect(model.takeTerminalRequests().isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: copies.path)
    #expect(files.count == 1)
    let name = try #require(files.first)
    #expect(!CPRNumber.appears(in: name) && !name.contains("Søs"))
    let path = copies.appendingPathComponent(name).path
    #expect(try String(contentsOfFile: path, encoding: .utf8) == note)
    let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    #expect(mode == 0o600)
    #expect(model.message == model.strings("clipboard.saved", ["what": model.strings("screen.summary"), "path": path]))
    // A second copy never replaces the first.
    model.press(.char("p"), .char("s"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: copies.path).count == 2)
  }

  @Test("r shows the referral and copies it; the keys need a visitation")
  func referral() throws {
    var (model, _) = try onPlan(clipboard: ClipboardSettings(), language: .en)
    model.press(.char("r"))
    #expect(model.screen == .referral)
    #expect(model.screenText.contains(model.strings("referral.title")))
    guard case .clipboard(let text)? = model.takeTerminalRequests().first else {
      Issue.record("nothing copied")
      return
    }
    #expect(text.contains(model.strings("referral.title")) && text.contains("Tvillinger"))
    // A record without a visitation has no plan answer: neither key is offered or works.
    let env = makeModel().environment
    let empty = RecordDetail(
      id: "abcdefghjkmn", name: "Ida", maskedCPR: "020290-XXXX", visitations: [], birth: nil, current: nil, revision: 1)
    let plan = PlanScreen(empty, env)
    #expect(plan.followUp == nil)
    let entrances = ScreenRegistry.entrances(on: .plan).filter { entrance in
      if case .open(let id) = entrance.binding.action { return id == .summary || id == .referral }
      return false
    }
    #expect(entrances.count == 2)
    #expect(entrances.allSatisfy { !$0.isOffered(plan) && $0.open(plan, env).isEmpty })
  }
}
