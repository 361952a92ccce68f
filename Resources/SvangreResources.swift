// The data files of this folder, compiled into the binary by SwiftPM's `embedInCode`.
// Nothing here interprets the rule sets: the rules module does that.

/// The raw bytes of svangre's bundled data files.
public enum EmbeddedResources {
  /// The default rule set: Region Syddanmark's Fødeplan 2021.
  public static var defaultRuleSet: [UInt8] { PackageResources.region_syddanmark_2021_json }

  /// The names of the string catalogues: core (CLI, the rules' refusals, the words for a
  /// visit's status, who and programme shared by every front end), TUI and record store.
  /// Each key lives in exactly one of them (a test checks).
  public static let catalogueNames = ["core", "tui", "store"]

  /// The bytes of catalogue `name` (one of `catalogueNames`) in a language (`da`, `en`).
  public static func stringFile(_ name: String, language languageCode: String) -> [UInt8]? {
    switch (name, languageCode) {
    case ("core", "da"): PackageResources.core_da_json
    case ("core", "en"): PackageResources.core_en_json
    case ("tui", "da"): PackageResources.tui_da_json
    case ("tui", "en"): PackageResources.tui_en_json
    case ("store", "da"): PackageResources.store_da_json
    case ("store", "en"): PackageResources.store_en_json
    default: nil
    }
  }
}
