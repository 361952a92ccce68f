import Foundation
import SvangreRules

/// Translated UI strings, looked up by key, with `{name}` placeholders.
///
/// Every user-facing sentence of the CLI and the TUI lives in `Resources/strings/*.json`;
/// code only names keys. A missing key renders as the key itself so that a gap is
/// visible instead of crashing (and a test checks that both languages have every key).
public struct StringCatalog: Sendable {
  public let language: Language
  public let entries: [String: String]

  public init(language: Language) {
    self.language = language
    var merged: [String: String] = [:]
    for bytes in EmbeddedResources.stringFiles(for: language.rawValue) {
      let decoded = (try? JSONDecoder().decode([String: String].self, from: Data(bytes))) ?? [:]
      merged.merge(decoded) { _, new in new }
    }
    entries = merged
  }

  /// The string for `key` with each `{name}` replaced by `arguments[name]`.
  public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
    guard var text = entries[key] else { return key }
    for (name, value) in arguments {
      text = text.replacingOccurrences(of: "{\(name)}", with: value)
    }
    return text
  }

  /// Whether the catalogue has `key`.
  public func has(_ key: String) -> Bool { entries[key] != nil }
}
