import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// The program both executables run: `svangre` (`SvangreProgram.run(server: nil)`) and
/// `svangre-postgres` (with the PostgreSQL backend, `ServerBackend`). The command tree, the
/// TUI and every message are this library's, so the two answer alike.
///
/// The contract's exit statuses are 0 (done), 2 (input refused) and 1 (internal
/// failure); a mistyped option is refused input, so ArgumentParser's usage status (64)
/// becomes 2. Help and version requests still exit 0.
public enum SvangreProgram {
  /// What the executable links beyond the JSON store: nil in `svangre`. Set once, before
  /// anything else runs, and only read after.
  nonisolated(unsafe) static var server: (any ServerBackend)?

  public static func run(server: (any ServerBackend)?) -> Never {
    self.server = server
    do {
      // `svangre assess` in its plain forms skips ArgumentParser's start-up
      // (AssessFastPath.swift); it never opens a store, so never needs the server program.
      if let assess = AssessFastPath.command(Array(CommandLine.arguments.dropFirst())) {
        try assess.run()
        exit(0)
      }
      // A command for a PostgreSQL store becomes `svangre-postgres` with the same
      // arguments (ServerHandOver.swift); back here only when that program is missing.
      if server == nil, ServerHandOver.needsServer(CommandLine.arguments.dropFirst(), store: getenv("SVANGRE_STORE")) {
        ServerHandOver.exec()
      }
      var command = try Svangre.parseAsRoot()
      try command.run()
      exit(0)
    } catch {
      fail(error)
    }
  }

  private static func fail(_ error: any Error) -> Never {
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
}
