import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTUI

/// `svangre due`: the clinic's worklist ("Ugens kalender") — every open record's items that
/// are due, late or missed in a range of days (default: this week, Monday–Sunday of
/// `--today`), grouped by day. The same list as the TUI's worklist (`Worklist`); the
/// statuses are the rules' (docs/cli.md, "svangre due").
struct DueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "due", abstract: helpText("help.due.abstract"))
  @OptionGroup var global: GlobalOptions
  @Option(help: argumentHelp("help.due.from")) var from: String?
  @Option(help: argumentHelp("help.due.to")) var to: String?
  @Option(help: argumentHelp("help.due.who"))
  var who: String?
  @Option(help: argumentHelp("help.due.status"))
  var status: String?
  @Option(help: argumentHelp("help.format")) var format: OutputFormat?
  @Flag(help: argumentHelp("help.pretty")) var pretty = false

  /// The longest range asked for at once: a year, with a leap day.
  static let maximumDays = 366

  func run() throws {
    Parallel.endsAfterAnswer = true
    let session = try StoreSession(global, format: .resolved(format), pretty: pretty)
    let strings = session.strings
    let today = try global.today(strings)
    let range = try dueRange(today: today, session)
    let filter = WorklistFilter(
      who: try parsed(who, as: CareProvider.self, key: "due.bad_who", session),
      statuses: try parsed(
        status, as: VisitStatus.self, key: "due.bad_status", session, among: WorklistFilter.statusOrder)
        ?? WorklistFilter.standardStatuses)
    let engine = AssessmentEngine(ruleSet: try global.ruleSet(strings))
    let store = try session.open()
    let worklist = try session.run { () throws(StoreError) in
      try store.worklist(engine: engine, today: today, range: range, filter: filter)
    }
    session.warn(store.problems)
    switch session.format {
    case .json:
      let json = WorklistOutput.json(worklist, language: strings.language, pretty: pretty)
      Console.write(json, strings)
    case .text: Console.out(WorklistOutput.text(worklist, strings, width: TerminalWidth.current()))
    }
    // Everything is written (unbuffered) and nothing is held: the process ends here rather
    // than free the worklist's rows one by one, a twentieth of a run at 100,000 records.
    withExtendedLifetime((store, worklist)) { Glibc.exit(EXIT_SUCCESS) }
  }

  /// `--from`/`--to`, else the week of `today` (a lone `--from` takes its own week's Sunday
  /// when that is later, else the day itself; a lone `--to` starts on its week's Monday).
  private func dueRange(today: CalendarDate, _ session: StoreSession) throws -> ClosedRange<CalendarDate> {
    func date(_ text: String?, _ option: String) throws -> CalendarDate? {
      guard let text else { return nil }
      guard let date = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
        throw session.refuse(
          code: "invalid_input", session.strings("due.bad_date", ["option": option, "value": text]))
      }
      return date
    }
    let first = try date(from, "--from")
    let last = try date(to, "--to")
    let start = first ?? last?.week.lowerBound ?? today.week.lowerBound
    let end = last ?? max(start.week.upperBound, start)
    guard start <= end else {
      throw session.refuse(code: "invalid_input", session.strings("due.bad_range", ["from": start.iso, "to": end.iso]))
    }
    guard end.days(since: start) < Self.maximumDays else {
      throw session.refuse(
        code: "invalid_input", session.strings("due.range_too_long", ["days": String(Self.maximumDays)]))
    }
    return start...end
  }

  /// A comma-separated list of raw values, nil when not given; an unknown one is refused
  /// with the values that would do.
  private func parsed<Value: RawRepresentable & CaseIterable & Hashable>(
    _ text: String?, as type: Value.Type, key: String, _ session: StoreSession, among allowed: [Value]? = nil
  ) throws -> Set<Value>? where Value.RawValue == String {
    guard let text else { return nil }
    let choices = allowed ?? Array(Value.allCases)
    var values: Set<Value> = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
      guard let value = Value(rawValue: name), choices.contains(value) else {
        throw session.refuse(
          code: "invalid_input",
          session.strings(key, ["value": String(part), "choices": choices.map(\.rawValue).joined(separator: ", ")]))
      }
      values.insert(value)
    }
    return values
  }
}

/// The worklist as JSON (`svangre.due/1`, docs/cli.md) and as text for a person.
enum WorklistOutput {
  /// The worklist's JSON, and a line end, written member by member: at tens of thousands
  /// of rows, building a `JSONValue` tree first cost as much as writing the text. The rows,
  /// most of it, are written in parts over the cores, each for where it will stand; one
  /// writer writes the rest with a place for each row, and the pieces are put together in
  /// parts over the cores too (one row at a time, that was a tenth of `svangre due`).
  static func json(_ worklist: Worklist, language: Language, pretty: Bool) -> [UInt8] {
    // A row stands in the top object's `days`, in a day's `items`: four containers deep.
    let parts = Parallel.chunks(of: worklist.rows.count) { part in
      var json = JSONWriter.forTerminal(pretty: pretty, capacity: 300 * part.count, depth: 4)
      var ends: [Int] = []
      ends.reserveCapacity(part.count)
      for index in part {
        write(worklist.rows[index], language, to: &json)
        ends.append(json.bytes.count)
      }
      return (text: json.bytes, ends: ends)
    }
    var frame = JSONWriter.forTerminal(pretty: pretty)
    frame.beginObject()
    frame.key("format")
    frame.string("svangre.due")
    frame.key("version")
    frame.int(1)
    for (name, day) in [
      ("today", worklist.today), ("from", worklist.range.lowerBound), ("to", worklist.range.upperBound),
    ] {
      frame.key(name)
      frame.string(day.iso)
    }
    frame.key("filter")
    frame.value(
      .object([
        (
          "who",
          worklist.filter.who.map { who in
            .array(CareProvider.allCases.filter(who.contains).map { .string($0.rawValue) })
          } ?? .null
        ),
        (
          "statuses",
          .array(WorklistFilter.statusOrder.filter(worklist.filter.statuses.contains).map { .string($0.rawValue) })
        ),
      ]))
    frame.key("counts")
    frame.value(.object(WorklistFilter.statusOrder.map { ($0.rawValue, .int(worklist.counts[$0] ?? 0)) }))
    frame.key("days")
    frame.beginArray()
    var places: [Int] = []
    places.reserveCapacity(worklist.rows.count)
    for (day, positions) in worklist.dayRanges {
      frame.beginObject()
      frame.key("date")
      frame.string(day.iso)
      frame.key("items")
      frame.beginArray()
      for _ in positions { places.append(frame.place()) }
      frame.endArray()
      frame.endObject()
    }
    frame.endArray()
    frame.endObject()
    return joined(frame: frame.bytes + [UInt8(ascii: "\n")], places: places, parts: parts)
  }

  /// `frame` with row `i` (the `i`th of the parts' rows, one after another) put at
  /// `places[i]`.
  private static func joined(frame: [UInt8], places: [Int], parts: [(text: [UInt8], ends: [Int])]) -> [UInt8] {
    // Where each row's text is, and where it goes: after everything before it.
    var rows: [(part: Int, range: Range<Int>, at: Int)] = []
    rows.reserveCapacity(places.count)
    var before = 0
    for (part, texts) in parts.enumerated() {
      var start = 0
      for end in texts.ends {
        rows.append((part, start..<end, places[rows.count] + before))
        before += end - start
        start = end
      }
    }
    let total = frame.count + before
    return [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
      nonisolated(unsafe) let output = output
      frame.withUnsafeBufferPointer { frame in
        // Each row with the piece of the frame before it; the frame's end after the last.
        _ = Parallel.chunks(of: rows.count + 1) { range in
          for index in range {
            let frameStart = index == 0 ? 0 : places[index - 1]
            let frameEnd = index == rows.count ? frame.count : places[index]
            let at = index == 0 ? 0 : rows[index - 1].at + rows[index - 1].range.count
            _ = UnsafeMutableBufferPointer(rebasing: output[at..<(at + frameEnd - frameStart)])
              .initialize(from: frame[frameStart..<frameEnd])
            guard index < rows.count else { continue }
            parts[rows[index].part].text.withUnsafeBufferPointer { text in
              _ = UnsafeMutableBufferPointer(rebasing: output[rows[index].at...])
                .initialize(from: text[rows[index].range])
            }
          }
        }
      }
      initialized = total
    }
  }

  private static func write(_ row: borrowing WorklistRow, _ language: Language, to json: inout JSONWriter) {
    func member(_ name: StaticString, _ text: String?) {
      json.key(name)
      if let text { json.string(text) } else { json.null() }
    }
    json.beginObject()
    member("status", row.status.rawValue)
    member("record", row.recordID)
    member("name", row.name)
    member("cpr", row.maskedCPR)
    json.key("level")
    if let level = row.level { json.int(level) } else { json.null() }
    member("gestational_age", row.gestationalAge?.description)
    json.key("days_after_birth")
    if let days = row.daysAfterBirth { json.int(days) } else { json.null() }
    member("item", row.item.id)
    member("label", row.item.label.text(language))
    member("who", row.who.rawValue)
    member("from", row.from.iso)
    member("to", row.to.iso)
    member("latest", row.latest?.iso)
    json.endObject()
  }

  /// Title, status line, then each day's rows as a table whose last column (name and item)
  /// wraps to `width` like the other commands' text.
  static func text(_ worklist: Worklist, _ strings: StringCatalog, width: Int) -> String {
    let range = worklist.range
    var lines = [
      strings("due.title", ["from": range.lowerBound.iso, "to": range.upperBound.iso]) + "  —  "
        + strings("due.today", ["date": worklist.today.iso]),
      counts(worklist, strings),
      strings(
        "due.filter", ["who": whoText(worklist.filter, strings), "statuses": statusText(worklist.filter, strings)]),
    ]
    let days = worklist.dayRanges
    if days.isEmpty { lines += ["", strings("due.empty")] }
    // Each row's cells and widths, then its lines, in parts over the cores: at tens of
    // thousands of rows the wrapping is most of the time, and rows are independent.
    let cells = Parallel.map(worklist.rows.count) { index in
      let cells = self.cells(worklist.rows[index], strings)
      return (cells: cells, widths: cells.prefix(4).map(DisplayWidth.of), longest: DisplayWidth.longestWord(cells[4]))
    }
    let widths = (0..<4).map { column in (cells.map { $0.widths[column] }.max() ?? 0) + 2 }
    let longest = cells.map(\.longest).max() ?? 0
    let rows = Parallel.map(cells.count) { index in
      let lead = "  " + zip(cells[index].cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined()
      return DisplayWidth.hanging(lead, cells[index].cells[4], width: width, minimumRoom: longest, fallbackIndent: 4)
    }
    for (day, positions) in days {
      lines += ["", dayHeading(day, strings)]
      for index in positions { lines += rows[index] }
    }
    return textLines(lines)
  }

  static func counts(_ worklist: Worklist, _ strings: StringCatalog) -> String {
    strings(
      "due.counts",
      Dictionary(
        uniqueKeysWithValues: WorklistFilter.statusOrder.map { ($0.rawValue, String(worklist.counts[$0] ?? 0)) }))
  }

  static func dayHeading(_ day: CalendarDate, _ strings: StringCatalog) -> String {
    strings("due.weekday.\(day.weekday)") + " " + day.iso
  }

  private static func whoText(_ filter: WorklistFilter, _ strings: StringCatalog) -> String {
    guard let who = filter.who else { return strings("due.who.all") }
    return CareProvider.allCases.filter(who.contains).map { strings.who($0) }.joined(separator: ", ")
  }

  private static func statusText(_ filter: WorklistFilter, _ strings: StringCatalog) -> String {
    WorklistFilter.statusOrder.filter(filter.statuses.contains).map { strings("due.status.\($0.rawValue)") }
      .joined(separator: ", ")
  }

  /// Status, GA (or day after the birth), level, masked CPR, then name and item.
  private static func cells(_ row: WorklistRow, _ strings: StringCatalog) -> [String] {
    let age =
      row.gestationalAge?.description ?? row.daysAfterBirth.map { strings("due.after_birth", ["days": String($0)]) }
      ?? ""
    let detail = strings.statusDetail(row.status, latest: row.latest, doneDate: row.status == .done ? row.day : nil)
    let item =
      row.item.label.text(strings.language) + " (" + strings.who(row.who) + ")" + (detail.map { ", \($0)" } ?? "")
    return [
      strings("due.status.\(row.status.rawValue)"), age,
      row.level.map { strings("due.level", ["level": String($0)]) } ?? "",
      row.maskedCPR, TerminalText.safe(row.name) + " — " + item,
    ]
  }
}
