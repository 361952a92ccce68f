import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTUI

/// `svangre` with no subcommand: the full-screen TUI. Resolves language, today's date,
/// rule set and store exactly as the CLI does, then hands over to `TUIRunner`.
func runTUI(_ global: GlobalOptions) throws {
  let environment = ProcessInfo.processInfo.environment
  let strings = StringCatalog(language: try global.language())
  let ruleSet = try global.ruleSet(strings)
  let today = try global.today(strings)
  // Without a terminal, say so before touching the store: the CLI is the way in.
  guard TUIRunner.hasTerminal else {
    TUIRunner.printError(strings("tui.noTerminal"))
    throw ExitCode(TUIRunner.cannotStart)
  }
  let directory = StoreLocation.resolve(explicit: global.store, environment: environment)
  let store: any RecordStore
  do throws(StoreError) {
    store = try StoreFactory.open(
      directory, clock: global.clock, ruleSets: [ruleSet, .bundled], strings: strings, environment: environment)
  } catch {
    Console.error(strings(error.messageKey, error.messageArguments))
    throw ExitCode(error.exitCode)
  }
  let engine = AssessmentEngine(ruleSet: ruleSet)
  let context = AppContext(
    strings: strings, today: today, engine: engine,
    repository: StoreRepository(store: store, engine: engine, strings: strings),
    configURL: UserConfig.path(environment: environment),
    draftURL: URL(fileURLWithPath: StoreFactory.draftDirectory(directory, environment: environment))
      .appendingPathComponent(Draft.fileName),
    clipboard: ClipboardSettings(
      terminal: TerminalClipboard.isLikelySupported(environment: environment),
      fallbackDirectory: TerminalClipboard.fallbackDirectory(environment: environment)))
  let status = TUIRunner.run(context: context, environment: environment)
  if status != 0 { throw ExitCode(status) }
}
