// The data files of this folder, compiled into the binary by SwiftPM's `embedInCode`.
// Nothing here interprets the rule sets: the rules module does that.

/// The raw bytes of svangre's bundled data files.
public enum EmbeddedResources {
  /// The default rule set: Region Syddanmark's Fødeplan 2021.
  public static var defaultRuleSet: [UInt8] { PackageResources.region_syddanmark_2021_json }

  /// The string catalogues for a language code (`da`, `en`): core (CLI, errors), TUI and record store.
  static func stringFiles(for languageCode: String) -> [[UInt8]] {
    switch languageCode {
    case "da": [PackageResources.core_da_json, PackageResources.tui_da_json, PackageResources.store_da_json]
    case "en": [PackageResources.core_en_json, PackageResources.tui_en_json, PackageResources.store_en_json]
    default: []
    }
  }
}
