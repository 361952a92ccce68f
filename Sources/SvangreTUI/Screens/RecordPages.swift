import SvangreRules
import SvangreStore

/// A line of a read-only page (plan, history, help).
struct PageLine {
  var text: String
  var style: TextStyle = []
  static let blank = PageLine(text: "")
}

/// The plan and history screens: read-only pages about the opened record, scrolled with
/// the arrows. `v` starts a new visitation from the latest one; `b` the birth form.
extension AppModel {
  /// Scrolls a read-only page (plan, history, help, training) by a line or ten.
  mutating func scrollPage(_ action: Action) {
    switch action {
    case .up: pageOffset = max(0, pageOffset - 1)
    case .down: pageOffset += 1
    case .pageUp: pageOffset = max(0, pageOffset - 10)
    case .pageDown: pageOffset += 10
    default: break
    }
  }

  mutating func performOnRecordPage(_ action: Action) {
    switch action {
    case .up, .down, .pageUp, .pageDown: scrollPage(action)
    case .plan, .history:
      pageOffset = 0
      screen = action == .plan ? .plan : .history
    case .birth:
      birth = record?.birth.map(BirthForm.init(from:)) ?? BirthForm()
      reassessBirth()
      screen = .birth
    case .newVisitation:
      startWalkthrough()
    case .back:
      record = nil
      screen = .list
      reloadRows()
    default: break
    }
  }

  mutating func performOnHelp(_ action: Action) {
    switch action {
    case .up, .down, .pageUp, .pageDown: scrollPage(action)
    case .back:
      pageOffset = 0
      screen = screenBeforeHelp
    default: break
    }
  }

  /// Draws `lines` in the body, scrolled by `pageOffset` (clamped so the end stays put).
  func renderPage(_ lines: [PageLine], into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    let offset = min(pageOffset, max(0, lines.count - body.count))
    for (line, row) in zip(lines.dropFirst(offset), body) {
      buffer.put(line.text, row: row, column: 1, style: line.style, limit: width - 2)
    }
    if lines.count > body.count {
      let position = strings("page.position", ["from": String(offset + 1), "count": String(lines.count)])
      // On the message row, right-aligned, so it never covers a line of the page.
      buffer.put(position, row: height - 2, column: width - DisplayWidth.of(position) - 1, style: [.dim])
    }
  }

  /// Level, dating and GA of the opened record on today's date.
  func recordSummaryLine(_ followUp: FollowUpAssessment) -> String {
    let assessment = followUp.assessment
    let level =
      assessment.overridden
      ? strings(
        "plan.levelOverridden", ["level": String(assessment.level), "suggested": String(assessment.suggestedLevel)])
      : strings("plan.level", ["level": String(assessment.level)])
    return level + " · "
      + strings("plan.dating", ["due": assessment.dueDate.iso, "ga": followUp.gestationalAge.description])
  }

  /// Past 44+0 with no birth (the engine says so): ask for the birth, and say from which
  /// day the plan below is.
  func birthNotRecordedLines(_ followUp: FollowUpAssessment) -> [PageLine] {
    guard followUp.birthNotRecorded else { return [] }
    let text = strings(
      "plan.birthNotRecorded",
      ["ga": AssessmentEngine.maximumGestationalAge.description, "date": followUp.assessedOn.iso])
    return DisplayWidth.wrap(text, to: width - 4).map { PageLine(text: $0, style: [.bold, .reverse]) } + [.blank]
  }

  func section(_ title: String) -> PageLine {
    PageLine(
      text: title + " " + String(repeating: "─", count: max(0, width - 4 - DisplayWidth.of(title))), style: [.bold])
  }

  // MARK: Plan

  func planLines() -> [PageLine] {
    guard let followUp = recordAssessment else {
      return [PageLine(text: strings("plan.noVisitation"), style: [.dim])]
    }
    let assessment = followUp.assessment
    var lines = [PageLine(text: recordSummaryLine(followUp), style: [.bold]), .blank]
    lines += birthNotRecordedLines(followUp)
    lines.append(section(strings("plan.programme")))
    // Statuses are the engine's, with what the record knows of her attendance (see
    // `followUp(of:)`): done, missed, late until its latest date.
    let visits = assessment.schedule.map { item in
      let (tag, style) = statusTag(item.status)
      return PlanRow(
        tag: tag, style: style, ga: Self.gaRange(item.gaFrom, item.gaTo), dates: "\(item.from.iso)–\(item.to.iso)",
        who: strings.who(item.who), what: item.label.text(language),
        detail: strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate),
        late: item.status == .late)
    }
    let diagnostics = assessment.prenatalDiagnostics
    let tests = diagnostics.items.map { item in
      let (tag, style) = item.status.map { statusTag($0) } ?? ("[" + strings("plan.atOnce") + "]", TextStyle.bold)
      let dates = [item.from, item.to].compactMap { $0?.iso }.joined(separator: "–")
      return PlanRow(
        tag: tag, style: style, ga: Self.gaRange(item.gaFrom, item.gaTo),
        dates: dates.isEmpty ? strings("plan.atOnce") : dates, who: "", what: item.label.text(language),
        detail: strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate),
        late: item.status == .late)
    }
    // Columns as wide as what they hold (both tables aligned), so "Hvad" keeps the most room.
    let header = PlanRow(
      tag: strings("plan.status"), style: [.underline], ga: strings("plan.ga"), dates: strings("plan.dates"),
      who: strings("plan.who"), what: strings("plan.what"))
    // One layout for the whole table: "Hvad" beside the cells when its longest word fits
    // (closing up the gaps if that is what it takes), else under them, so that no label is
    // split and the rows still line up.
    let longest = (visits + tests).map { DisplayWidth.longestWord($0.what) }.max() ?? 0
    let widths =
      [2, 1].lazy.map { PlanRow.widths(of: [header] + visits + tests, gap: $0) }
      .first { width - 2 - $0.reduce(0, +) >= longest } ?? PlanRow.widths(of: [header] + visits + tests, gap: 2)
    func rows(_ rows: [PlanRow], who: Bool) -> [PageLine] {
      rows.flatMap { row in
        tableLines(row.cells(widths, who: who), row.what, style: row.style, room: longest, under: widths[0])
          + (row.detail.map {
            tableLines(
              String(repeating: " ", count: widths[0] + widths[1]), "→ " + $0, style: row.late ? [.bold] : [.dim])
          } ?? [])
      }
    }
    lines += rows([header] + visits, who: true)
    lines.append(.blank)
    lines.append(section(strings("plan.diagnostics", ["programme": strings.programme(diagnostics.programme)])))
    lines += rows(tests, who: false)
    lines.append(.blank)
    lines.append(section(strings("plan.birthplaces")))
    lines += birthRiskLines(assessment, width: width - 2).map { PageLine(text: $0.0, style: $0.1) }
    let tags = [strings("birthplace.suitable"), strings("birthplace.unsuitable")]
    let tagWidth = tags.map(DisplayWidth.of).max()! + 2
    for place in assessment.birthplaces {
      let tag = DisplayWidth.pad(place.suitable ? tags[0] : tags[1], to: tagWidth)
      lines += tableLines(tag, place.name.text(language), style: place.suitable ? [.bold] : [])
      lines += tableLines(String(repeating: " ", count: tagWidth), verdictText(place), style: [.dim])
    }
    return lines
  }

  /// Why a site is or is not suitable, and for an unsuitable one what of hers made it so:
  /// the birth risks, or the care level (`BirthplaceVerdict.because`).
  func verdictText(_ place: BirthplaceVerdict) -> String {
    let because = place.becauseTexts.map { $0.label.text(language) }
    guard !because.isEmpty else { return place.reason.text(language) }
    return place.reason.text(language) + " "
      + strings("text.birthplace_because", ["causes": because.joined(separator: ", ")])
  }

  static func gaRange(_ from: GestationalAge?, _ to: GestationalAge?) -> String {
    [from, to].compactMap { $0?.description }.joined(separator: "–")
  }

  /// A table row on a page: `cells`, then `text` wrapped beside them (or under them when
  /// fewer than `room` columns are left, by default the text's longest word: then `under`
  /// columns in).
  func tableLines(_ cells: String, _ text: String, style: TextStyle, room: Int? = nil, under: Int = 4) -> [PageLine] {
    DisplayWidth.hanging(cells, text, width: width - 2, minimumRoom: room, fallbackIndent: under).map {
      PageLine(text: $0, style: style)
    }
  }

  /// What birth places are judged on: the care level (the higher of the suggested and the
  /// chosen level, so a lowered level never makes a site safer) and the birth risks. Shared
  /// by the plan and the side panel, which shows the care level only when a chosen level
  /// is part of the answer.
  func birthRiskLines(_ assessment: Assessment, width: Int) -> [(String, TextStyle)] {
    let risks = assessment.birthRisks.map { $0.label.text(language) }
    let careLevel = strings("text.care_level", ["level": String(assessment.careLevel)])
    let birthRisks = strings(
      "text.birth_risks", ["risks": risks.isEmpty ? strings("text.none") : risks.joined(separator: ", ")])
    let showsCareLevel = assessment.overridden || screen == .plan
    return (showsCareLevel ? DisplayWidth.wrap(careLevel, to: width).map { ($0, TextStyle.dim) } : [])
      + DisplayWidth.wrap(birthRisks, to: width).map { ($0, risks.isEmpty ? TextStyle.dim : .bold) }
  }

  /// The status column: words and brackets, so it reads the same without colour.
  func statusTag(_ status: VisitStatus) -> (String, TextStyle) {
    switch status {
    case .past: (strings.statusTag(status), [.dim])
    case .due: (strings.statusTag(status), [.bold, .reverse])
    case .upcoming: (strings.statusTag(status), [])
    case .late: (strings.statusTag(status), [.bold])
    case .done: (strings.statusTag(status), [.dim])
    case .missed: (strings.statusTag(status), [.bold])
    }
  }

  func renderPlan(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    renderPage(planLines(), into: &buffer, rows: body)
  }

  // MARK: History

  func historyLines() -> [PageLine] {
    guard let record, !record.visitations.isEmpty else {
      return [PageLine(text: strings("history.none"), style: [.dim])] + correctionLines()
    }
    var lines = [section(strings("history.visitations"))]
    let dayWidth = 12, authorWidth = 8, suggestedWidth = 11, levelWidth = 8
    lines.append(
      PageLine(
        text: DisplayWidth.pad(strings("history.date"), to: dayWidth)
          + DisplayWidth.pad(strings("history.author"), to: authorWidth)
          + DisplayWidth.pad(strings("history.suggested"), to: suggestedWidth)
          + DisplayWidth.pad(strings("history.level"), to: levelWidth) + strings("history.why"), style: [.underline]))
    let whyWidth = width - 2 - dayWidth - authorWidth - suggestedWidth - levelWidth
    for visitation in record.visitations.reversed() {
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
      if let assessment = try? context.engine.assess(visitation.input) {
        let reasons = assessment.reasons.map { $0.label.text(language) }
        why.append(reasons.isEmpty ? strings("history.noFindings") : reasons.joined(separator: ", "))
      }
      let wrapped = DisplayWidth.wrap(why.joined(separator: " · "), to: whyWidth)
      // The clinical date leads; the audit time (when it was saved, perhaps a later day)
      // goes under it, as the time alone when it is the same day.
      let leadWidth = dayWidth + authorWidth + suggestedWidth + levelWidth
      let leads = [
        DisplayWidth.pad(visitation.day, to: dayWidth) + DisplayWidth.pad(visitation.author, to: authorWidth)
          + DisplayWidth.pad("\(visitation.suggestedLevel)", to: suggestedWidth)
          + DisplayWidth.pad(level, to: levelWidth),
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
    lines.append(section(strings("history.overTime")))
    for visitation in record.visitations {
      let bar = String(repeating: "█", count: visitation.level * 3)
      lines.append(PageLine(text: "\(visitation.day)  \(bar) \(visitation.level)"))
    }
    lines += correctionLines()
    lines.append(.blank)
    lines.append(PageLine(text: strings("history.newHint"), style: [.dim]))
    return lines
  }

  /// The corrections, oldest first: what, from what, to what, who, when and why. The
  /// screens show the corrected values; this is where the original stays readable.
  func correctionLines() -> [PageLine] {
    guard let record, !record.corrections.isEmpty else { return [] }
    var lines = [PageLine.blank, section(strings("history.corrections"))]
    // A correction is dated by when it was saved (the audit time): it is about the record,
    // not about a consultation day.
    let dayWidth = 18, authorWidth = 8
    for correction in record.corrections {
      let field = strings("store.field." + correction.field) + (correction.target.map { " #\($0)" } ?? "")
      let text = strings(
        "history.correction",
        ["field": field, "old": correction.old, "new": correction.new, "reason": correction.reason])
      let wrapped = DisplayWidth.wrap(text, to: width - 2 - dayWidth - authorWidth)
      for (index, line) in wrapped.enumerated() {
        let lead =
          index == 0
          ? DisplayWidth.pad(Timestamp.minutes(correction.at), to: dayWidth)
            + DisplayWidth.pad(correction.author, to: authorWidth)
          : String(repeating: " ", count: dayWidth + authorWidth)
        lines.append(PageLine(text: lead + line, style: index == 0 ? [] : [.dim]))
      }
    }
    return lines
  }

  func renderHistory(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    renderPage(historyLines(), into: &buffer, rows: body)
  }

  // MARK: Help

  /// Help, generated from the key table: for each screen, its keys and what they do.
  func helpLines() -> [PageLine] {
    var lines = [PageLine(text: strings("help.intro"), style: [.dim]), .blank]
    for screenID in ScreenID.allCases where screenID != .help {
      lines.append(section(strings("screen.\(screenID.rawValue)")))
      for binding in KeyTable.bindings(on: screenID) {
        lines += tableLines("  " + DisplayWidth.pad(binding.label, to: 8), strings(binding.helpKey), style: [])
      }
      lines.append(.blank)
    }
    lines.append(PageLine(text: strings("help.typing"), style: [.dim]))
    return lines
  }

  func renderHelp(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    renderPage(helpLines(), into: &buffer, rows: body)
  }
}

/// One row of the plan's tables, before the columns are sized.
struct PlanRow {
  var tag: String
  var style: TextStyle
  var ga: String
  var dates: String
  var who: String
  var what: String
  /// What the status adds (the latest date of a late item, the day a done one was done).
  var detail: String? = nil
  var late = false

  /// The width of the status, GA, dates and who columns: the widest cell and a gap (two
  /// spaces after status and GA, whose cells end in a bracket or a digit like the next).
  static func widths(of rows: [PlanRow], gap: Int) -> [Int] {
    zip([\PlanRow.tag, \.ga, \.dates, \.who], [2, 2, gap, gap]).map { column, space in
      rows.map { DisplayWidth.of($0[keyPath: column]) }.max()! + space
    }
  }

  func cells(_ widths: [Int], who showWho: Bool = true) -> String {
    DisplayWidth.pad(tag, to: widths[0]) + DisplayWidth.pad(ga, to: widths[1]) + DisplayWidth.pad(dates, to: widths[2])
      + (showWho ? DisplayWidth.pad(who, to: widths[3]) : "")
  }
}
