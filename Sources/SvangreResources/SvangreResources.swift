// The data files of the package's top-level `Resources/`, compiled into the binary by the
// EmbedResources plugin (`ResourceFiles`, generated at build time). Nothing here
// interprets the rule sets: the rules module does that.

/// The raw bytes of svangre's bundled data files.
public enum EmbeddedResources {
  /// The name of the default rule set's file: Region Syddanmark's Fødeplan 2021.
  static let defaultRuleSetName = "region-syddanmark-2021"

  /// The default rule set: Region Syddanmark's Fødeplan 2021.
  public static var defaultRuleSet: [UInt8] { ruleSet(named: defaultRuleSetName) ?? [] }

  /// The names of the bundled rule sets (`Resources/rulesets/NAME.json`), in name order.
  public static var ruleSetNames: [String] { ResourceFiles.ruleSets.map(\.name) }

  /// The bytes of the bundled rule set `Resources/rulesets/NAME.json`.
  public static func ruleSet(named name: String) -> [UInt8]? {
    ResourceFiles.ruleSets.first { $0.name == name }.map { bytes($0.json) }
  }

  /// The names of the string catalogues: core (CLI, the rules' refusals, the words for a
  /// visit's status, who and programme shared by every front end), TUI and record store.
  /// Each key lives in exactly one of them (a test checks).
  public static let catalogueNames = ["core", "tui", "store"]

  /// The bytes of catalogue `name` (one of `catalogueNames`) in a language (`da`, `en`).
  public static func stringFile(_ name: String, language languageCode: String) -> [UInt8]? {
    ResourceFiles.strings.first { $0.name == "\(name).\(languageCode)" }.map { bytes($0.json) }
  }

  private static func bytes(_ text: StaticString) -> [UInt8] {
    Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}
