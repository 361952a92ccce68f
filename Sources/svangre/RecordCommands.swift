import ArgumentParser

// Placeholder: the record store commands land with the store (issue 3).
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "record", abstract: "Pregnancy records.")
  @OptionGroup var global: GlobalOptions
}
struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "store", abstract: "The record store.")
  @OptionGroup var global: GlobalOptions
}
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "Export records as JSON.")
  @OptionGroup var global: GlobalOptions
}
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from an export.")
  @OptionGroup var global: GlobalOptions
}
