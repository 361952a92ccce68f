import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTUI

/// What every store command shares: the language, the opened store, and one way of
/// reporting a store error (message on standard error, JSON on standard output when
/// asked for, the contract's exit status). Never a stack trace.
struct StoreSession {
  let strings: StringCatalog
  let format: OutputFormat
  let pretty: Bool
  let global: GlobalOptions

  init(_ global: GlobalOptions, format: OutputFormat? = .text, pretty: Bool = true) throws {
    self.global = global
    strings = StringCatalog(language: try global.language())
    self.format = format ?? .text
    self.pretty = pretty
  }

  var directory: String { StoreLocation.resolve(explicit: global.store) }

  /// The store `--store` names (`StoreFactory`: a directory, or a PostgreSQL server).
  func open() throws -> any RecordStore {
    // Visitation inputs are read back with the rule set in use (`--rules`, a region's
    // own) and the bundled one.
    let ruleSets = [try global.ruleSet(strings), .bundled]
    return try run { () throws(StoreError) in
      try StoreFactory.open(directory, clock: global.clock, ruleSets: ruleSets, strings: strings)
    }
  }

  /// Runs a store operation, turning a `StoreError` into its message and exit status.
  func run<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw fail(error)
    }
  }

  /// Reports `error` and returns the exit to throw.
  func fail(_ error: StoreError) -> ExitCode {
    refuse(code: error.code, strings(error.messageKey, error.messageArguments), exit: error.exitCode)
  }

  /// Reports a refusal: `message` on standard error, and `{"error": {"code", "message"}}`
  /// on standard output when JSON was asked for; returns the exit to throw.
  func refuse(code: String, _ message: String, exit status: Int32 = 2) -> ExitCode {
    Console.error(message)
    if format == .json {
      let json = JSONValue.object([
        ("error", .object([("code", .string(code)), ("message", .string(message))]))
      ])
      Console.json(json, pretty: pretty)
    }
    return ExitCode(status)
  }

  /// Refuses a missing required option the way the contract wants (exit 2, our wording),
  /// rather than ArgumentParser's usage error.
  func require(_ value: String?, _ field: String) throws -> String {
    guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw fail(.invalidInput(field: field, reason: "missing"))
    }
    return value
  }

  /// `--author`, else the initials the store knows the user by (a clinic's server: her
  /// login role's), else those saved in the user's settings (`UserConfig`, the file the
  /// TUI keeps them in: one reader for both); refused (exit 2) when none is there. A
  /// server refuses `--author` of anyone else (`.otherAuthor`).
  func author(_ given: String?, store: any RecordStore) throws -> String {
    if let given, !given.trimmingCharacters(in: .whitespaces).isEmpty { return given }
    if let signedIn = store.signedInInitials { return signedIn }
    let saved = UserConfig.load(from: UserConfig.path(environment: ProcessInfo.processInfo.environment))
    guard let initials = saved.initials else { throw fail(.invalidInput(field: "author", reason: "missing")) }
    return initials
  }

  /// The initials that name who opens a record in its access log: `given`, else those
  /// saved in the user's config, else none (the login name is logged in any case, so a
  /// reading is never refused for want of initials).
  func reader(_ given: String?, store: any RecordStore) -> String? {
    if let given, !given.trimmingCharacters(in: .whitespaces).isEmpty { return given }
    if let signedIn = store.signedInInitials { return signedIn }
    return UserConfig.load(from: UserConfig.path(environment: ProcessInfo.processInfo.environment)).initials
  }

  /// `value`, or for `-` one line from standard input, asked for with the catalogue's
  /// `prompt` on standard error when standard input is a terminal: a CPR number given so
  /// never stands in the process list (`ps`, /proc/PID/cmdline) or the shell's history.
  /// Nil at the end of input; a line over `InputLimits.lineBytes` is refused (exit 2).
  func fromInput(_ value: String?, prompt: String) throws -> String? {
    guard value == "-" else { return value }
    if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data(strings(prompt).utf8)) }
    switch BoundedRead.line(STDIN_FILENO, limit: InputLimits.lineBytes) {
    case .success(let line): return line
    case .failure(let refusal): throw self.refuse(code: "invalid_input", refusal.message(path: nil, strings))
    }
  }

  /// Refuses a date given on the command line that lies more than a year from today
  /// (`--today` or the clock): `range`. A value that is not a date is left to the store,
  /// which names the format.
  func requireNearToday(_ value: String?, field: String) throws {
    guard let value, let date = CalendarDate(iso: value.trimmingCharacters(in: .whitespaces)) else { return }
    if !InputLimits.isPlausible(date, near: try global.today(strings)) {
      throw fail(.invalidInput(field: field, reason: "range"))
    }
  }

  /// Refuses a birth date after today (`future`) or more than a year before it (`range`).
  func requireBirthDate(_ value: String, field: String) throws {
    guard let date = CalendarDate(iso: value.trimmingCharacters(in: .whitespaces)) else { return }
    let today = try global.today(strings)
    if !Birth.canBeRecorded(on: date, by: today) { throw fail(.invalidInput(field: field, reason: "future")) }
    try requireNearToday(value, field: field)
  }

  func printJSON(_ value: JSONValue) { Console.json(value, pretty: pretty) }

  /// Warns on standard error about damaged records a listing had to leave out.
  func warn(_ problems: [RecordProblem]) {
    for problem in problems {
      Console.error(strings(problem.error.messageKey, problem.error.messageArguments))
    }
  }
}

extension JSONValue {
  static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
  static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
}
