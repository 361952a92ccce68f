import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

/// `svangre`: with no subcommand, the full-screen TUI; otherwise the non-interactive CLI
/// of contract `svangre.assessment/1` (see docs/cli.md).
///
/// Every command in the tree gives its `commandName`: ArgumentParser builds the whole tree
/// at every start, and derives a missing name from the type's name by reflection, which
/// cost about 1 ms of each `svangre assess` (docs/performance.md).
struct Svangre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "svangre",
    abstract: helpText("help.svangre.abstract"),
    version: Svangre.versionText,
    subcommands: [
      AssessCommand.self, RulesCommand.self, RecordCommand.self, StoreCommand.self,
      ExportCommand.self, ImportCommand.self, TrainingCommand.self, DueCommand.self,
    ]
  )

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try runTUI(global)
  }

  /// svangre's version: raised with each release (docs/cli.md, "Version").
  static let version = "0.11.0"

  /// `svangre --version`: the program's version and the bundled rule set's id and version,
  /// the two things a clinic needs to say which rules a printout came from.
  static var versionText: String {
    let rules = RuleSet.bundled
    return helpText("help.version", ["version": version, "id": rules.id, "rulesVersion": rules.version])
  }
}

/// Options every command accepts, before or after the subcommand's name.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: argumentHelp("help.global.store"))
  var store: String?

  @Option(name: .long, help: argumentHelp("help.global.lang"))
  var lang: String?

  @Option(name: .long, help: argumentHelp("help.global.rules"))
  var rules: String?

  @Option(name: .long, help: argumentHelp("help.global.today"))
  var today: String?
}
