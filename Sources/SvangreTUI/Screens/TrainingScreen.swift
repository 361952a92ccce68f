import Foundation
import SvangreRules
import SvangreTraining

/// Training: generated practice cases, one at a time, for a trainer's session. The
/// trainee presses 1–4 for the level she thinks the rules suggest, then sees the rules'
/// answer with every reason, its level and source, and the offers. The answer is the
/// engine's (`PracticeCase.assessment`); nothing is saved, practice cases are not patients.
extension AppModel {
  /// `t` on the list: a new session (score from zero) with the next generated case.
  mutating func startTraining() {
    if practice == nil {
      practice = PracticeCaseGenerator(
        engine: context.engine, seed: context.trainingSeed ?? UInt64.random(in: 0...UInt64.max),
        today: context.today)
    }
    practiceScore = PracticeScore()
    nextPracticeCase()
    screen = .training
  }

  mutating func nextPracticeCase() {
    practiceCase = practice?.next()
    practiceAnswer = nil
    pageOffset = 0
  }

  mutating func performOnTraining(_ action: Action) {
    switch action {
    case .up, .down, .pageUp, .pageDown: scrollPage(action)
    case .setLevel(let level):
      guard let practiceCase, practiceAnswer == nil else { return }
      let right = practiceScore.record(level: level, for: practiceCase)
      practiceAnswer = (level, right)
      // Bring the answer into view when the page is longer than the screen.
      let page = trainingLines()
      pageOffset = min(page.answerAt, max(0, page.lines.count - Layout.bodyRows(height: height).count))
    case .confirm:
      if practiceAnswer == nil {
        message = strings("practice.answerFirst")
      } else {
        nextPracticeCase()
      }
    case .back:
      practiceCase = nil
      practiceAnswer = nil
      pageOffset = 0
      screen = .list
    default: break
    }
  }

  /// The running score, e.g. "3 af 4 rigtige".
  var practiceScoreText: String {
    strings(
      "practice.score", ["correct": String(practiceScore.correct), "answered": String(practiceScore.answered)])
  }

  /// The page's lines, and where the answer section starts (to scroll it into view).
  func trainingLines() -> (lines: [PageLine], answerAt: Int) {
    guard let practice = practiceCase else { return ([], 0) }
    let input = practice.input
    let result = practice.assessment
    let textWidth = width - 2
    var lines: [PageLine] = []
    func add(_ text: String, _ style: TextStyle = [], indent: Int = 0, hanging: Int = 0) {
      for (index, line) in DisplayWidth.wrap(text, to: max(10, textWidth - indent - hanging)).enumerated() {
        let lead = indent + (index == 0 ? 0 : hanging)
        lines.append(PageLine(text: String(repeating: " ", count: lead) + line, style: style))
      }
    }

    add(
      strings("practice.heading", ["number": String(practice.number), "score": practiceScoreText]), [.bold])
    lines.append(section(strings("practice.woman")))
    add(
      strings(
        "practice.facts",
        [
          "parity": strings("parity.\(input.parity.rawValue)"), "ga": result.gestationalAge.description,
          "due": result.dueDate.iso, "bmi": input.bmi.map { String(format: "%.1f", $0) } ?? "–",
        ]), indent: 2)
    // The findings by their labels, grouped by the rule set's domains, in its order.
    let ruleSet = context.ruleSet
    var anyFinding = false
    for domain in ruleSet.domains {
      let labels = ruleSet.findings(in: domain.id).filter { input.findings.contains($0.id) }.map {
        $0.label.text(language)
      }
      guard !labels.isEmpty else { continue }
      anyFinding = true
      add(domain.label.text(language) + ": " + labels.joined(separator: "; "), indent: 2, hanging: 4)
    }
    if !anyFinding { add(strings("practice.noFindings"), [.dim], indent: 2) }
    lines.append(.blank)

    let answerAt = lines.count
    lines.append(section(strings("practice.answer")))
    guard let answer = practiceAnswer else {
      add(strings("practice.question"), [.bold], indent: 2)
      return (lines, answerAt)
    }
    let verdict = [
      "yours": String(answer.level), "level": String(result.suggestedLevel),
    ]
    add(strings(answer.right ? "practice.right" : "practice.wrong", verdict), [.bold, .reverse], indent: 2)
    // The answer is scrolled into view, which can hide the heading: repeat the score here.
    add(practiceScoreText, [.dim], indent: 2)
    add(strings("panel.reasons"), [.bold, .underline], indent: 2)
    if result.reasons.isEmpty { add(strings("practice.noReasons"), [.dim], indent: 4) }
    for reason in result.reasons {
      add("[\(reason.level)] \(reason.label.text(language)) (\(reason.source.text(language)))", indent: 4, hanging: 4)
    }
    add(strings("panel.offers"), [.bold, .underline], indent: 2)
    if result.offers.isEmpty { add(strings("panel.noOffers"), [.dim], indent: 4) }
    for offer in result.offers {
      add("• \(offer.label.text(language)) (\(offer.source.text(language)))", indent: 4, hanging: 2)
    }
    lines.append(.blank)
    add(strings("practice.next"), [.dim])
    return (lines, answerAt)
  }

  func renderTraining(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    renderPage(trainingLines().lines, into: &buffer, rows: body)
  }
}
