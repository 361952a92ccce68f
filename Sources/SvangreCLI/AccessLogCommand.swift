import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// `record access-log ID`: who opened the record, when and why (sundhedsloven §42a), oldest
/// first. Reading the log is not itself logged: it shows who looked, not what is in the record.
struct RecordAccessLog: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "access-log", abstract: helpText("help.record.accessLog.abstract"))
  @OptionGroup var global: GlobalOptions
  @OptionGroup var reference: RecordReference
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  func run() throws {
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let store = try session.open()
    let id = try reference.resolve(session, in: store)
    let entries = try session.run { () throws(StoreError) in
      let entries = try store.accessLog(of: id)
      if entries.isEmpty {
        // An id no record ever had is refused; a damaged record still has its log.
        do throws(StoreError) { _ = try store.load(id) } catch .unknownRecord(let id) {
          throw .unknownRecord(id: id)
        } catch {}
      }
      return entries
    }
    switch session.format {
    case .json:
      let items = entries.map { entry in
        JSONValue.object([
          ("at", .string(entry.at)), ("initials", .optional(entry.initials)), ("user", .string(entry.user)),
          ("purpose", .string(entry.purpose.rawValue)),
        ])
      }
      session.printJSON(.object([("id", .string(id)), ("accesses", .array(items))]))
    case .text:
      Console.out(Self.text(id: id, entries, session.strings))
    }
  }

  /// `2026-11-23 10:42  AB (anna)  opened on screen`, one line an opening, under a header.
  static func text(id: String, _ entries: [RecordAccess], _ strings: StringCatalog) -> String {
    guard !entries.isEmpty else { return strings("store.access.none", ["id": id]) }
    var lines = [strings("store.access.header", ["id": id, "count": String(entries.count)])]
    let whoWidth = entries.map { who($0).count }.max() ?? 0
    for entry in entries {
      let key = "store.access.purpose." + entry.purpose.rawValue
      let purpose = strings.has(key) ? strings(key) : entry.purpose.rawValue
      let padded = who(entry).padding(toLength: whoWidth, withPad: " ", startingAt: 0)
      lines.append("\(Timestamp.minutes(entry.at))  \(padded)  \(purpose)")
    }
    return lines.joined(separator: "\n")
  }

  private static func who(_ entry: RecordAccess) -> String { "\(entry.initials ?? "–") (\(entry.user))" }
}
