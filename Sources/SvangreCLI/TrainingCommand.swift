import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTraining

/// `svangre training`: practice the visitation on generated cases, or print them for a
/// trainer to prepare a session. Every answer is the rules module's.
struct TrainingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "training", abstract: helpText("help.training.abstract"),
    subcommands: [Quiz.self, Cases.self], defaultSubcommand: Quiz.self)

  struct CaseOptions: ParsableArguments {
    @Option(name: .long, help: argumentHelp("help.training.count")) var count = 5
    @Option(name: .long, help: argumentHelp("help.training.seed"))
    var seed: UInt64?

    /// The catalogue in the chosen language and a generator on the chosen rule set and day.
    func session(_ global: GlobalOptions) throws -> (StringCatalog, PracticeCaseGenerator) {
      let strings = StringCatalog(language: try global.language())
      guard (1...500).contains(count) else {
        Console.error(strings("training.bad_count", ["value": String(count)]))
        throw ExitCode(2)
      }
      let engine = AssessmentEngine(ruleSet: try global.ruleSet(strings))
      let generator = PracticeCaseGenerator(
        engine: engine, seed: seed ?? UInt64.random(in: 0...UInt64.max), today: try global.today(strings))
      return (strings, generator)
    }
  }

  /// Shows each case, asks for the level, then the answer with its reasons and sources.
  struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quiz",
      abstract: helpText("help.training.quiz.abstract"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var cases: CaseOptions

    func run() throws {
      var (strings, generator) = try cases.session(global)
      let presenter = PracticePresenter(strings: strings, ruleSet: generator.engine.ruleSet)
      var score = PracticeScore()
      quiz: for _ in 0..<cases.count {
        let practice = generator.next()
        Console.out("")
        Console.out(presenter.describe(practice, of: cases.count))
        while true {
          FileHandle.standardOutput.write(Data((strings("training.prompt") + " ").utf8))
          let answer: String?
          switch BoundedRead.line(STDIN_FILENO, limit: InputLimits.lineBytes) {
          case .success(let line): answer = line
          case .failure(let refusal):
            Console.error(refusal.message(path: nil, strings))
            throw ExitCode(2)
          }
          guard let line = answer?.trimmingCharacters(in: .whitespaces) else { break quiz }
          if line.lowercased() == "q" { break quiz }
          guard let level = Int(line), AssessmentInput.levelRange.contains(level) else {
            Console.out(strings("training.bad_answer"))
            continue
          }
          let right = score.record(level: level, for: practice)
          Console.out(presenter.answer(practice, right: right))
          break
        }
      }
      Console.out("")
      Console.out(strings("training.score", ["correct": String(score.correct), "answered": String(score.answered)]))
    }
  }

  /// Prints the cases with their expected answers, in the shape of the acceptance cases.
  struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cases",
      abstract: helpText("help.training.cases.abstract"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var cases: CaseOptions

    func run() throws {
      var (strings, generator) = try cases.session(global)
      let items = (0..<cases.count).map { _ -> JSONValue in
        let practice = generator.next()
        let result = practice.assessment
        return .object([
          ("name", .string(strings("training.case_name", ["number": String(practice.number)]))),
          ("input", practice.input.json),
          (
            "expect",
            .object([
              ("suggested_level", .int(result.suggestedLevel)),
              ("reasons", .object(result.reasons.map { ($0.id, .int($0.level)) })),
              ("offers_include", .array(result.offers.map { .string($0.id) })),
            ])
          ),
        ])
      }
      Console.json(JSONValue.array(items), pretty: true)
    }
  }
}

/// Practice cases in words for the trainee.
struct PracticePresenter {
  var strings: StringCatalog
  var ruleSet: RuleSet

  func describe(_ practice: PracticeCase, of total: Int) -> String {
    let lang = strings.language
    let input = practice.input
    let findings = input.findings.compactMap { ruleSet.finding($0)?.label.text(lang) }
    return [
      strings("training.case", ["number": String(practice.number), "total": String(total)]),
      "  "
        + strings(
          "training.woman",
          [
            "parity": strings("parity.\(input.parity.rawValue)"),
            "ga": practice.assessment.gestationalAge.description, "due": practice.assessment.dueDate.iso,
            "bmi": String(format: "%.1f", input.bmi ?? 0),
          ]),
      "  "
        + strings(
          "training.findings",
          ["findings": findings.isEmpty ? strings("text.none") : findings.joined(separator: "; ")]),
    ].joined(separator: "\n")
  }

  func answer(_ practice: PracticeCase, right: Bool) -> String {
    let lang = strings.language
    let result = practice.assessment
    var lines = [
      "  " + strings(right ? "training.right" : "training.wrong", ["level": String(result.suggestedLevel)])
    ]
    for reason in result.reasons {
      lines.append("    [\(reason.level)] \(reason.label.text(lang)) (\(reason.source))")
    }
    if result.reasons.isEmpty { lines.append("    " + strings("training.no_reasons")) }
    if !result.offers.isEmpty {
      lines.append(
        "    " + strings("text.offers") + " " + result.offers.map { $0.label.text(lang) }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }
}
