import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

/// `svangre rules`: the catalogue of findings, and validation of a region's rule set.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: helpText("help.rules.abstract"),
    subcommands: [List.self, Show.self, Check.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: helpText("help.rules.list.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: argumentHelp("help.format"))
    var format: OutputFormat?

    func run() throws {
      let strings = StringCatalog(language: try global.language())
      let ruleSet = try global.ruleSet(strings)
      let lang = strings.language
      switch OutputFormat.resolved(format) {
      case .json:
        let findings = ruleSet.findings.map { finding -> JSONValue in
          .object([
            ("id", .string(finding.id)), ("domain", .string(finding.domain)),
            ("level", finding.level.map { .int($0) } ?? .null),
            ("birth_risk", .bool(finding.birthRisk)),
            ("offers", .array(finding.offers.map { .string($0) })),
            ("label", .string(finding.label.text(lang))),
            ("explanation", .string(finding.explanation.text(lang))),
            ("source", .string(ruleSet.sourceText(finding.sources).text(lang))),
            ("sources", .array(finding.sources.map { .string($0) })),
          ])
        }
        let sources = ruleSet.sources.map { source -> JSONValue in
          .object([
            ("id", .string(source.id)), ("label", .string(source.label.text(lang))),
            ("origin", .string(source.origin.rawValue)),
          ])
        }
        Console.json(
          JSONValue.object([
            ("ruleset", .object([("id", .string(ruleSet.id)), ("version", .string(ruleSet.version))])),
            ("findings", .array(findings)),
            ("sources", .array(sources)),
          ]), pretty: true)
      case .text:
        var lines = [
          strings("rules.header", ["title": ruleSet.title.text(lang), "id": ruleSet.id, "version": ruleSet.version])
        ]
        for domain in ruleSet.domains {
          lines.append("")
          lines.append(domain.label.text(lang))
          for finding in ruleSet.findings(in: domain.id) {
            let level = finding.level.map(String.init) ?? "–"
            let risk = finding.birthRisk ? " " + strings("rules.birth_risk") : ""
            let source = ruleSet.sourceText(finding.sources).text(lang)
            lines.append(
              "  \(finding.id.padding(toLength: 36, withPad: " ", startingAt: 0)) \(level)  \(finding.label.text(lang))\(risk) (\(source))"
            )
          }
        }
        // Which sources are the Fødeplan's and which are not: a rule the Fødeplan does not
        // hold must say so.
        lines.append("")
        lines.append(strings("rules.sources"))
        for source in ruleSet.sources {
          lines.append("  \(source.label.text(lang)): \(strings("rules.origin.\(source.origin.rawValue)"))")
        }
        Console.out(textLines(lines))
      }
    }
  }

  /// `rules show ID…`: findings and programme items by their IDs, as a clinician checks
  /// what an ID in a record or a script means. The shell completes the IDs.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: helpText("help.rules.show.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.rules.show.ids"), completion: .list(RuleIDs.all)) var ids: [String]

    func run() throws {
      let strings = StringCatalog(language: try global.language())
      let ruleSet = try global.ruleSet(strings)
      let lang = strings.language
      var lines: [String] = []
      for id in ids {
        let entry: (label: LocalizedText, explanation: LocalizedText, sources: [String], what: String)
        if let finding = ruleSet.finding(id) {
          let level = finding.level.map { strings("rules.show.level", ["level": String($0)]) } ?? ""
          entry = (finding.label, finding.explanation, finding.sources, strings("rules.show.finding") + level)
        } else if let item = ruleSet.schedule.first(where: { $0.id == id }) {
          let ages = "\(item.gaFrom)–\(item.gaTo)"
          entry = (item.label, item.explanation, item.sources, strings.who(item.who) + ", " + ages)
        } else if let contact = ruleSet.postnatal.first(where: { $0.id == id }) {
          entry = (contact.label, contact.explanation, contact.sources, strings.who(contact.who))
        } else {
          Console.error(strings("rules.show.unknown", ["id": id]))
          throw ExitCode(2)
        }
        if !lines.isEmpty { lines.append("") }
        lines.append("\(id): \(entry.label.text(lang)) (\(entry.what))")
        lines.append("  " + entry.explanation.text(lang))
        lines.append("  " + ruleSet.sourceText(entry.sources).text(lang))
      }
      Console.out(textLines(lines))
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: helpText("help.rules.check.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.rules.check.file")) var file: String

    func run() throws {
      let strings = StringCatalog(language: try global.language())
      let ruleSet = try loadRuleSet(path: file, strings)
      Console.out(
        strings(
          "rules.check_ok",
          [
            "id": ruleSet.id, "version": ruleSet.version, "findings": String(ruleSet.findings.count),
            "items": String(ruleSet.schedule.count),
          ]))
    }
  }
}

/// The IDs the shell completes (`svangre --generate-completion-script`): the bundled rule
/// set's findings, then its antenatal and postnatal items — the IDs a clinician or a script
/// types after `rules show`, and wherever a command takes a finding or an item.
enum RuleIDs {
  static var findings: [String] { RuleSet.bundled.findings.map(\.id) }
  static var items: [String] { RuleSet.bundled.schedule.map(\.id) + RuleSet.bundled.postnatal.map(\.id) }
  static var all: [String] { findings + items }
}
