import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

/// `svangre assess`: contract `svangre.assessment/1`, JSON in, JSON or text out.
struct AssessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: helpText("help.assess.abstract"),
    discussion: helpText("help.assess.discussion"))

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: argumentHelp("help.input"))
  var input: String?

  @Option(name: .long, help: argumentHelp("help.format"))
  var format: OutputFormat?

  @Flag(name: .long, help: argumentHelp("help.pretty"))
  var pretty = false

  func run() throws { try Assess(self).run() }
}

/// `svangre assess` as plain values, run: what `AssessCommand` holds once ArgumentParser has
/// parsed it, and what `AssessFastPath` builds without ArgumentParser.
struct Assess: Equatable {
  var global: GlobalSettings
  var input: String?
  var format: OutputFormat?
  var pretty: Bool

  init(global: GlobalSettings, input: String?, format: OutputFormat?, pretty: Bool) {
    self.global = global
    self.input = input
    self.format = format
    self.pretty = pretty
  }

  init(_ command: AssessCommand) {
    self.init(global: command.global.settings, input: command.input, format: command.format, pretty: command.pretty)
  }

  func run() throws {
    let strings = StringCatalog(language: try global.language())
    let ruleSet = try global.ruleSet(strings)
    let output = AssessmentOutput(
      format: .resolved(format), strings: strings, ruleSet: ruleSet, pretty: pretty)
    let result = readInput(input, limit: InputLimits.assessmentBytes)
      .mapError { $0.inputError(path: input) }
      .flatMap { AssessmentOutput.assess($0, ruleSet: ruleSet) }
    let code = output.write(result)
    // The process ends here and leaves what it built to the system: freeing the answer, the
    // input and the rule set object by object cost 2 % of the process (docs/performance.md).
    withExtendedLifetime((ruleSet, result)) { exit(code) }
  }
}

/// Prints an assessment or the reason it was refused, exactly as `svangre assess` does:
/// shared with `record assess`, whose output the contract says is the same.
struct AssessmentOutput {
  var format: OutputFormat
  var strings: StringCatalog
  var ruleSet: RuleSet
  var pretty: Bool

  /// Parses and assesses contract JSON.
  static func assess(_ data: Data, ruleSet: RuleSet) -> Result<(AssessmentInput, Assessment), InputError> {
    do throws(InputError) {
      let input = try AssessmentInput.parse(data, ruleSet: ruleSet)
      return .success((input, try AssessmentEngine(ruleSet: ruleSet).assess(input)))
    } catch {
      return .failure(error)
    }
  }

  /// Writes the result to standard output (and a refusal also to standard error);
  /// returns the exit status: 0, or 2 for refused input.
  @discardableResult
  func write(_ result: Result<(AssessmentInput, Assessment), InputError>) -> Int32 {
    switch result {
    case .success((let input, let assessment)):
      switch format {
      case .json:
        Console.json(assessment.contractJSON(language: strings.language), pretty: pretty)
      case .text:
        Console.out(AssessmentText(strings: strings, ruleSet: ruleSet).render(assessment, input: input))
      }
      return 0
    case .failure(let error):
      Console.error(error.message(strings))
      if format == .json { Console.json(error.contractJSON(strings), pretty: pretty) }
      return 2
    }
  }
}
