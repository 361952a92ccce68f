import Foundation

/// The author's initials: one rule for the store, the CLI and the TUI (docs/store.md).
public enum Initials {
  /// The longest initials accepted, in characters.
  public static let maximumLength = 12

  /// `text` without surrounding white space, in NFC, when it is 1–12 letters or digits
  /// (Æ, Ø, Å included) — as a journal shows who wrote an entry; nil otherwise.
  public static func normalised(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= maximumLength,
      trimmed.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) })
    else { return nil }
    return trimmed.precomposedStringWithCanonicalMapping
  }
}
