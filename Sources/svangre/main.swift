import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

// Entry point: see Svangre.swift for the command tree.
//
// The contract's exit statuses are 0 (done), 2 (input refused) and 1 (internal
// failure); a mistyped option is refused input, so ArgumentParser's usage status (64)
// becomes 2. Help and version requests still exit 0.
do {
  var command = try Svangre.parseAsRoot()
  try command.run()
} catch {
  let status = Svangre.exitCode(for: error)
  if status == .validationFailure {
    // ArgumentParser words its usage errors in English: say first, in the user's
    // language, what happened and where help is.
    let strings = StringCatalog(language: Language.fromArguments(CommandLine.arguments))
    Console.error(strings("cli.usage"))
    FileHandle.standardError.write(Data((Svangre.fullMessage(for: error) + "\n").utf8))
    exit(2)
  }
  Svangre.exit(withError: error)
}
