/// The limits on everything svangre reads, in one place so that the rules, the store, the
/// CLI, the TUI and an import all refuse the same things (docs/cli.md, "Limits").
///
/// None of them is clinical: they keep a typing mistake, a wrong file or a hostile input
/// from filling the memory, hanging a screen or putting year 9999 into a record. Each is
/// far above anything real, and each is the project's choice.
public enum InputLimits {
  /// An assessment input (`assess`, `record assess`): 1 MiB. A real one is under 2 KB.
  public static let assessmentBytes = 1 << 20
  /// An import document (`svangre import`): 256 MiB, about 50,000 records with a long
  /// history each. A larger store is exported and imported in parts (`export ID…`).
  public static let importBytes = 256 << 20
  /// A rule set file (`--rules`, `rules check`): 4 MiB; the bundled one is about 55 KB.
  public static let ruleSetBytes = 4 << 20
  /// A small file of the user's own (the TUI's config and drafts): 1 MiB.
  public static let settingsBytes = 1 << 20
  /// A CPR number or a search typed at a prompt or piped in: one short line.
  public static let lineBytes = 1024

  /// A woman's name: 200 characters.
  public static let nameCharacters = 200
  /// Every other free text (a note, the reason for an override, a correction or a
  /// closure): 20,000 characters, about eight typed pages.
  public static let freeTextCharacters = 20_000

  /// The years a clinical date may fall in. svangre's rules date from 2021; no
  /// consultation, due date or birth it records can lie outside these years.
  public static let years = 2000...2199
  /// How far a date of a pregnancy (a due date, a last period, a scan, a birth) may lie
  /// from the day it is recorded on: a year either way. Anything further is a typing
  /// mistake (a wrong year), not a pregnancy in care.
  public static let daysFromReference = 365

  /// Whether `text` has at most `limit` characters, counted as Unicode scalars (so that a
  /// letter followed by thousands of combining marks cannot pass as one character). Stops
  /// counting at `limit + 1`, so a 50 MB text costs no more than a short one.
  public static func fits(_ text: String, within limit: Int) -> Bool {
    if text.utf8.count <= limit { return true }
    var count = 0
    for _ in text.unicodeScalars {
      count += 1
      if count > limit { return false }
    }
    return true
  }

  /// A number of bytes for a message: "1 MiB", "256 MiB", "1024 bytes".
  public static func describe(bytes: Int) -> String {
    bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }

  /// Whether `date` falls in the years svangre accepts.
  public static func isPlausible(_ date: CalendarDate) -> Bool {
    years.contains(date.components.year)
  }

  /// Whether `date` lies within a year of `reference` (and in the years svangre accepts).
  public static func isPlausible(_ date: CalendarDate, near reference: CalendarDate) -> Bool {
    isPlausible(date) && abs(date.days(since: reference)) <= daysFromReference
  }
}
