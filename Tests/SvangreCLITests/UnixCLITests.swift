import Foundation
import Testing

/// The CLI as Unix users expect it: `--version`, `--help` in Danish and English, shell
/// completions that each shell's own parser accepts and that complete finding and item
/// IDs, and a manual page written from the same definitions.
@Suite("svangre as Unix users expect it")
struct UnixCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func versionNamesTheProgramAndTheBundledRuleSet() throws {
    let danish = try svangre(["--version"])
    #expect(danish.status == 0)
    #expect(
      danish.stdout.range(
        of: #"^svangre \d+\.\d+\.\d+ · regelsæt dk-rsyd-fodeplan 2021\.2\n$"#, options: .regularExpression) != nil,
      "\(danish.stdout)")
    let english = try svangre(["--version", "--lang", "en"])
    #expect(english.stdout.contains("· rule set dk-rsyd-fodeplan 2021.2"))
  }

  @Test func helpIsDanishByDefaultAndEnglishWithLangOrTheLocale() throws {
    let danish = try svangre(["record", "note", "--help"])
    #expect(danish.status == 0)
    for text in [
      "OVERSIGT:", "BRUG:", "ARGUMENTER:", "TILVALG:", "Tilføj et journalnotat.", "Dine initialer", "Vis hjælp.",
    ] {
      #expect(danish.stdout.contains(text), "\(text) in:\n\(danish.stdout)")
    }
    for text in ["USAGE:", "OPTIONS:", "Show help information.", "Your initials"] {
      #expect(!danish.stdout.contains(text), "\(text) in:\n\(danish.stdout)")
    }
    let english = try svangre(["record", "note", "--help", "--lang", "en"])
    for text in ["USAGE:", "OPTIONS:", "Add a journal note.", "Your initials", "Show help information."] {
      #expect(english.stdout.contains(text), "\(text) in:\n\(english.stdout)")
    }
    let locale = try svangre(["help", "record"], environment: ["LANG": "en_GB.UTF-8"])
    #expect(locale.status == 0 && locale.stdout.contains("SUBCOMMANDS:") && locale.stdout.contains("Pregnancy records"))
    let top = try svangre(["--help"])
    #expect(top.stdout.contains("UNDERKOMMANDOER:") && top.stdout.contains("Svangreomsorg"))
  }

  /// Every abstract and help text of the whole tree, in both languages, is a catalogue text:
  /// none is missing (a missing key would print as the key itself).
  @Test(arguments: ["da", "en"])
  func everyHelpTextComesFromTheCatalogue(language: String) throws {
    let dump = try svangre(["--lang", language, "--experimental-dump-help"])
    #expect(dump.status == 0)
    #expect(!dump.stdout.contains("\"help."), "a help key without its text")
    #expect(dump.stdout.contains(language == "da" ? "Opret en journal" : "Create a record"))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionsParseInTheirShellAndCompleteTheRuleSetsIDs(shell: String) throws {
    let script = try svangre(["--generate-completion-script", shell])
    #expect(script.status == 0)
    for id in ["multiple_pregnancy", "previous_child_loss", "gp_6_10", "pn_midwife_home_day1"] {
      #expect(script.stdout.contains(id), "\(id) not completed by the \(shell) script")
    }
    // Each shell's own parser reads the script (`-n`: parse, do not run).
    let shellBinary = try #require(
      ["/usr/bin/\(shell)", "/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "\(shell) is not installed (scripts/setup installs it)")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-completion-\(UUID()).\(shell)")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(script.stdout.utf8).write(to: file)
    let parsed = try run(URL(fileURLWithPath: shellBinary), ["-n", file.path])
    #expect(parsed.status == 0, "\(shell) -n: \(parsed.stderr)")
  }

  @Test func bashCompletesRulesShowWithTheIDs() throws {
    let script = try svangre(["--generate-completion-script", "bash"]).stdout
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-completion-\(UUID()).bash")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(script.utf8).write(to: file)
    // What bash offers after `svangre rules show multi<Tab>`.
    let probe = """
      source \(file.path)
      COMP_WORDS=(svangre rules show multi); COMP_CWORD=3; COMP_LINE="svangre rules show multi"; COMP_POINT=${#COMP_LINE}
      _svangre svangre multi show
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let offered = try run(URL(fileURLWithPath: "/bin/bash"), ["-c", probe])
    #expect(offered.stdout.contains("multiple_pregnancy"), "\(offered.stdout) \(offered.stderr)")
  }

  @Test func theManualPageIsWrittenFromTheDefinitionsInBothLanguages() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-man-\(UUID())")
    defer { try? FileManager.default.removeItem(at: out) }
    let written = try run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["python3", Self.root.appendingPathComponent("scripts/man").path, svangreBinary.path, out.path])
    #expect(written.status == 0, "\(written.stderr)")
    let english = try String(contentsOf: out.appendingPathComponent("svangre.1"), encoding: .utf8)
    let danish = try String(contentsOf: out.appendingPathComponent("da/svangre.1"), encoding: .utf8)
    #expect(english.hasPrefix(".TH SVANGRE 1"))
    // Every command of the tree, and the words as --help has them, non-ASCII included.
    for command in ["assess", "rules show", "record new", "record assess", "record amend", "store check", "export"] {
      #expect(english.contains(".SS svangre \(command)"), "\(command)")
    }
    #expect(english.contains("Fødeplan level 1–4") && english.contains("SUBCOMMANDS"))
    #expect(danish.contains("Fødeplanens visitation til niveau 1–4") && danish.contains("UNDERKOMMANDOER"))
    #expect(danish.contains("Dine initialer") && !danish.contains("Your initials"))
    // groff reads it without a warning.
    let groff = try #require(
      ["/usr/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "groff is not installed (scripts/setup installs groff-base)")
    for page in ["svangre.1", "da/svangre.1"] {
      let rendered = try run(
        URL(fileURLWithPath: groff),
        ["-man", "-Tutf8", "-K", "utf8", "-ww", "-P-cbu", out.appendingPathComponent(page).path])
      #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(page): \(rendered.stderr)")
      #expect(rendered.stdout.contains("svangre record note"))
    }
  }
}
