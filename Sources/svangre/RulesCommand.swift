import ArgumentParser
import Foundation
import SvangreResources
import SvangreRules

/// `svangre rules`: the catalogue of findings, and validation of a region's rule set.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "Show the rule set's catalogue, or check a rule set file.",
    subcommands: [List.self, Check.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List every finding: ID, level, label and source.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "json or text (default: text at a terminal, else json).")
    var format: OutputFormat?

    func run() throws {
      let strings = StringCatalog(language: try global.language())
      let ruleSet = try global.ruleSet(strings)
      let lang = strings.language
      switch OutputFormat.resolved(format) {
      case .json:
        let findings = ruleSet.findings.map { finding -> OrderedJSON in
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
        let sources = ruleSet.sources.map { source -> OrderedJSON in
          .object([
            ("id", .string(source.id)), ("label", .string(source.label.text(lang))),
            ("origin", .string(source.origin.rawValue)),
          ])
        }
        Console.json(
          OrderedJSON.object([
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

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate a rule set file; list every problem (exit 2 if any).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule set JSON file.") var file: String

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
