import SvangreResources
import SvangreRules
import SvangreStore

extension ScreenID {
  public static let history = ScreenID(rawValue: "history")
}

/// The record's history: every visitation (who, when, suggested and chosen level, why),
/// the level over time, and every correction with the original value. Each visitation's
/// reasons are asked of the engine once, when the screen opens.
public struct HistoryScreen: RecordPage {
  public static let id = ScreenID.history
  public static let otherPages = [Keys.newVisitation, Keys.plan, Keys.birth]
  public let detail: RecordDetail
  /// The reasons' labels of each visitation as saved, oldest first (nil: not assessable).
  let reasons: [[String]?]
  public var page = Page()

  public init(_ record: RecordDetail, _ env: ScreenEnvironment) {
    detail = record
    reasons = record.visitations.map { visitation in
      (try? env.clinic.assess(visitation.input)?.get())?.reasons.map { $0.label.text(env.language) }
    }
    page = Page(pageLines(env))
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let width = Page.width(env)
    guard !detail.visitations.isEmpty else {
      return [PageLine(text: strings("history.none"), style: [.dim])] + correctionLines(env)
    }
    var lines = [PageLine.section(strings("history.visitations"), width: width)]
    let columns = Columns([.length(12), .length(8), .length(11), .length(8), .fill()], width: width)
    lines.append(
      PageLine(
        text: columns.line(
          ["history.date", "history.author", "history.suggested", "history.level", "history.why"].map { strings($0) }),
        style: [.underline]))
    let leadWidth = columns.offset(of: 4)
    for (visitation, reasons) in zip(detail.visitations, reasons).reversed() {
      let level = visitation.overrideReason == nil ? "\(visitation.level)" : "\(visitation.level)*"
      var why: [String] = []
      if visitation.level != visitation.recordedLevel {
        why.append(strings("history.levelCorrected", ["from": String(visitation.recordedLevel)]))
      }
      if let reason = visitation.overrideReason {
        // A record saved before the limit existed may hold a longer reason: show what a
        // new one may hold, so that a 1 MB reason cannot stall every frame.
        let limit = InputLimits.freeTextCharacters
        let shown = InputLimits.fits(reason, within: limit) ? reason : reason.prefix(limit) + "…"
        why.append(strings("history.override", ["reason": String(shown)]))
      }
      if let reasons { why.append(reasons.isEmpty ? strings("history.noFindings") : reasons.joined(separator: ", ")) }
      let wrapped = DisplayWidth.wrap(why.joined(separator: " · "), to: columns.widths[4])
      // The clinical date leads; the audit time (when it was saved, perhaps a later day)
      // goes under it, as the time alone when it is the same day.
      let leads = [
        columns.line([visitation.day, visitation.author, "\(visitation.suggestedLevel)", level, ""]),
        DisplayWidth.pad(
          strings("history.saved", ["time": Timestamp.short(visitation.at, on: visitation.day)]), to: leadWidth),
      ]
      for index in 0..<max(wrapped.count, leads.count) {
        let lead = index < leads.count ? leads[index] : String(repeating: " ", count: leadWidth)
        let line = index < wrapped.count ? wrapped[index] : ""
        lines.append(PageLine(text: lead + line, style: index == 0 ? [] : [.dim]))
      }
    }
    lines.append(.blank)
    lines.append(.section(strings("history.overTime"), width: width))
    for visitation in detail.visitations {
      let bar = String(repeating: "█", count: visitation.level * 3)
      lines.append(PageLine(text: "\(visitation.day)  \(bar) \(visitation.level)"))
    }
    lines += correctionLines(env)
    lines.append(.blank)
    lines.append(PageLine(text: strings("history.newHint"), style: [.dim]))
    return lines
  }

  /// The corrections, oldest first: what, from what, to what, who, when and why. The
  /// screens show the corrected values; this is where the original stays readable.
  func correctionLines(_ env: ScreenEnvironment) -> [PageLine] {
    guard !detail.corrections.isEmpty else { return [] }
    let strings = env.strings
    let width = Page.width(env)
    var lines = [PageLine.blank, .section(strings("history.corrections"), width: width)]
    // A correction is dated by when it was saved (the audit time): it is about the record,
    // not about a consultation day.
    let columns = Columns([.length(18), .length(8), .fill()], width: width)
    for correction in detail.corrections {
      let field = strings("store.field." + correction.field) + (correction.target.map { " #\($0)" } ?? "")
      let text = strings(
        "history.correction",
        ["field": field, "old": correction.old, "new": correction.new, "reason": correction.reason])
      for (index, line) in DisplayWidth.wrap(text, to: columns.widths[2]).enumerated() {
        let lead =
          index == 0
          ? columns.line([Timestamp.minutes(correction.at), correction.author, ""])
          : String(repeating: " ", count: columns.offset(of: 2))
        lines.append(PageLine(text: lead + line, style: index == 0 ? [] : [.dim]))
      }
    }
    return lines
  }
}
