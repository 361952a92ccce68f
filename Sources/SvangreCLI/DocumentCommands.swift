import ArgumentParser
import Foundation
import Glibc
import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore

/// The forms of her plan: a calendar for her phone, a page to print, plain text.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
  case ics, html, text
}

/// `svangre export plan ID`: her plan for her, as a calendar, a printable page or text.
struct ExportPlan: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: helpText("help.export.plan.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var record: RecordReference
  @Option(help: argumentHelp("help.reader")) var author: String?
  @Option(help: argumentHelp("help.export.plan.format")) var format: PlanFormat = .text
  @Option(help: argumentHelp("help.export.output")) var output: String?

  func run() throws {
    let session = try StoreSession(global)
    let documents = try DocumentSession(session, global)
    let source = try documents.source(record, what: "plan", by: author)
    let plan = HerPlan(source, strings: session.strings, ruleSet: documents.ruleSet)
    let text: String
    switch format {
    case .ics:
      text = PlanCalendar(source, strings: session.strings, ruleSet: documents.ruleSet, stamp: global.clock.now()).ics
    case .html: text = PlanPage(plan).html
    case .text: text = plan.text + "\n"
    }
    try documents.write(text, to: output)
  }
}

/// `svangre record summary ID`: the note for her patient record.
struct RecordNoteSummary: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: helpText("help.record.summary.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var record: RecordReference
  @Option(help: argumentHelp("help.reader")) var author: String?
  @Option(help: argumentHelp("help.record.summary.format")) var format: OutputFormat = .text
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: format, pretty: pretty)
    let documents = try DocumentSession(session, global)
    let note = JournalNote(
      try documents.source(record, what: "summary", by: author), strings: session.strings, ruleSet: documents.ruleSet)
    switch format {
    case .json: session.printJSON(note.json)
    case .text: Console.out(note.text)
    }
  }
}

/// `svangre record referral ID`: the GP's referral to the birth place, ready to paste.
struct RecordReferralText: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "referral",
    abstract: helpText("help.record.referral.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var record: RecordReference
  @Option(help: argumentHelp("help.reader")) var author: String?

  func run() throws {
    let session = try StoreSession(global)
    let documents = try DocumentSession(session, global)
    Console.out(
      Referral(
        try documents.source(record, what: "referral", by: author), strings: session.strings, ruleSet: documents.ruleSet
      )
      .text)
  }
}

/// What the document commands share: the one way they read a record, and the one way
/// they write a file.
struct DocumentSession {
  let session: StoreSession
  let ruleSet: RuleSet
  let today: CalendarDate

  init(_ session: StoreSession, _ global: GlobalOptions) throws {
    self.session = session
    ruleSet = try global.ruleSet(session.strings)
    today = try global.today(session.strings)
  }

  /// Opens the record `reference` names (id or CPR number) for a document (`what`: plan,
  /// summary, referral) and assesses its state now on `--today`. Every document command
  /// reads a record here and nowhere else, so that one place sees each record a document
  /// is made from.
  ///
  /// The opening is logged in the record's access log (`plan_export`, `summary`,
  /// `referral`) with `author` (else the saved initials) and the login.
  func source(_ reference: RecordReference, what: String, by author: String?) throws -> DocumentSource {
    let store = try session.open()
    let id = try reference.resolve(session, in: store)
    let purpose: AccessPurpose =
      switch what {
      case "summary": .summary
      case "referral": .referral
      default: .planExport
      }
    let record = try session.run { () throws(StoreError) in
      try store.openForReading(id, by: session.reader(author, store: store), purpose: purpose)
    }
    do throws(DocumentRefusal) {
      return try DocumentSource(record: record, engine: AssessmentEngine(ruleSet: ruleSet), today: today)
    } catch {
      throw session.refuse(code: "document_refused", error.message(session.strings, what: what, today: today))
    }
  }

  /// `text` to standard output, or to a new private file at `path`.
  func write(_ text: String, to path: String?) throws {
    guard let path else {
      // At a terminal, nothing in the record may act on it; into a pipe, the bytes as made.
      if isatty(STDOUT_FILENO) != 0 { Console.out(text) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
      return
    }
    try ExportWriter.create(Data(text.utf8), at: path, session.strings)
  }
}

/// Writes an export to a new file (`ExportFile`), or says why not and exits: 2 for what
/// the user can change (the name holds a CPR number, the file exists, cannot be opened),
/// 1 when writing failed.
enum ExportWriter {
  static func create(_ data: Data, at path: String, _ strings: StringCatalog) throws {
    do throws(ExportFile.Refusal) {
      try ExportFile.create(data, at: path)
    } catch {
      switch error {
      case .cprInName:
        // The name is not repeated: the message would put the number on the screen and in logs.
        Console.error(strings("export.cpr_in_name"))
        throw ExitCode(2)
      case .exists:
        Console.error(strings("export.exists", ["path": path]))
        throw ExitCode(2)
      case .system(let operation, let code):
        Console.error(strings("export.cannot_write", ["path": path, "reason": String(cString: strerror(code))]))
        throw ExitCode(operation == "open" ? 2 : 1)
      }
    }
  }
}
