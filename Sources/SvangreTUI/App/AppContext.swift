import Foundation
import SvangreResources
import SvangreRules

/// Everything the app gets from outside: language, the clinical date (`today`: what a
/// visitation is about; the store's clock stamps when it is saved), the rules, the store,
/// and where to keep the user's config and the draft. Built once by `TUICommand`, or by
/// tests with a temporary store.
public struct AppContext {
  public var strings: StringCatalog
  public var today: CalendarDate
  public var engine: AssessmentEngine
  public var repository: any RecordRepository
  /// Where the author's initials are remembered; nil keeps them in memory only.
  public var configURL: URL?
  /// Where the unsaved work is kept between sessions (`<store>/.svangre-tui-draft.json`);
  /// each running TUI writes its own file beside it (see `DraftFiles`). Nil keeps no draft.
  public var draftURL: URL?
  /// The seed of the training screen's practice cases; nil draws a new set each session
  /// (tests pass one, so the cases are the same on every run).
  public var trainingSeed: UInt64?
  /// How a document is copied: through the terminal, or into a file (`ClipboardSettings`).
  public var clipboard: ClipboardSettings

  public init(
    strings: StringCatalog, today: CalendarDate, engine: AssessmentEngine,
    repository: any RecordRepository, configURL: URL?, draftURL: URL?, trainingSeed: UInt64? = nil,
    clipboard: ClipboardSettings = ClipboardSettings()
  ) {
    self.strings = strings
    self.today = today
    self.engine = engine
    self.repository = repository
    self.configURL = configURL
    self.draftURL = draftURL
    self.trainingSeed = trainingSeed
    self.clipboard = clipboard
  }

  public var language: Language { strings.language }
  public var ruleSet: RuleSet { engine.ruleSet }
  /// How screens ask the engine, on this context's clinical date.
  public var clinic: Clinic { Clinic(engine: engine, today: today) }
}

/// How the TUI copies the record note and the referral (`Effect.copy`).
public struct ClipboardSettings: Sendable, Equatable {
  /// Whether the terminal is asked (OSC 52, `TerminalClipboard`).
  public var terminal: Bool
  /// Where a copy the terminal cannot take is written instead; nil: nowhere (the message
  /// says it could not be copied).
  public var fallbackDirectory: URL?

  public init(terminal: Bool = true, fallbackDirectory: URL? = nil) {
    self.terminal = terminal
    self.fallbackDirectory = fallbackDirectory
  }
}
