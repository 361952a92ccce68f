import SvangreResources
import SvangreRules

/// The GP's referral to the birth place at the first pregnancy visit (`svangre record
/// referral`, the TUI's referral key), ready to paste: the due date and how it was found,
/// parity, the level and why, the other findings, her wishes (a home birth, and whether
/// the Fødeplan finds it suitable), what was offered, the suitable birth places and the
/// prenatal diagnostics programme. Every fact is the engine's answer (`DocumentSource`).
public struct Referral: RecordDocument {
  public let source: DocumentSource
  public let words: DocumentWords

  public init(source: DocumentSource, words: DocumentWords) {
    self.source = source
    self.words = words
  }

  public var text: String {
    var lines = heading("referral.title", visit: "referral.from")
    lines += [
      strings(
        "referral.dating",
        [
          "due": words.clinical(assessment.dueDate), "how": words.datingHow(source.input, assessment),
          "ga": source.followUp.gestationalAge.description, "date": words.clinical(source.today),
        ]),
      strings("referral.parity", ["parity": strings("parity.\(source.input.parity.rawValue)").lowercased()]),
    ]
    lines += words.birthNotRecorded(source.followUp).map { [$0] } ?? []
    lines += ["", words.level(assessment, "referral")]
    if assessment.reasons.isEmpty {
      lines.append(strings("referral.why.none"))
    } else {
      lines.append(strings("referral.why"))
      lines += assessment.reasons.map { reason in
        "- "
          + strings(
            "referral.reason",
            [
              "label": words.text(reason.label), "level": String(reason.level), "source": words.text(reason.source),
              "explanation": words.text(reason.explanation),
            ])
      }
    }
    let others = words.otherFindings(source.input, assessment)
    if !others.isEmpty { lines.append(strings("referral.findings", ["list": others.joined(separator: ", ")])) }
    lines.append(
      strings("referral.birth_risks", ["risks": words.list(assessment.birthRisks.map { words.text($0.label) })]))
    let wishes = words.wishes(source.input)
    if !wishes.isEmpty {
      lines += ["", strings("referral.wishes", ["list": wishes.joined(separator: ", ")])]
      lines += homeBirthLine.map { [$0] } ?? []
    }
    lines.append("")
    if assessment.offers.isEmpty {
      lines.append(strings("referral.offered.none"))
    } else {
      lines.append(strings("referral.offered"))
      lines += assessment.offers.map { offer in
        "- \(words.text(offer.label)) (\(words.causes(offer)); \(words.text(offer.source)))"
      }
    }
    let suitable = assessment.birthplaces.filter(\.suitable).map { words.text($0.name) }
    lines += [
      "", strings("referral.birthplaces", ["places": words.list(suitable)]),
      strings(
        "referral.diagnostics", ["programme": strings.programme(assessment.prenatalDiagnostics.programme)]),
      "", words.footer(assessment),
    ]
    return lines.joined(separator: "\n")
  }

  /// When she wishes a home birth: whether the Fødeplan finds home suitable, and if not,
  /// the rule and her risks behind it (the engine's verdict on the `home` site).
  var homeBirthLine: String? {
    guard source.input.findings.contains("home_birth_wish"),
      let home = assessment.birthplaces.first(where: { $0.kind == .home })
    else { return nil }
    if home.suitable { return strings("referral.home.suitable") }
    return strings(
      "referral.home.unsuitable",
      ["reason": words.text(home.reason), "causes": words.list(home.becauseTexts.map { words.text($0.label) })])
  }
}
