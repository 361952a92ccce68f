import Foundation

/// A UI language. Danish is the default; English is available everywhere.
public enum Language: String, CaseIterable, Sendable, Codable {
  case da, en

  /// The environment variables that name the language, first one set wins.
  public static let localeVariables = ["LC_ALL", "LC_MESSAGES", "LANG"]

  /// The language named by `LC_ALL`, `LC_MESSAGES` or `LANG` (`en_GB.UTF-8` → `.en`),
  /// else Danish.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    fromLocale { environment[$0] }
  }

  /// The same, with each variable's value read by `variable` (a process reads only these
  /// three, not its whole environment).
  public static func fromLocale(_ variable: (String) -> String?) -> Language {
    for key in localeVariables {
      guard let value = variable(key), !value.isEmpty else { continue }
      let code = String(value.prefix(2)).lowercased()
      return Language(rawValue: code) ?? .da
    }
    return .da
  }
}
