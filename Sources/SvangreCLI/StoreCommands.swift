import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// `svangre store …`: the store as a whole.
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: helpText("help.store.abstract"),
    subcommands: [StoreCheck.self, StoreQuarantine.self, StorePath.self, StoreUpgrade.self, StoreMigrate.self]
  )

  @OptionGroup var global: GlobalOptions
}

/// `store check`: exit 0 only when every record reads back whole.
struct StoreCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: helpText("help.store.check.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let store = try session.open()
    let report = try session.run { () throws(StoreError) in try store.check() }
    let strings = session.strings
    switch session.format {
    case .json:
      session.printJSON(
        .object([
          ("ok", .bool(report.passed)),
          ("records", .int(report.recordsChecked)),
          (
            "problems",
            .array(
              report.problems.map { problem in
                .object([
                  ("id", .string(problem.id)), ("code", .string(problem.error.code)),
                  ("message", .string(strings(problem.error.messageKey, problem.error.messageArguments))),
                ])
              })
          ),
          ("loose_permissions", .array(report.loosePermissions.map(JSONValue.string))),
          (
            "untrusted_files",
            .array(
              report.untrustedFiles.map { file in
                .object([
                  ("name", .string(file.name)), ("problem", .string(file.problem.rawValue)),
                  ("message", .string(untrusted(file, strings))),
                ])
              })
          ),
          ("removed_temp_files", .int(report.removedTempFiles)),
        ]))
    case .text:
      var lines: [String] = []
      for problem in report.problems {
        lines.append(strings(problem.error.messageKey, problem.error.messageArguments))
      }
      for id in report.loosePermissions {
        lines.append(strings("store.check.loose_file", ["id": id]))
      }
      for file in report.untrustedFiles { lines.append(untrusted(file, strings)) }
      if report.removedTempFiles > 0 {
        lines.append(strings("store.check.temp_removed", ["count": String(report.removedTempFiles)]))
      }
      let problems = report.problems.count + report.loosePermissions.count + report.untrustedFiles.count
      lines.append(
        report.passed
          ? strings("store.check.ok", ["count": String(report.recordsChecked)])
          : strings("store.check.failed", ["count": String(report.recordsChecked), "problems": String(problems)]))
      if !report.problems.isEmpty { lines.append(strings("store.check.hint")) }
      Console.out(textLines(lines))
    }
    if !report.passed { throw ExitCode(3) }
  }

  private func untrusted(_ file: UntrustedFile, _ strings: StringCatalog) -> String {
    strings("store.check.untrusted", ["name": file.name, "problem": strings("store.problem." + file.problem.rawValue)])
  }
}

/// `store quarantine ID`: moves a damaged record file into `quarantine/`, never deletes it.
struct StoreQuarantine: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quarantine", abstract: helpText("help.store.quarantine.abstract"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: argumentHelp("help.store.quarantine.id")) var id: String

  func run() throws {
    let session = try StoreSession(global)
    let store = try session.open()
    let path = try session.run { () throws(StoreError) in try store.quarantine(id) }
    Console.out(session.strings("store.quarantined", ["id": id, "path": path]))
  }
}

/// `store path`: where the store is, after `--store` and the environment.
struct StorePath: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "path", abstract: helpText("help.store.path.abstract"))
  @OptionGroup var global: GlobalOptions

  func run() throws {
    Console.out(StoreLocation.resolve(explicit: global.store))
  }
}

/// `store upgrade`: brings a PostgreSQL store's tables to this build's schema version (run
/// by the clinic's IT as the tables' owner: `PostgresSchema`); a store of files needs none.
struct StoreUpgrade: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "upgrade", abstract: helpText("help.store.upgrade.abstract"))
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let session = try StoreSession(global)
    let location = session.directory
    guard StoreLocation.isServer(location) else {
      Console.out(session.strings("store.upgrade.files"))
      return
    }
    let (from, to) = try session.run { () throws(StoreError) in try StoreFactory.server().upgrade(location) }
    let key = from == to ? "store.upgrade.current" : "store.upgrade.done"
    Console.out(session.strings(key, ["from": String(from), "to": String(to)]))
  }
}
