import ArgumentParser

struct AssessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "assess", abstract: "Assess one pregnancy (JSON in, JSON or text out).")
  @OptionGroup var global: GlobalOptions
  func run() throws { print(global.store ?? "nil", global.lang ?? "nil") }
}
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "rules", abstract: "The rule set.")
}
