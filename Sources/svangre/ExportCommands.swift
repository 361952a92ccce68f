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
    commandName: "export", abstract: "Export the store (or the named records) as JSON, or her plan for her.",
    subcommands: [ExportStore.self, ExportPlan.self], defaultSubcommand: ExportStore.self)
}

/// `svangre export [ID…]`: the whole store, or the named records, as one JSON document.
struct ExportStore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: "Export the store, or the named records, as one JSON document (the default).")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "Record ids (default: every record).") var ids: [String] = []
  @Option(help: "Write to this new file (created 0600, never overwritten) instead of standard output.")
  var output: String?
  @Option(help: "Your initials: each exported record's access log names you (your login name is logged too).")
  var author: String?

  func run() throws {
    let session = try StoreSession(global)
    let store = try session.open()
    // Every record in the export is logged as exported before a byte is written.
    let exported = try session.run { () throws(StoreError) in
      try store.exportForReading(ids: ids.isEmpty ? nil : ids, by: author)
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
    commandName: "import", abstract: "Import an export (or one record file); never overwrites a record.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The export file, or - for standard input.") var file: String
  @Option(help: "json or text (default: text at a terminal, else json).") var format: OutputFormat?

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
          ("imported", .array(report.imported.map(OrderedJSON.string))),
          ("already_present", .array(report.alreadyPresent.map(OrderedJSON.string))),
        ]))
    case .text:
      Console.out(
        session.strings(
          "store.imported",
          ["count": String(report.imported.count), "present": String(report.alreadyPresent.count)]))
    }
  }
}
