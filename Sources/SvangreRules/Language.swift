import Foundation

/// A UI language. Danish is the default; English is available everywhere.
public enum Language: String, CaseIterable, Sendable, Codable {
  case da, en

  /// The language named by `LC_ALL`, `LC_MESSAGES` or `LANG` (`en_GB.UTF-8` → `.en`),
  /// else Danish.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = environment[key], !value.isEmpty else { continue }
      let code = String(value.prefix(2)).lowercased()
      return Language(rawValue: code) ?? .da
    }
    return .da
  }
}
