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
    abstract: "Danish antenatal care: Fødeplan level 1–4 visitation, visit programme and records.",
    subcommands: [
      AssessCommand.self, RulesCommand.self, RecordCommand.self, StoreCommand.self,
      ExportCommand.self, ImportCommand.self, TrainingCommand.self, DueCommand.self,
    ]
  )

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try runTUI(global)
  }
}

/// Options every command accepts, before or after the subcommand's name.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "The record store directory (default: $SVANGRE_STORE, $XDG_DATA_HOME/svangre, ~/.local/share/svangre).")
  var store: String?

  @Option(name: .long, help: "Language of text output and messages: da or en (default: from the locale, else da).")
  var lang: String?

  @Option(name: .long, help: "A rule set JSON file to use instead of the bundled one.")
  var rules: String?

  @Option(name: .long, help: "Treat this date (YYYY-MM-DD) as today, for training and tests.")
  var today: String?
}
