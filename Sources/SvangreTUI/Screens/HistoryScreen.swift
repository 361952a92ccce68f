import SvangreResources
import SvangreRules
import SvangreStore

extension ScreenID {
  public static let history = ScreenID(rawValue: "history")
}

/// The record's history, newest first: every visitation (who, when, suggested and chosen
/// level, why) and beside them, in the order they were saved, the birth, the notes, the
/// corrections (with the original value) and a closure; then the level over time. Each
/// visitation's reasons are asked of the engine once, when the screen opens. The record's
/// own handling starts here: a note (`n`), a correction of her name or CPR number (`r`),
/// closing it or opening it again (`c`).
public struct HistoryScreen: RecordPage {
  public static let id = ScreenID.history
  public static let otherPages = [Keys.newVisitation, Keys.plan, Keys.birth]
  /// `c` closes an open record; on a closed one the same key reopens it (`keys(env)`).
  public static var keyTable: [KeyBinding] {
    Keys.scrolling + otherPages + [Keys.note, Keys.closeRecord, Keys.back]
  }
  public let detail: RecordDetail
  /// The reasons' labels of each visitation as saved, oldest first (nil: not assessable).
  let reasons: [[String]?]
  public var page = Page()
  /// What was asked to be saved, to say so once the record is read back.
  var saving: TextRequest?

  public init(_ record: RecordDetail, _ env: ScreenEnvironment) {
    detail = record
    reasons = record.visitations.map { visitation in
      (try? env.clinic.assess(visitation.input)?.get())?.reasons.map { $0.label.text(env.language) }
    }
    page = Page(pageLines(env))
  }

  public init?(refreshing record: RecordDetail, _ env: ScreenEnvironment) { self.init(record, env) }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    page.keys(env) + Self.otherPages
      + [Keys.note, detail.closure == nil ? Keys.closeRecord : Keys.reopenRecord, Keys.back]
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if updatePage(action, env) { return [] }
    if let effects = follow(action, env) { return effects }
    switch action {
    case .note, .closeRecord, .reopenRecord:
      // Who writes it is saved with it: the initials first, if need be.
      guard env.initials != nil else { return [.askInitials(retry: action)] }
      let request: TextRequest =
        switch action {
        case .note: .note
        case .closeRecord: .closeRecord
        default: .reopenRecord
        }
      return [.askText(request)]
    case .textEntered(let request, let text):
      saving = request
      let revision = detail.revision
      switch request {
      case .note: return [.addNote(recordID: detail.id, text: text)]
      case .closeRecord: return [.close(recordID: detail.id, reason: text, expectedRevision: revision)]
      case .reopenRecord: return [.reopen(recordID: detail.id, reason: text, expectedRevision: revision)]
      case .birthCorrection, .doneDate: return []
      }
    case .saved:
      return [.load(recordID: detail.id)]
    case .loaded(let record):
      let key =
        switch saving {
        case .closeRecord: "history.closedSaved"
        case .reopenRecord: "history.reopened"
        default: "history.noteSaved"
        }
      return [.show(HistoryScreen(record, env)), .message(env.strings(key))]
    default:
      return RecordPages.go(action, from: detail, env)
    }
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let width = Page.width(env)
    var lines: [PageLine] = []
    if let closure = detail.closure, case .closure(let reason) = closure.kind {
      let text = strings(
        "history.closedBanner",
        ["time": Timestamp.minutes(closure.at), "author": closure.author, "reason": Self.bounded(reason)])
      lines += PageLine.wrapped(text, [.bold, .reverse], width: width - 2) + [.blank]
    }
    guard !detail.visitations.isEmpty || !detail.events.isEmpty || !detail.corrections.isEmpty else {
      return lines + [PageLine(text: strings("history.none"), style: [.dim])]
    }
    lines.append(.section(strings("history.timeline"), width: width))
    let columns = Columns([.length(12), .length(8), .length(11), .length(8), .fill()], width: width)
    lines.append(
      PageLine(
        text: columns.line(
          ["history.date", "history.author", "history.suggested", "history.level", "history.why"].map { strings($0) }),
        style: [.underline]))
    // Newest first, in the order they were saved (`seq`).
    var rows: [(seq: Int, lines: [PageLine])] = []
    for (visitation, reasons) in zip(detail.visitations, reasons) {
      rows.append((visitation.seq, visitationLines(visitation, reasons, columns, env)))
    }
    for event in detail.events { rows.append((event.seq, entryLines(event, columns, env))) }
    for correction in detail.corrections { rows.append((correction.seq, correctionLines(correction, columns, env))) }
    for row in rows.sorted(by: { $0.seq > $1.seq }) { lines += row.lines }
    if !detail.visitations.isEmpty {
      lines.append(.blank)
      lines.append(.section(strings("history.overTime"), width: width))
      for visitation in detail.visitations {
        let bar = String(repeating: "█", count: visitation.level * 3)
        lines.append(PageLine(text: "\(visitation.day)  \(bar) \(visitation.level)"))
      }
    }
    lines.append(.blank)
    lines.append(PageLine(text: strings("history.newHint"), style: [.dim]))
    return lines
  }

  /// A visitation: the clinical date leads; the audit time (when it was saved, perhaps a
  /// later day) goes under it, as the time alone when it is the same day.
  func visitationLines(
    _ visitation: VisitationSummary, _ reasons: [String]?, _ columns: Columns, _ env: ScreenEnvironment
  )
    -> [PageLine]
  {
    let strings = env.strings
    let level = visitation.overrideReason == nil ? "\(visitation.level)" : "\(visitation.level)*"
    var why: [String] = []
    if visitation.level != visitation.recordedLevel {
      why.append(strings("history.levelCorrected", ["from": String(visitation.recordedLevel)]))
    }
    if let reason = visitation.overrideReason {
      why.append(strings("history.override", ["reason": Self.bounded(reason)]))
    }
    if let reasons { why.append(reasons.isEmpty ? strings("history.noFindings") : reasons.joined(separator: ", ")) }
    let leadWidth = columns.offset(of: 4)
    let leads = [
      columns.line([visitation.day, visitation.author, "\(visitation.suggestedLevel)", level, ""]),
      DisplayWidth.pad(
        strings("history.saved", ["time": Timestamp.short(visitation.at, on: visitation.day)]), to: leadWidth),
    ]
    return Self.rows(leads, DisplayWidth.wrap(why.joined(separator: " · "), to: columns.widths[4]), leadWidth)
  }

  /// A note, the birth, a closure or an item done: the clinical date where there is one
  /// (the birth's day, the day it was done), who, and the text over the level columns;
  /// when it was saved under the text.
  func entryLines(_ event: RecordEvent, _ columns: Columns, _ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let seq = String(event.seq)
    let text: String
    switch event.kind {
    case .note(let note): text = strings("history.note", ["seq": seq, "text": Self.bounded(note)])
    case .birth(let birth):
      var parts = [strings("store.place." + birth.place.rawValue)]
      if let hours = birth.dischargeHours {
        parts.append(strings("history.birthHours", ["hours": strings.storedValue(.number(hours), field: "")]))
      }
      if birth.traumatic { parts.append(strings("history.birthTraumatic")) }
      if birth.childLoss { parts.append(strings("history.birthChildLoss")) }
      text = strings("history.birth", ["seq": seq, "place": parts.joined(separator: " · ")])
    case .closure(let reason): text = strings("history.closure", ["seq": seq, "reason": Self.bounded(reason)])
    case .done(let item, _, let note):
      let label = env.ruleSet.schedule.first { $0.id == item }?.label.text(env.language) ?? item
      text =
        strings("history.done", ["seq": seq, "item": label])
        + (note.map { " · " + strings("history.doneNote", ["note": Self.bounded($0)]) } ?? "")
    }
    let saved = Timestamp.short(event.at, on: event.day ?? "")
    return sideLines(day: event.day, author: event.author, text: text, saved: saved, columns, env)
  }

  /// A correction: what, from what, to what, who, when and why. The screens show the
  /// corrected values; this is where the original stays readable. It has no clinical date.
  func correctionLines(_ correction: CorrectionSummary, _ columns: Columns, _ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let field = strings("store.field." + correction.field) + (correction.target.map { " #\($0)" } ?? "")
    let text = strings(
      "history.correction",
      ["field": field, "old": correction.old, "new": correction.new, "reason": Self.bounded(correction.reason)])
    return sideLines(
      day: nil, author: correction.author, text: text, saved: Timestamp.minutes(correction.at), columns, env)
  }

  /// A row of the timeline that is not a visitation: the date column holds a clinical
  /// date only (never the audit date), the text spans the level columns, and "gemt …"
  /// follows under the text.
  func sideLines(
    day: String?, author: String, text: String, saved: String, _ columns: Columns, _ env: ScreenEnvironment
  )
    -> [PageLine]
  {
    let leadWidth = columns.offset(of: 2)
    let room = columns.widths[2] + columns.widths[3] + columns.widths[4]
    let wrapped =
      DisplayWidth.wrap(text, to: room) + [env.strings("history.saved", ["time": saved])]
    return Self.rows([columns.line([day ?? "", author, ""])], wrapped, leadWidth)
  }

  /// Leads in the left columns beside wrapped text; lines after the first are dim.
  static func rows(_ leads: [String], _ wrapped: [String], _ leadWidth: Int) -> [PageLine] {
    (0..<max(wrapped.count, leads.count)).map { index in
      let lead =
        index < leads.count ? DisplayWidth.pad(leads[index], to: leadWidth) : String(repeating: " ", count: leadWidth)
      return PageLine(text: lead + (index < wrapped.count ? wrapped[index] : ""), style: index == 0 ? [] : [.dim])
    }
  }

  /// A record saved before the limit existed may hold a longer text: show what a new one
  /// may hold, so that a 1 MB reason cannot stall every frame.
  static func bounded(_ text: String) -> String {
    let limit = InputLimits.freeTextCharacters
    return InputLimits.fits(text, within: limit) ? text : String(text.prefix(limit)) + "…"
  }
}
