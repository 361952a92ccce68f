import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// How a command names a record: its id, or her CPR number — in the id's place, or with
/// `--cpr` (`--cpr -` reads it from standard input or a prompt, so that it never stands in
/// the process list). The two are never confused: a CPR number is one that parses as one
/// (`CPRNumber`), and an argument that is both a CPR number and an existing record's id is
/// refused as ambiguous, as is a CPR number found in more than one record (a woman has a
/// record per pregnancy); the messages name ids and masked numbers only.
struct RecordReference: ParsableArguments {
  @Argument(help: argumentHelp("help.record.id")) var id: String?
  @Option(help: argumentHelp("help.record.cpr")) var cpr: String?

  init() {}

  /// A reference given as one argument (an id or a CPR number), as `export` takes several.
  init(id: String) {
    self.id = id
    cpr = nil
  }

  /// Whether `--cpr -` takes standard input (another option must then not read it too).
  var readsStandardInput: Bool { cpr == "-" }

  /// The id of the record named, looked up in `store`'s index (no record is opened).
  func resolve(_ session: StoreSession, in store: any RecordStore) throws -> String {
    switch (id, cpr) {
    case (nil, nil): throw session.refuse(code: "invalid_input", session.strings("cli.record.missing"))
    case (.some, .some): throw session.refuse(code: "invalid_input", session.strings("cli.record.idAndCPR"))
    case (nil, let given?):
      let typed = try session.require(try session.fromInput(given, prompt: "store.prompt.cpr"), "cpr")
      return try Self.record(withCPR: try Self.number(typed, session), session, in: store)
    case (let given?, nil):
      guard CPRNumber.isValid(given) else { return given }
      let number = try Self.number(given, session)
      // An id of this very spelling (ids are letters and digits: an imported one may be
      // all digits) would make the argument mean two records.
      if RecordID.isWellFormed(given), (try? store.list())?.contains(where: { $0.id == given }) == true {
        throw session.refuse(
          code: "ambiguous_record", session.strings("cli.record.ambiguous", ["cpr": CPRNumber.mask(number)]))
      }
      return try Self.record(withCPR: number, session, in: store)
    }
  }

  /// A CPR number as the store keeps it (`DDMMYY-SSSS`), or its refusal in the store's words.
  static func number(_ text: String, _ session: StoreSession) throws -> String {
    do throws(CPRNumber.Problem) {
      return try CPRNumber(parsing: text).value
    } catch {
      throw session.fail(.invalidInput(field: "cpr", reason: error.rawValue))
    }
  }

  /// The one record whose CPR number (after corrections, as the index has it) is `number`.
  static func record(withCPR number: String, _ session: StoreSession, in store: any RecordStore) throws -> String {
    // A search by ten digits is a prefix of ten: the CPR number itself.
    let matches = try session.run { () throws(StoreError) in try store.search(number) }
    let masked = CPRNumber.mask(number)
    switch matches.count {
    case 1: return matches[0].id
    case 0:
      throw session.refuse(code: "unknown_record", session.strings("cli.record.noCPR", ["cpr": masked]), exit: 2)
    default:
      let ids = matches.map(\.id).joined(separator: ", ")
      throw session.refuse(
        code: "ambiguous_record",
        session.strings("cli.record.manyCPR", ["cpr": masked, "count": String(matches.count), "ids": ids]))
    }
  }
}
