import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

// Entry point: see Svangre.swift for the command tree.
//
// The contract's exit statuses are 0 (done), 2 (input refused) and 1 (internal
// failure); a mistyped option is refused input, so ArgumentParser's usage status (64)
// becomes 2. Help and version requests still exit 0.
do {
  // `svangre assess` in its plain forms skips ArgumentParser's start-up (AssessFastPath.swift).
  if let assess = AssessFastPath.command(Array(CommandLine.arguments.dropFirst())) {
    try assess.run()
  } else {
    var command = try Svangre.parseAsRoot()
    try command.run()
  }
} catch {
  let status = Svangre.exitCode(for: error)
  if status == .success {
    // `--help`, `help COMMAND`, `--version`: ArgumentParser's own headings in the user's
    // language too (HelpText.swift); everything else in the text is the catalogue's.
    let text = HelpHeadings.translated(Svangre.fullMessage(for: error), helpStrings)
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
    exit(0)
  }
  if status == .validationFailure {
    // ArgumentParser words its usage errors in English: say first, in the user's
    // language, what happened and where help is.
    let strings = StringCatalog(language: Language.fromArguments(CommandLine.arguments))
    Console.error(strings("cli.usage"))
    // The message may quote what was typed; show it, never let the terminal act on it.
    let message = Svangre.fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
      .map { TerminalText.safe(String($0)) }.joined(separator: "\n")
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
  }
  Svangre.exit(withError: error)
}
