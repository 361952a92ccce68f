import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// `svangre record …`: pregnancy records in the JSON record store (docs/store.md).
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: helpText("help.record.abstract"),
    subcommands: [
      RecordNew.self, RecordAssess.self, RecordShow.self, RecordList.self, RecordAmend.self,
      RecordNote.self, RecordDone.self, RecordBirth.self, RecordClose.self, RecordNoteSummary.self,
      RecordReferralText.self, RecordAccessLog.self,
    ]
  )

  @OptionGroup var global: GlobalOptions
}

/// `record new`: prints the new record's id alone.
struct RecordNew: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "new", abstract: helpText("help.record.new.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(help: argumentHelp("help.record.name")) var name: String?
  @Option(
    help: argumentHelp("help.record.new.cpr")) var cpr: String?
  @Option(help: argumentHelp("help.author")) var author: String?
  @Option(name: .customLong("due-date"), help: argumentHelp("help.record.dueDate")) var dueDate: String?
  @Option(help: argumentHelp("help.record.parity")) var parity: String?

  func run() throws {
    let session = try StoreSession(global)
    let name = try session.require(name, "name")
    let cpr = try session.require(try session.fromInput(cpr, prompt: "store.prompt.cpr"), "cpr")
    try session.requireNearToday(dueDate, field: "due_date")
    let store = try session.open()
    let author = try session.author(author, store: store)
    let record = try session.run { () throws(StoreError) in
      try store.createRecord(name: name, cpr: cpr, author: author, parity: parity, dueDate: dueDate)
    }
    Console.out(record.id)
  }
}

/// `record assess`: assesses like `svangre assess`, saves the visitation durably, then
/// prints exactly what `svangre assess` prints.
struct RecordAssess: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess", abstract: helpText("help.record.assess.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var record: RecordReference
  @Option(help: argumentHelp("help.input")) var input: String?
  @Option(help: argumentHelp("help.author")) var author: String?
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let output = OutputFormat.resolved(format)
    let session = try StoreSession(global, format: output, pretty: pretty)
    if record.readsStandardInput && (input ?? "-") == "-" {
      throw session.refuse(code: "invalid_input", session.strings("cli.record.stdinTwice"))
    }
    let ruleSet = try global.ruleSet(session.strings)
    let today = try global.today(session.strings)
    let store = try session.open()
    let author = try session.author(author, store: store)
    let id = try record.resolve(session, in: store)
    let printer = AssessmentOutput(format: output, strings: session.strings, ruleSet: ruleSet, pretty: pretty)
    // Without a reference date the visitation is today's: the clinical date of the session.
    let read = readInput(input, limit: InputLimits.assessmentBytes).mapError { $0.inputError(path: input) }
      .map { ReferenceDate.filled($0, with: today) }
    let result = read.flatMap { AssessmentOutput.assess($0, ruleSet: ruleSet) }
    guard case .success((let parsed, let assessment)) = result else {
      // Refused input: the same error as `svangre assess`, and nothing saved.
      throw ExitCode(printer.write(result))
    }
    let visitation = Visitation(input: parsed, assessment: assessment)
    // An append: the input is whole in itself, so it is saved on top of whatever a
    // colleague saved meanwhile (docs/store.md, "Appends and stale copies").
    _ = try session.run { () throws(StoreError) in
      try store.appendVisitation(id, basedOn: nil, visitation: visitation, author: author)
    }
    // Printed only now: exit 0 and output mean the visitation is on disk.
    let code = printer.write(result)
    if code != 0 { throw ExitCode(code) }
  }
}

/// `record show`: the whole record with its history.
struct RecordShow: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: helpText("help.record.show.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var reference: RecordReference
  @Option(help: argumentHelp("help.reader")) var author: String?
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let ruleSet = try global.ruleSet(session.strings)
    let today = try global.today(session.strings)
    let store = try session.open()
    let id = try reference.resolve(session, in: store)
    // Logged before anything is printed: a record shown is a record opened.
    let record = try session.run { () throws(StoreError) in
      try store.openForReading(id, by: session.reader(author, store: store), purpose: .show)
    }
    let current = RecordCurrent(record, ruleSet: ruleSet, today: today)
    switch session.format {
    case .json:
      guard case .object(let members) = RecordOutput.json(record) else { return }
      session.printJSON(.object(members + [("current", current?.json(session.strings) ?? .null)]))
    case .text:
      var text = RecordOutput.text(record, session.strings, ruleSet: ruleSet)
      if let current { text += "\n\n" + current.text(session.strings, ruleSet: ruleSet) }
      Console.out(text)
    }
  }
}

/// `record list`: every record (masked CPR numbers), or those matching `--search`.
struct RecordList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: helpText("help.record.list.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(
    help: argumentHelp("help.record.search")) var search: String?
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let search = try session.fromInput(search, prompt: "store.prompt.search")
    let store = try session.open()
    let summaries = try session.run { () throws(StoreError) in
      let all = try store.list()
      return try search.map { (query) throws(StoreError) in try store.search(query) } ?? all
    }
    session.warn(store.problems)
    switch session.format {
    case .json: session.printJSON(.array(summaries.map(RecordOutput.json)))
    case .text: Console.out(RecordOutput.text(summaries, session.strings))
    }
  }
}

/// Options of every command that adds to a record.
struct RecordChangeOptions: ParsableArguments {
  @OptionGroup var record: RecordReference
  @Option(help: argumentHelp("help.author")) var author: String?
  @Option(
    name: .customLong("expect-revision"),
    help: argumentHelp("help.record.expectRevision"))
  var expectRevision: Int?
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?

  /// Finds the record named (id or CPR number), applies `change` (the store, the record's
  /// id, the revision it is based on, the author) and prints the result. The change is
  /// based on `--expect-revision` when given (refused if the record has moved on);
  /// otherwise it is an append on top of the latest revision — the command line shows
  /// nothing it could have decided on.
  func apply(
    _ global: GlobalOptions, naming reference: RecordReference? = nil,
    _ change: (any RecordStore, String, Int?, String) throws(StoreError) -> PregnancyRecord
  ) throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: false)
    let store = try session.open()
    let author = try session.author(author, store: store)
    let id = try (reference ?? record).resolve(session, in: store)
    let saved = try session.run { () throws(StoreError) in try change(store, id, expectRevision, author) }
    switch session.format {
    case .json:
      session.printJSON(.object([("id", .string(saved.id)), ("revision", .int(saved.revision))]))
    case .text:
      Console.out(session.strings("store.saved", ["id": saved.id, "revision": String(saved.revision)]))
    }
  }
}

/// `record amend`: a correction that keeps the original value, who, when and why.
struct RecordAmend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "amend",
    abstract: helpText("help.record.amend.abstract"),
    discussion: helpText("help.record.amend.discussion")
  )
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(
    help: argumentHelp("help.record.amend.field")) var field: String?
  @Option(help: argumentHelp("help.record.amend.entry")) var entry: Int?
  @Option(help: argumentHelp("help.record.amend.value")) var value: String?
  @Option(help: argumentHelp("help.record.amend.reason")) var reason: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let fieldName = try session.require(field, "field")
    guard let field = AmendableField(rawValue: fieldName) else {
      throw session.fail(.invalidInput(field: "field", reason: "format"))
    }
    if field.needsTarget && entry == nil { throw session.fail(.invalidInput(field: "target", reason: "missing")) }
    let reason = try session.require(reason, "reason")
    if field == .cpr && value == "-" && change.record.readsStandardInput {
      throw session.refuse(code: "invalid_input", session.strings("cli.record.stdinTwice"))
    }
    let given = field == .cpr ? try session.fromInput(value, prompt: "store.prompt.cpr") : value
    let value = try session.require(given, "value")
    // A birth after today is a typing mistake, as in `record birth`; so is a date a year
    // or more away.
    if field == .birthDate { try session.requireBirthDate(value, field: "birth.date") }
    if field == .dueDate { try session.requireNearToday(value, field: "due_date") }
    let today = try global.today(session.strings)
    try change.apply(global) { (store, id, revision, author) throws(StoreError) in
      // A corrected day is held to what a new entry is: not after today, nor before the
      // pregnancy or after the birth.
      if field == .doneDate, let date = CalendarDate(iso: value.trimmingCharacters(in: .whitespaces)),
        let problem = try store.load(id).doneDateProblem(date, ruleSets: store.ruleSets, today: today)
      {
        throw problem
      }
      return try store.amend(
        id, basedOn: revision, field: field, target: entry, value: value, reason: reason,
        author: author)
    }
  }
}

/// `record note`.
struct RecordNote: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "note", abstract: helpText("help.record.note.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: argumentHelp("help.record.note.text")) var text: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let text = try session.require(text, "text")
    try change.apply(global) { (store, id, revision, author) throws(StoreError) in
      try store.addNote(id, basedOn: revision, text: text, author: author)
    }
  }
}

/// `record birth`.
struct RecordBirth: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "birth", abstract: helpText("help.record.birth.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: argumentHelp("help.record.birth.date")) var date: String?
  @Option(help: argumentHelp("help.record.birth.place")) var place: String?
  @Option(name: .customLong("discharge-hours"), help: argumentHelp("help.record.birth.dischargeHours"))
  var dischargeHours: Double?
  @Flag(help: argumentHelp("help.record.birth.traumatic")) var traumatic = false
  @Flag(name: .customLong("child-loss"), help: argumentHelp("help.record.birth.childLoss")) var childLoss = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let date = try session.require(date, "date")
    let place = try session.require(place, "place")
    if place == BirthPlace.hospital.rawValue && dischargeHours == nil {
      throw session.fail(.invalidInput(field: "discharge_hours", reason: "missing"))
    }
    // A birth after today is a typing mistake; the TUI refuses it the same way.
    try session.requireBirthDate(date, field: "date")
    try change.apply(global) { (store, id, revision, author) throws(StoreError) in
      let birth = try BirthEvent(
        parsingDate: date, place: place, dischargeHours: dischargeHours, traumatic: traumatic, childLoss: childLoss)
      return try store.recordBirth(id, basedOn: revision, birth: birth, author: author)
    }
  }
}

/// `record close`.
struct RecordClose: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close", abstract: helpText("help.record.close.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: argumentHelp("help.record.close.reason")) var reason: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let reason = try session.require(reason, "reason")
    try change.apply(global) { (store, id, revision, author) throws(StoreError) in
      try store.close(id, basedOn: revision, reason: reason, author: author)
    }
  }
}

/// `record done`: an item of her programme took place (attendance, item by item).
struct RecordDone: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done", abstract: helpText("help.record.done.abstract"),
    discussion: helpText("help.record.done.discussion"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Argument(help: argumentHelp("help.record.done.item"), completion: .list(RuleIDs.items)) var item: String?
  @Option(help: argumentHelp("help.record.done.date")) var date: String?
  @Option(help: argumentHelp("help.record.done.note")) var note: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let today = try global.today(session.strings)
    // With --cpr the one argument is the item (`record done --cpr - midwife_21`).
    var reference = change.record
    var item = item
    if item == nil, reference.cpr != nil {
      item = reference.id
      reference.id = nil
    }
    let done = ItemDone(item: try session.require(item, "done.item"), date: date ?? today.iso, note: note)
    var recordID: String?
    do {
      try change.apply(global, naming: reference) { (store, id, revision, author) throws(StoreError) in
        recordID = id
        return try store.recordDone(id, basedOn: revision, done: done, author: author, today: today)
      }
    } catch let exit as ExitCode where exit.rawValue == 2 {
      // An item she does not have: say which she has (her programme on that day).
      if let recordID,
        let items = programmeItems(session, recordID, done.item, on: CalendarDate(iso: done.date) ?? today)
      {
        Console.error(session.strings("store.done.items", ["items": items.joined(separator: ", ")]))
      }
      throw exit
    }
  }

  /// Her programme's item IDs on `day`, when `item` is not one of them.
  private func programmeItems(_ session: StoreSession, _ id: String, _ item: String, on day: CalendarDate) -> [String]?
  {
    guard let store = try? session.open(), let record = try? store.load(id),
      let ruleSet = try? global.ruleSet(session.strings),
      let current = RecordCurrent(record, ruleSet: ruleSet, today: day),
      case .success(let followUp) = current.result
    else { return nil }
    let ids = followUp.assessment.schedule.map(\.id)
    return ids.contains(item) ? nil : ids
  }
}
