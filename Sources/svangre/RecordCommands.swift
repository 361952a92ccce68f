import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// `svangre record …`: pregnancy records in the JSON record store (docs/store.md).
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract:
      "Pregnancy records: create, assess, show, list, correct, note, done, birth, close; the record note and referral; who opened one.",
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
  static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a record; prints its id.")
  @OptionGroup var global: GlobalOptions
  @Option(help: "The woman's name.") var name: String?
  @Option(
    help:
      "Her CPR number, DDMMYY-SSSS (replacement numbers accepted); - to read it from standard input or a prompt, so that it does not stand in the process list."
  ) var cpr: String?
  @Option(help: "Your initials.") var author: String?
  @Option(name: .customLong("due-date"), help: "The due date, YYYY-MM-DD, if known.") var dueDate: String?
  @Option(help: "nulliparous or multiparous, if known.") var parity: String?

  func run() throws {
    let session = try StoreSession(global)
    let name = try session.require(name, "name")
    let author = try session.require(author, "author")
    let cpr = try session.require(try session.fromInput(cpr, prompt: "store.prompt.cpr"), "cpr")
    try session.requireNearToday(dueDate, field: "due_date")
    let store = try session.open()
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
    commandName: "assess", abstract: "Assess and append a visitation; prints the assessment.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The record id.") var id: String
  @Option(help: "The assessment JSON file, or - for standard input (the default).") var input: String?
  @Option(help: "Your initials.") var author: String?
  @Option(help: "json or text (default: text at a terminal, else json).") var format: OutputFormat?
  @Flag(help: "Indent the JSON output.") var pretty = false

  func run() throws {
    let output = OutputFormat.resolved(format)
    let session = try StoreSession(global, format: output, pretty: pretty)
    let author = try session.require(author, "author")
    let ruleSet = try global.ruleSet(session.strings)
    let store = try session.open()
    let printer = AssessmentOutput(format: output, strings: session.strings, ruleSet: ruleSet, pretty: pretty)
    let read = readInput(input, limit: InputLimits.assessmentBytes).mapError { $0.inputError(path: input) }
    let result = read.flatMap { AssessmentOutput.assess($0, ruleSet: ruleSet) }
    guard case .success((_, let assessment)) = result, case .success(let data) = read,
      let verbatim = JSONValue.parse(data)
    else {
      // Refused input: the same error as `svangre assess`, and nothing saved.
      throw ExitCode(printer.write(result))
    }
    let visitation = Visitation(
      input: verbatim, ruleSetID: assessment.ruleSetID, ruleSetVersion: assessment.ruleSetVersion,
      suggestedLevel: assessment.suggestedLevel, level: assessment.level,
      overrideReason: assessment.overridden ? assessment.overrideReason : nil,
      dueDate: assessment.dueDate.iso, gestationalAge: assessment.gestationalAge.description)
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
    abstract: "Show a record, its full history, and her state now (after corrections) assessed on --today.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The record id.") var id: String
  @Option(help: "Your initials: the record's access log names you (your login name is logged too).")
  var author: String?
  @Option(help: "json or text (default: text at a terminal, else json).") var format: OutputFormat?
  @Flag(help: "Indent the JSON output.") var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let ruleSet = try global.ruleSet(session.strings)
    let today = try global.today(session.strings)
    let store = try session.open()
    // Logged before anything is printed: a record shown is a record opened.
    let record = try session.run { () throws(StoreError) in
      try store.openForReading(id, by: author, purpose: .show)
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
    commandName: "list", abstract: "List records, or search by name or CPR prefix.")
  @OptionGroup var global: GlobalOptions
  @Option(
    help:
      "A part of the name (case and accents ignored) or the start of a CPR number; - to read it from standard input or a prompt."
  ) var search: String?
  @Option(help: "json or text (default: text at a terminal, else json).") var format: OutputFormat?
  @Flag(help: "Indent the JSON output.") var pretty = false

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
  @Argument(help: "The record id.") var id: String
  @Option(help: "Your initials.") var author: String?
  @Option(
    name: .customLong("expect-revision"),
    help: "Refuse unless the record is still at this revision (the one you read).")
  var expectRevision: Int?
  @Option(help: "json or text (default: text at a terminal, else json).") var format: OutputFormat?

  /// Applies `change` and prints the result. The change is based on `--expect-revision`
  /// when given (refused if the record has moved on); otherwise it is an append on top of
  /// the latest revision — the command line shows nothing it could have decided on.
  func apply(
    _ global: GlobalOptions,
    _ change: (any RecordStore, Int?, String) throws(StoreError) -> PregnancyRecord
  ) throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: false)
    let author = try session.require(author, "author")
    let store = try session.open()
    let record = try session.run { () throws(StoreError) in try change(store, expectRevision, author) }
    switch session.format {
    case .json:
      session.printJSON(.object([("id", .string(record.id)), ("revision", .int(record.revision))]))
    case .text:
      Console.out(session.strings("store.saved", ["id": record.id, "revision": String(record.revision)]))
    }
  }
}

/// `record amend`: a correction that keeps the original value, who, when and why.
struct RecordAmend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "amend",
    abstract: "Correct a field; the original value stays in the record.",
    discussion:
      "Fields: name, cpr, due_date, parity; note and level need --entry (the history number, #N in `record show`); "
      + "the recorded birth: birth.date (YYYY-MM-DD, not after --today), birth.place (home or hospital), "
      + "birth.discharge_hours (0–1344), birth.traumatic and birth.child_loss (true or false); "
      + "an item done (`record done`), with --entry: done.date (YYYY-MM-DD, not after --today) and "
      + "done.cancelled (true: it was not done or was recorded by mistake; false undoes that)."
  )
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(
    help:
      "name, cpr, due_date, parity, note, level, birth.date, birth.place, birth.discharge_hours, birth.traumatic, birth.child_loss, done.date or done.cancelled."
  ) var field: String?
  @Option(help: "For note, level and done.*: the history entry number.") var entry: Int?
  @Option(help: "The corrected value; for --field cpr, - reads it from standard input or a prompt.") var value: String?
  @Option(help: "Why the correction is made.") var reason: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let fieldName = try session.require(field, "field")
    guard let field = AmendableField(rawValue: fieldName) else {
      throw session.fail(.invalidInput(field: "field", reason: "format"))
    }
    if field.needsTarget && entry == nil { throw session.fail(.invalidInput(field: "target", reason: "missing")) }
    let reason = try session.require(reason, "reason")
    let given = field == .cpr ? try session.fromInput(value, prompt: "store.prompt.cpr") : value
    let value = try session.require(given, "value")
    // A birth after today is a typing mistake, as in `record birth`; so is a date a year
    // or more away.
    if field == .birthDate { try session.requireBirthDate(value, field: "birth.date") }
    if field == .dueDate { try session.requireNearToday(value, field: "due_date") }
    let today = try global.today(session.strings)
    try change.apply(global) { (store, revision, author) throws(StoreError) in
      // A corrected day is held to what a new entry is: not after today, nor before the
      // pregnancy or after the birth.
      if field == .doneDate, let date = CalendarDate(iso: value.trimmingCharacters(in: .whitespaces)),
        let problem = try store.load(change.id).doneDateProblem(date, ruleSets: store.ruleSets, today: today)
      {
        throw problem
      }
      return try store.amend(
        change.id, basedOn: revision, field: field, target: entry, value: value, reason: reason,
        author: author)
    }
  }
}

/// `record note`.
struct RecordNote: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a journal note.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: "The note.") var text: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let text = try session.require(text, "text")
    try change.apply(global) { (store, revision, author) throws(StoreError) in
      try store.addNote(change.id, basedOn: revision, text: text, author: author)
    }
  }
}

/// `record birth`.
struct RecordBirth: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "birth", abstract: "Record the birth.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: "The birth date, YYYY-MM-DD.") var date: String?
  @Option(help: "home or hospital.") var place: String?
  @Option(name: .customLong("discharge-hours"), help: "Hours from birth to discharge (hospital births).")
  var dischargeHours: Double?
  @Flag(help: "The birth was traumatic.") var traumatic = false
  @Flag(name: .customLong("child-loss"), help: "The child died.") var childLoss = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let date = try session.require(date, "date")
    let place = try session.require(place, "place")
    if place == BirthPlace.hospital.rawValue && dischargeHours == nil {
      throw session.fail(.invalidInput(field: "discharge_hours", reason: "missing"))
    }
    // A birth after today is a typing mistake; the TUI refuses it the same way.
    try session.requireBirthDate(date, field: "date")
    try change.apply(global) { (store, revision, author) throws(StoreError) in
      let birth = try BirthEvent(
        parsingDate: date, place: place, dischargeHours: dischargeHours, traumatic: traumatic, childLoss: childLoss)
      return try store.recordBirth(change.id, basedOn: revision, birth: birth, author: author)
    }
  }
}

/// `record close`.
struct RecordClose: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close", abstract: "Close the record (it is kept; notes and corrections stay possible).")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Option(help: "Why, e.g. postnatal care finished.") var reason: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let reason = try session.require(reason, "reason")
    try change.apply(global) { (store, revision, author) throws(StoreError) in
      try store.close(change.id, basedOn: revision, reason: reason, author: author)
    }
  }
}

/// `record done`: an item of her programme took place (attendance, item by item).
struct RecordDone: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done", abstract: "Record that an item of her visit programme took place.",
    discussion:
      "ITEM is a schedule item ID of her programme (midwife_21, scan_18_20, ogtt_24_28, …; "
      + "`record show ID --format json` lists them under current.assessment.schedule). "
      + "Correct the day with `record amend ID --field done.date --entry N`, "
      + "or cancel the entry with --field done.cancelled --value true.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var change: RecordChangeOptions
  @Argument(help: "The schedule item ID, e.g. midwife_21.") var item: String
  @Option(help: "The day it took place, YYYY-MM-DD (default: today, or --today).") var date: String?
  @Option(help: "An optional note.") var note: String?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(change.format), pretty: false)
    let today = try global.today(session.strings)
    let done = ItemDone(item: item, date: date ?? today.iso, note: note)
    do {
      try change.apply(global) { (store, revision, author) throws(StoreError) in
        try store.recordDone(change.id, basedOn: revision, done: done, author: author, today: today)
      }
    } catch let exit as ExitCode where exit.rawValue == 2 {
      // An item she does not have: say which she has (her programme on that day).
      if let items = programmeItems(session, on: CalendarDate(iso: done.date) ?? today) {
        Console.error(session.strings("store.done.items", ["items": items.joined(separator: ", ")]))
      }
      throw exit
    }
  }

  /// Her programme's item IDs on `day`, when the item given is not one of them.
  private func programmeItems(_ session: StoreSession, on day: CalendarDate) -> [String]? {
    guard let store = try? session.open(), let record = try? store.load(change.id),
      let ruleSet = try? global.ruleSet(session.strings),
      let current = RecordCurrent(record, ruleSet: ruleSet, today: day),
      case .success(let followUp) = current.result
    else { return nil }
    let ids = followUp.assessment.schedule.map(\.id)
    return ids.contains(item) ? nil : ids
  }
}
