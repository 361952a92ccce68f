import ArgumentParser
import Foundation
import Glibc
import SvangreResources
import SvangreRules
import SvangreStore

/// `svangre export …`: the store as one JSON document (`svangre export [ID…]`, the
/// default), or one woman's plan for her (`svangre export plan ID`).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: helpText("help.export.abstract"),
    subcommands: [ExportStore.self, ExportPlan.self], defaultSubcommand: ExportStore.self)
}

/// `svangre export [ID…]`: the whole store, or the named records, as one JSON document.
struct ExportStore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: helpText("help.export.store.abstract"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: argumentHelp("help.export.ids")) var ids: [String] = []
  @Option(help: argumentHelp("help.export.output")) var output: String?
  @Option(help: argumentHelp("help.reader")) var author: String?

  func run() throws {
    let session = try StoreSession(global)
    let store = try session.open()
    // A record may be named by her CPR number here too (`RecordReference`).
    let named = try ids.map { try RecordReference(id: $0).resolve(session, in: store) }
    // Every record in the export is logged as exported before a byte is written.
    let exported = try session.run { () throws(StoreError) in
      try store.exportForReading(ids: named.isEmpty ? nil : named, by: session.reader(author, store: store))
    }
    // The same JSON, with nothing in it that a terminal would act on if it is printed.
    let data = Data(TerminalText.escapingJSON(String(decoding: exported, as: UTF8.self)).utf8)
    guard let output else {
      FileHandle.standardOutput.write(data)
      return
    }
    // Health data: the export is as private as the store, whatever the umask.
    try ExportWriter.create(data, at: output, session.strings)
  }
}

/// `svangre import FILE`: verifies every record first; never overwrites one.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: helpText("help.import.abstract"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: argumentHelp("help.import.file")) var file: String
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: false)
    let data: Data
    switch readInput(file, limit: InputLimits.importBytes) {
    case .success(let bytes): data = bytes
    case .failure(let refusal):
      throw session.refuse(code: "import_refused", refusal.message(path: file, session.strings))
    }
    let store = try session.open()
    let report = try session.run { () throws(StoreError) in try store.importRecords(data) }
    switch session.format {
    case .json:
      session.printJSON(
        .object([
          ("imported", .array(report.imported.map(JSONValue.string))),
          ("already_present", .array(report.alreadyPresent.map(JSONValue.string))),
        ]))
    case .text:
      Console.out(
        session.strings(
          "store.imported",
          ["count": String(report.imported.count), "present": String(report.alreadyPresent.count)]))
    }
  }
}
