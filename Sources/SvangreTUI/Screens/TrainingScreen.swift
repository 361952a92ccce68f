import Foundation
import SvangreResources
import SvangreRules
import SvangreTraining

extension ScreenID {
  public static let training = ScreenID(rawValue: "training")
}

/// Training: generated practice cases, one at a time, for a trainer's session. The
/// trainee presses 1–4 for the level she thinks the rules suggest, then sees the rules'
/// answer with every reason, its level and source, and the offers. The answer is the
/// engine's (`PracticeCase.assessment`); nothing is saved, practice cases are not patients.
/// The cases come from the app's generator (`Effect.nextPracticeCase`), so every session
/// of a run gets new ones.
public struct TrainingScreen: PageScreen {
  public static let id = ScreenID.training
  static let answerKey = KeyBinding(
    (1...4).map { .char(Character(String($0))) }, "1–4", .setLevel(1), help: "key.answerLevel",
    actionPerKey: (1...4).map { .setLevel($0) })
  static let nextKey = KeyBinding([.enter, .char("n")], "Enter/n", .confirm, help: "key.confirm.training")
  public static let keyTable = Keys.scrolling + [answerKey, nextKey, Keys.back]
  /// `t` on the record list.
  public static var entrances: [Entrance] {
    [
      Entrance(from: .list, [.char("t")], "t", opens: id, help: "key.training") { _, _ in
        [.show(TrainingScreen()), .nextPracticeCase]
      }
    ]
  }

  public private(set) var practiceCase: PracticeCase?
  /// The trainee's answer to the case on screen.
  public private(set) var answer: (level: Int, right: Bool)?
  public private(set) var score = PracticeScore()
  public var page = Page()
  /// Where the answer section starts, to scroll it into view.
  var answerAt = 0

  public init() {}

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    page.keys(env) + (answer == nil ? [Self.answerKey] : []) + [Self.nextKey, Keys.back]
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if page.scroll(action, env) { return [] }
    switch action {
    case .practiceCase(let next):
      practiceCase = next
      answer = nil
      page = Page()
    case .setLevel(let level):
      guard let practiceCase, answer == nil else { return [] }
      answer = (level, score.record(level: level, for: practiceCase))
    case .confirm:
      return answer == nil ? [.message(env.strings("practice.answerFirst"))] : [.nextPracticeCase]
    case .back:
      return [.show(ListScreen())]
    case .resized:
      break
    default:
      return []
    }
    let laidOut = lines(env)
    page.relayout(laidOut.lines, env)
    answerAt = laidOut.answerAt
    // Bring the answer into view when the page is longer than the screen.
    if case .setLevel = action { page.offset = min(answerAt, max(0, page.lines.count - env.body.height)) }
    return []
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] { lines(env).lines }

  /// The running score, e.g. "3 af 4 rigtige".
  func scoreText(_ strings: StringCatalog) -> String {
    strings("practice.score", ["correct": String(score.correct), "answered": String(score.answered)])
  }

  /// The page's lines, and where the answer section starts.
  func lines(_ env: ScreenEnvironment) -> (lines: [PageLine], answerAt: Int) {
    guard let practice = practiceCase else { return ([], 0) }
    let strings = env.strings
    let language = env.language
    let input = practice.input
    let result = practice.assessment
    let width = Page.width(env)
    var lines: [PageLine] = []
    func add(_ text: String, _ style: TextStyle = [], indent: Int = 0, hanging: Int = 0) {
      lines += PageLine.wrapped(text, style, width: width, indent: indent, hanging: hanging)
    }

    add(strings("practice.heading", ["number": String(practice.number), "score": scoreText(strings)]), [.bold])
    lines.append(.section(strings("practice.woman"), width: width))
    add(
      strings(
        "practice.facts",
        [
          "parity": strings("parity.\(input.parity.rawValue)"), "ga": result.gestationalAge.description,
          "due": result.dueDate.iso, "bmi": input.bmi.map { String(format: "%.1f", $0) } ?? "–",
        ]), indent: 2)
    // The findings by their labels, grouped by the rule set's domains, in its order.
    let ruleSet = env.ruleSet
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
    lines.append(.section(strings("practice.answer"), width: width))
    guard let answer else {
      add(strings("practice.question"), [.bold], indent: 2)
      return (lines, answerAt)
    }
    let verdict = ["yours": String(answer.level), "level": String(result.suggestedLevel)]
    add(strings(answer.right ? "practice.right" : "practice.wrong", verdict), [.bold, .reverse], indent: 2)
    // The answer is scrolled into view, which can hide the heading: repeat the score here.
    add(scoreText(strings), [.dim], indent: 2)
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
}
