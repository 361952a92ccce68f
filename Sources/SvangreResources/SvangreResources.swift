// The data files of the package's top-level `Resources/`, compiled into the binary by the
// EmbedResources plugin: `GeneratedRuleSets` and `GeneratedStrings` are written at build
// time by `svangre-embed`, which validates every file first. Nothing here interprets the
// rule sets: the rules module does that.

/// svangre's bundled data files.
public enum EmbeddedResources {
  /// The file name of the default rule set: Region Syddanmark's Fødeplan 2021.
  static let defaultRuleSetName = "region-syddanmark-2021"

  /// The default rule set's JSON as shipped: Region Syddanmark's Fødeplan 2021.
  public static var defaultRuleSet: [UInt8] { ruleSetJSON(named: defaultRuleSetName) ?? [] }

  /// The names of the bundled rule sets (`Resources/rulesets/NAME.json`), in name order.
  public static var ruleSetNames: [String] { GeneratedRuleSets.all.map(\.name) }

  /// The JSON of the bundled rule set `Resources/rulesets/NAME.json`, as shipped.
  public static func ruleSetJSON(named name: String) -> [UInt8]? {
    guard let json = GeneratedRuleSets.all.first(where: { $0.name == name })?.json else { return nil }
    return Array(UnsafeBufferPointer(start: json.utf8Start, count: json.utf8CodeUnitCount))
  }

  /// The names of the string catalogues: core (CLI, the rules' refusals, the words for a
  /// visit's status, who and programme shared by every front end), TUI, record store, and
  /// the documents that leave the program (her plan, the record note, the referral).
  /// Each key lives in exactly one of them (a test checks).
  public static let catalogueNames = ["core", "tui", "store", "documents"]

  /// The catalogue of the CLI's help (`--help`, the man page, the completions): read on
  /// its own, only when ArgumentParser builds the command tree, so that the catalogue every
  /// command reads stays as small as it was.
  public static let helpCatalogueName = "help"

  /// Catalogue `name` (one of `catalogueNames`, or `helpCatalogueName`) in a language (`da`, `en`): key → text.
  public static func strings(_ name: String, language languageCode: String) -> [String: String]? {
    GeneratedStrings.catalogue("\(name).\(languageCode)")
  }
}
