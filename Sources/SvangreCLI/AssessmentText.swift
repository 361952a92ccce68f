import Foundation
import SvangreResources
import SvangreRules
import SvangreTUI

/// An assessment as plain text for a person at a terminal, fitted to `width` columns by
/// the same wrapping as the TUI: explanations wrap, nothing is cut off mid-word.
struct AssessmentText {
  var strings: StringCatalog
  var ruleSet: RuleSet
  var width = TerminalWidth.current()

  private var language: Language { strings.language }

  func render(_ assessment: Assessment, input: AssessmentInput) -> String {
    var lines: [String] = []
    let lang = language
    func add(_ lead: String, _ text: String) { lines += DisplayWidth.hanging(lead, text, width: width) }
    add(
      "",
      strings(
        "text.header",
        ["date": input.referenceDate.iso, "ruleset": assessment.ruleSetID, "version": assessment.ruleSetVersion]))
    add(
      "",
      strings(
        "text.dating",
        [
          "due": assessment.dueDate.iso, "source": strings("dating_source.\(assessment.datingSource.rawValue)"),
          "ga": assessment.gestationalAge.description,
        ]))
    if assessment.overridden {
      add(
        "",
        strings(
          "text.level_overridden",
          [
            "level": String(assessment.level), "suggested": String(assessment.suggestedLevel),
            "reason": assessment.overrideReason ?? "",
          ]))
    } else {
      add("", strings("text.level", ["level": String(assessment.level)]))
    }
    if assessment.careLevel != assessment.level {
      add("", strings("text.care_level", ["level": String(assessment.careLevel)]))
    }
    let risks = assessment.birthRisks.map { $0.label.text(lang) }
    add(
      "", strings("text.birth_risks", ["risks": risks.isEmpty ? strings("text.none") : risks.joined(separator: ", ")]))

    lines.append("")
    lines.append(strings("text.reasons"))
    if assessment.reasons.isEmpty { lines.append("  " + strings("text.none")) }
    for reason in assessment.reasons {
      add("  [\(reason.level)] ", "\(reason.label.text(lang)) (\(reason.source.text(lang)))")
      add("      ", reason.explanation.text(lang))
    }

    lines.append("")
    lines.append(strings("text.offers"))
    if assessment.offers.isEmpty { lines.append("  " + strings("text.none")) }
    for offer in assessment.offers {
      let causes = offer.because.map { cause in
        ruleSet.finding(cause)?.label.text(lang) ?? strings("cause.\(cause)")
      }
      add("  • ", "\(offer.label.text(lang)) — " + strings("text.because", ["ids": causes.joined(separator: ", ")]))
    }

    lines.append("")
    lines.append(strings("text.schedule"))
    lines += table(assessment.schedule.map(row))

    lines.append("")
    lines.append(
      strings("text.diagnostics", ["programme": strings.programme(assessment.prenatalDiagnostics.programme)]))
    lines += table(
      assessment.prenatalDiagnostics.items.map { item in
        let dates = item.from == nil ? "" : DateWindow.text(item.from, item.to) ?? ""
        let detail = strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate)
        return [dates, item.label.text(lang) + (detail.map { " (\($0))" } ?? "")]
      })

    lines.append("")
    lines.append(strings("text.birthplaces"))
    lines += table(
      assessment.birthplaces.map { place in
        let because = place.becauseTexts.map { $0.label.text(lang) }
        return [
          strings(place.suitable ? "birthplace.suitable" : "birthplace.unsuitable"), place.name.text(lang),
          place.reason.text(lang)
            + (because.isEmpty
              ? "" : " " + strings("text.birthplace_because", ["causes": because.joined(separator: ", ")])),
        ]
      })

    if !assessment.postnatal.isEmpty {
      lines.append("")
      lines.append(strings("text.postnatal"))
      lines += table(assessment.postnatal.map(row))
    }
    return textLines(lines)
  }

  /// Status, GA, dates, who and what, as the cells of a table row (the TUI's plan order).
  private func row(_ item: ScheduledItem) -> [String] {
    let window = DateWindow.text(item.from, item.to)
    let ages = item.gaFrom.map { "\($0)–\(item.gaTo!)" } ?? ""
    let detail = strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate)
    return [
      strings.statusTag(item.status), ages, window, strings.who(item.who),
      item.label.text(language) + (detail.map { " (\($0))" } ?? ""),
    ]
  }

  /// Rows indented by two, each column as wide as its widest cell; the last cell wraps
  /// beside the others, or under them all when its longest word would not fit.
  private func table(_ rows: [[String]]) -> [String] {
    guard let columns = rows.first?.count, columns > 0 else { return [] }
    let widths = (0..<columns - 1).map { column in rows.map { DisplayWidth.of($0[column]) }.max()! + 2 }
    let longest = rows.map { DisplayWidth.longestWord($0[columns - 1]) }.max() ?? 0
    return rows.flatMap { cells in
      let lead = "  " + zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }.joined()
      return DisplayWidth.hanging(
        lead, cells[columns - 1], width: width, minimumRoom: longest, fallbackIndent: 2 + widths[0])
    }
  }
}

/// The columns text output is fitted to: `COLUMNS` when set, else the terminal's width,
/// else 80 (a pipe or a file).
enum TerminalWidth {
  static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
    if let text = environment["COLUMNS"], let columns = Int(text), (20...1000).contains(columns) { return columns }
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
      return Int(size.ws_col)
    }
    return 80
  }
}
