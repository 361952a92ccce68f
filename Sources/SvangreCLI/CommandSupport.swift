import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// Output format of a command: JSON for programs, text for a person.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case json, text

  /// JSON when standard output is not a terminal (a pipe, a file), text when it is.
  static func resolved(_ explicit: OutputFormat?) -> OutputFormat {
    explicit ?? (isatty(STDOUT_FILENO) != 0 ? .text : .json)
  }
}

/// Standard output and error as a person or a script sees them. Text for a person goes
/// through `TerminalText.safe` line by line and JSON through a `JSONWriter.forTerminal`,
/// so that nothing a record holds can act on the terminal it is printed to.
enum Console {
  /// Text for a person: its own line breaks kept, everything a terminal would act on
  /// shown harmlessly.
  static func out(_ text: String) {
    var body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let lines: [String]
    if body.utf8.contains(UInt8(ascii: "\r")) {
      // "\r\n" is one character, which a split at "\n" keeps whole (`safe` makes it two
      // spaces); only then are characters looked at.
      lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.safe(String($0)) }
    } else {
      // Split at the newline byte: splitting 37,000 rows into characters was a sixth of
      // printing them.
      lines = body.withUTF8 { bytes in
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
          TerminalText.safe(String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self))
        }
      }
    }
    FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  }

  /// Bytes as they are on standard output (JSON a command put together itself, with its
  /// line end), with no copy. A failed write (a full disk) ends the process with a message
  /// and status 1: the answer is not complete.
  static func write(_ bytes: [UInt8], _ strings: StringCatalog) -> Void {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        error(strings("cli.output_failed", ["reason": String(cString: strerror(errno))]))
        Glibc.exit(EXIT_FAILURE)
      }
      offset += written
    }
  }

  /// JSON for a program.
  static func json(_ value: JSONValue, pretty: Bool) {
    var writer = JSONWriter.forTerminal(pretty: pretty)
    writer.value(value)
    json(writer)
  }

  /// JSON a command wrote itself (`JSONWriter.forTerminal`), and a line end.
  static func json(_ writer: JSONWriter) {
    // The bytes as they are: `Data(bytes)` looks up how to copy a sequence at run time.
    writer.bytes.withUnsafeBufferPointer { FileHandle.standardOutput.write(Data(buffer: $0)) }
    FileHandle.standardOutput.write(Data([UInt8(ascii: "\n")]))
  }

  /// A message on standard error, after "svangre: " (or indented, for the lines that
  /// follow one).
  static func error(_ text: String, continuation: Bool = false) {
    let line = (continuation ? "  " : "svangre: ") + TerminalText.safe(text)
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

extension Language {
  /// `--lang` as written on a command line that could not be parsed, else the locale.
  static func fromArguments(_ arguments: [String]) -> Language {
    for (index, argument) in arguments.enumerated() {
      var value: String?
      if argument == "--lang", index + 1 < arguments.count { value = arguments[index + 1] }
      if argument.hasPrefix("--lang=") { value = String(argument.dropFirst("--lang=".count)) }
      if let value, let language = Language(rawValue: value.lowercased()) { return language }
    }
    return fromProcessLocale()
  }

  /// The language of this process's locale variables. Reads only those: the whole
  /// environment through `ProcessInfo` cost 4 % of a `svangre assess` process.
  static func fromProcessLocale() -> Language {
    fromLocale { name in getenv(name).map { String(cString: $0) } }
  }
}

/// Lines of text output joined, each kept on its own line whatever data it holds: a line
/// break or a control character in a name or a note is shown as `TerminalText` shows it.
func textLines(_ lines: [String]) -> String {
  lines.map(TerminalText.safe).joined(separator: "\n")
}

/// The global options' values without ArgumentParser's property wrappers: what the commands
/// read, and what `AssessFastPath` builds without building `GlobalOptions` (whose wrappers
/// cost a start-up, docs/performance.md).
struct GlobalSettings: Equatable {
  var store, lang, rules, today: String?
}

extension GlobalOptions {
  var settings: GlobalSettings { GlobalSettings(store: store, lang: lang, rules: rules, today: today) }
  func language() throws -> Language { try settings.language() }
  func ruleSet(_ strings: StringCatalog) throws -> RuleSet { try settings.ruleSet(strings) }
  var clock: WallClock { settings.clock }
  func today(_ strings: StringCatalog) throws -> CalendarDate { try settings.today(strings) }
}

extension GlobalSettings {
  /// `--lang`, else the locale, else Danish. An unknown `--lang` is refused (exit 2).
  func language() throws -> Language {
    if let lang {
      guard let language = Language(rawValue: lang.lowercased()) else {
        Console.error(StringCatalog(language: .da)("cli.bad_language", ["value": lang]))
        throw ExitCode(2)
      }
      return language
    }
    return Language.fromProcessLocale()
  }

  /// The rule set named by `--rules`, else the bundled one. A file that cannot be read or
  /// does not validate is refused with every problem listed (exit 2).
  func ruleSet(_ strings: StringCatalog) throws -> RuleSet {
    guard let rules else { return .bundled }
    return try loadRuleSet(path: rules, strings)
  }

  /// The wall clock of every command: the audit time of what it saves, and today's date
  /// when `--today` is not given. The one place the CLI and the TUI get the time from.
  var clock: WallClock { .system }

  /// The clinical date: `--today`, else the local date on `clock`. It is what a
  /// visitation is about (its reference date); when it was saved comes from `clock` alone.
  func today(_ strings: StringCatalog) throws -> CalendarDate {
    if let today {
      guard let date = CalendarDate(iso: today) else {
        Console.error(strings("cli.bad_today", ["value": today]))
        throw ExitCode(2)
      }
      return date
    }
    return clock.today()
  }
}

/// Reads and validates a rule set file; prints the problems and exits 2 if it is bad.
func loadRuleSet(path: String, _ strings: StringCatalog) throws -> RuleSet {
  let data: Data
  switch BoundedRead.file(path, limit: InputLimits.ruleSetBytes) {
  case .success(let bytes): data = bytes
  case .failure(let refusal):
    Console.error(refusal.message(path: path, strings))
    throw ExitCode(2)
  }
  do {
    return try RuleSet.load(data)
  } catch {
    Console.error(strings("cli.ruleset_invalid", ["path": path, "count": String(error.problems.count)]))
    for line in error.lines(strings) { Console.error(line, continuation: true) }
    throw ExitCode(2)
  }
}

/// Reads a command's input (`-` or no path: standard input) through the bounded reader.
func readInput(_ path: String?, limit: Int) -> Result<Data, ReadRefusal> {
  BoundedRead.input(path, limit: limit)
}

extension ReadRefusal {
  /// What went wrong, naming the file (or standard input) and the limit.
  func message(path: String?, _ strings: StringCatalog) -> String {
    let name = path == nil || path == "-" ? strings("cli.stdin") : path!
    switch self {
    case .tooLarge(let limit):
      return strings("cli.too_large", ["path": name, "limit": InputLimits.describe(bytes: limit)])
    case .unreadable: return strings("cli.cannot_read", ["path": name])
    }
  }

  /// The refusal as the contract's error: the input was not read, so it is not JSON.
  func inputError(path: String?) -> InputError {
    switch self {
    case .tooLarge(let limit):
      InputError(
        .invalidJSON, detailKey: "error.invalid_json.too_large",
        arguments: ["limit": InputLimits.describe(bytes: limit)])
    case .unreadable:
      InputError(.invalidJSON, detailKey: "error.invalid_json.unreadable", arguments: ["path": path ?? "-"])
    }
  }
}

/// `record assess` without a `reference_date`: the visitation is for today, the clinical
/// date of the session (`--today`, else the clock). Inserted into the bytes as read, ahead
/// of the other members, so that everything else reaches the rules' parser untouched (a key
/// given twice is still refused); anything that is not an object without the key is left
/// for the parser to judge.
enum ReferenceDate {
  static func filled(_ data: Data, with today: CalendarDate) -> Data {
    guard let members = JSONValue.parse(data)?.members, members["reference_date"] == nil,
      let brace = data.firstIndex(of: UInt8(ascii: "{"))
    else { return data }
    let rest = data[(brace + 1)...]
    let isEmpty = rest.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "}")
    let member = "\"reference_date\":\"\(today.iso)\"" + (isEmpty ? "" : ",")
    return data[...brace] + Data(member.utf8) + rest
  }
}
