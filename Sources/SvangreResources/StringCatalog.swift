import Foundation
import SvangreRules

/// Translated UI strings, looked up by key, with `{name}` placeholders.
///
/// Every user-facing sentence of the CLI and the TUI lives in `Resources/strings/*.json`;
/// code only names keys. A missing key renders as the key itself so that a gap is
/// visible instead of crashing (and a test checks that both languages have every key).
public struct StringCatalog: Sendable {
  public let language: Language
  /// The texts of a catalogue made from named catalogues only; nil for the bundled whole,
  /// which is shared and built at the first look-up.
  private let own: [String: String]?

  /// Costs nothing: the texts are built at the first look-up (`entries`).
  public init(language: Language) {
    self.language = language
    own = nil
  }

  /// The catalogues `names` alone (e.g. `EmbeddedResources.helpCatalogueName`).
  public init(language: Language, only names: [String]) {
    self.language = language
    own = Self.merge(Self.catalogues(language, names))
  }

  /// Every text of the catalogue. The bundled whole is built and merged once per process
  /// at the first look-up: `svangre assess --format json` never looks one up, and
  /// building the dictionaries was a fifth of its start-up (docs/performance.md).
  public var entries: [String: String] {
    if let own { return own }
    switch language {
    case .da: return Merged.danish
    case .en: return Merged.english
    }
  }

  /// Swift initialises a global once, on first use, safely between threads.
  private enum Merged {
    static let danish = StringCatalog.merge(StringCatalog.catalogues(.da))
    static let english = StringCatalog.merge(StringCatalog.catalogues(.en))
  }

  private static func merge(_ catalogues: [(name: String, entries: [String: String])]) -> [String: String] {
    // Sized once: growing it while merging cost more than building the catalogues.
    var merged = [String: String](minimumCapacity: catalogues.reduce(0) { $0 + $1.entries.count })
    for catalogue in catalogues {
      // Each key has one home (a test checks), so the order of the merge does not matter.
      merged.merge(catalogue.entries) { first, _ in first }
    }
    return merged
  }

  /// Each bundled catalogue of `language` by name (`core`, `tui`, `store`), as shipped.
  public static func catalogues(_ language: Language, _ names: [String] = EmbeddedResources.catalogueNames)
    -> [(name: String, entries: [String: String])]
  {
    names.map { name in (name, EmbeddedResources.strings(name, language: language.rawValue) ?? [:]) }
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

// The words every front end shares, so that the CLI and the TUI name a status, a
// profession and a programme the same way.
extension StringCatalog {
  /// A visit's status as a tag in brackets ("[NU]"): the brackets keep it readable
  /// without colour, and the word comes from one key in the core catalogue.
  public func statusTag(_ status: VisitStatus) -> String { "[" + self("status.\(status.rawValue)") + "]" }

  /// Who sees her for an item of the programme ("Jordemoder").
  public func who(_ provider: CareProvider) -> String { self("who.\(provider.rawValue)") }

  /// The prenatal diagnostics programme ("grundtilbud").
  public func programme(_ programme: DiagnosticsProgramme) -> String { self("programme.\(programme.rawValue)") }

  /// What a dated item's status adds beyond its word: the latest date of a `late` item
  /// (the double test at 12+3 can still be taken — until when) and the day a `done` item
  /// was done. Nil for the other statuses. Shared by every screen and command that shows a
  /// status, so they say it the same way.
  public func statusDetail(_ status: VisitStatus?, latest: CalendarDate?, doneDate: CalendarDate?) -> String? {
    switch status {
    case .late: latest.map { self("status.late.until", ["date": $0.iso]) }
    case .done: doneDate.map { self("status.done.on", ["date": $0.iso]) }
    default: nil
    }
  }
}

/// How a date window is printed, by every screen, command and export that prints one: a
/// one-day window as its one date ("2027-05-20"), a longer one as its first and last day
/// ("2027-05-20–2027-05-22"). A one-day window written as "2027-05-20–2027-05-20" reads
/// as a typing mistake.
public enum DateWindow {
  public static func text(_ from: CalendarDate, _ to: CalendarDate) -> String {
    from == to ? from.iso : "\(from.iso)–\(to.iso)"
  }

  /// A window whose ends may be open (a diagnostics item from a week on, or one given at
  /// once): "2027-05-20 →" from a day on, "→ 2027-05-20" until a day, nil with no date.
  public static func text(_ from: CalendarDate?, _ to: CalendarDate?) -> String? {
    switch (from, to) {
    case (let from?, let to?): text(from, to)
    case (let from?, nil): from.iso + " →"
    case (nil, let to?): "→ " + to.iso
    case (nil, nil): nil
    }
  }
}
