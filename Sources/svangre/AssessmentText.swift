import SvangreResources
import SvangreRules

/// An assessment as plain text for a person at a terminal.
struct AssessmentText {
  var strings: StringCatalog
  var ruleSet: RuleSet

  private var language: Language { strings.language }

  func render(_ assessment: Assessment, input: AssessmentInput) -> String {
    var lines: [String] = []
    let lang = language
    lines.append(
      strings(
        "text.header",
        ["date": input.referenceDate.iso, "ruleset": assessment.ruleSetID, "version": assessment.ruleSetVersion]))
    lines.append(
      strings(
        "text.dating",
        [
          "due": assessment.dueDate.iso, "source": strings("dating_source.\(assessment.datingSource.rawValue)"),
          "ga": assessment.gestationalAge.description,
        ]))
    if assessment.overridden {
      lines.append(
        strings(
          "text.level_overridden",
          [
            "level": String(assessment.level), "suggested": String(assessment.suggestedLevel),
            "reason": assessment.overrideReason ?? "",
          ]))
    } else {
      lines.append(strings("text.level", ["level": String(assessment.level)]))
    }
    if assessment.careLevel != assessment.level {
      lines.append(strings("text.care_level", ["level": String(assessment.careLevel)]))
    }
    let risks = assessment.birthRisks.map { $0.label.text(lang) }
    lines.append(
      strings("text.birth_risks", ["risks": risks.isEmpty ? strings("text.none") : risks.joined(separator: ", ")]))

    lines.append("")
    lines.append(strings("text.reasons"))
    if assessment.reasons.isEmpty { lines.append("  " + strings("text.none")) }
    for reason in assessment.reasons {
      lines.append("  [\(reason.level)] \(reason.label.text(lang)) (\(reason.source.text(lang)))")
      lines.append("      \(reason.explanation.text(lang))")
    }

    lines.append("")
    lines.append(strings("text.offers"))
    if assessment.offers.isEmpty { lines.append("  " + strings("text.none")) }
    for offer in assessment.offers {
      let causes = offer.because.map { cause in
        ruleSet.finding(cause)?.label.text(lang) ?? strings("cause.\(cause)")
      }
      lines.append(
        "  • \(offer.label.text(lang)) — " + strings("text.because", ["ids": causes.joined(separator: ", ")]))
    }

    lines.append("")
    lines.append(strings("text.schedule"))
    lines += assessment.schedule.map(itemLine)

    lines.append("")
    lines.append(
      strings(
        "text.diagnostics", ["programme": strings.programme(assessment.prenatalDiagnostics.programme)]))
    for item in assessment.prenatalDiagnostics.items {
      var window = ""
      if let from = item.from { window = from.iso + (item.to.map { " – " + $0.iso } ?? " →") }
      let detail = strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate)
      lines.append("  " + pad(window, 25) + item.label.text(lang) + (detail.map { " (\($0))" } ?? ""))
    }

    lines.append("")
    lines.append(strings("text.birthplaces"))
    for place in assessment.birthplaces {
      let mark = place.suitable ? strings("text.suitable") : strings("text.unsuitable")
      let because = place.becauseTexts.map { $0.label.text(lang) }
      lines.append(
        "  \(mark) \(pad(place.name.text(lang), 34)) \(place.reason.text(lang))"
          + (because.isEmpty
            ? "" : " " + strings("text.birthplace_because", ["causes": because.joined(separator: ", ")])))
    }

    if !assessment.postnatal.isEmpty {
      lines.append("")
      lines.append(strings("text.postnatal"))
      lines += assessment.postnatal.map(itemLine)
    }
    return textLines(lines)
  }

  private func itemLine(_ item: ScheduledItem) -> String {
    let window = item.from == item.to ? item.from.iso : "\(item.from.iso) – \(item.to.iso)"
    let ages = item.gaFrom.map { "\($0)–\(item.gaTo!)" } ?? ""
    let status = strings.statusTag(item.status)
    return "  " + pad(window, 25) + pad(ages, 12) + pad(strings.who(item.who), 16)
      + pad(status, 12) + item.label.text(language)
      + (strings.statusDetail(item.status, latest: item.latest, doneDate: item.doneDate).map { " (\($0))" } ?? "")
  }

  /// Pads to a column width counted in characters, so Danish letters line up.
  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
