import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

/// The words of `--help`, the man page and the shell completions, from the `help`
/// catalogue (`Resources/strings/help.{da,en}.json`) in the language of `--lang` on the
/// command line, else the locale, else Danish — like every other text of svangre.
/// Evaluated once, when ArgumentParser first builds a command's help (never by the fast
/// path of `svangre assess`).
let helpStrings = StringCatalog(
  language: Language.fromArguments(CommandLine.arguments), only: [EmbeddedResources.helpCatalogueName])

/// A command's abstract or discussion.
func helpText(_ key: String, _ arguments: [String: String] = [:]) -> String { helpStrings(key, arguments) }

/// An option's or argument's help.
func argumentHelp(_ key: String) -> ArgumentHelp { ArgumentHelp(helpStrings(key)) }

/// ArgumentParser writes its own headings and its built-in options' help in English; the
/// help it prints is given them in the user's language here, line by line, so nothing
/// else in the text is touched.
enum HelpHeadings {
  static func translated(_ help: String, _ strings: StringCatalog) -> String {
    guard strings.language != .en else { return help }
    let headings = [
      ("OVERVIEW:", "help.overview"), ("USAGE:", "help.usage"), ("ARGUMENTS:", "help.arguments"),
      ("OPTIONS:", "help.options"),
      ("SUBCOMMANDS:", "help.subcommands"),
    ]
    let phrases = [
      ("Show help information.", "help.showHelp"), ("Show the version.", "help.showVersion"),
      ("See 'svangre help <subcommand>' for detailed help.", "help.seeSubcommand"),
    ]
    return help.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      var line = String(line)
      for (english, key) in headings where line.hasPrefix(english) {
        line = strings(key) + line.dropFirst(english.count)
      }
      for (english, key) in phrases where line.hasSuffix(english) {
        line = line.dropLast(english.count) + strings(key)
      }
      // "quiz (default)   Svar …": the word in its column, the column kept where it was.
      if let range = line.range(of: "(default)  ") {
        let word = "(" + strings("help.isDefault") + ")"
        line.replaceSubrange(range, with: word + String(repeating: " ", count: max(1, 11 - word.count)))
      }
      for (english, key) in [("(default: ", "help.default"), ("(values: ", "help.values")] {
        if let range = line.range(of: english) { line.replaceSubrange(range, with: "(" + strings(key) + " ") }
      }
      return line
    }.joined(separator: "\n")
  }
}
