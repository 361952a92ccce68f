import Foundation
import Glibc
import SvangreRules

/// The wall clock, passed in rather than read: the store stamps every entry with `now()`
/// (the audit time), and the CLI and TUI take today's date from it when `--today` does
/// not set the clinical date. `.system` is the real clock; tests pass `.fixed`, so no test
/// depends on the day it runs.
public struct WallClock {
  public let now: () -> Date

  public init(now: @escaping () -> Date) { self.now = now }

  /// The machine's clock: the one place svangre reads the time.
  public static var system: WallClock { WallClock { Date() } }

  /// A clock that always says `instant`.
  public static func fixed(_ instant: Date) -> WallClock { WallClock { instant } }

  /// Today's date in the local time zone (the date part of `Timestamp.iso(now())`).
  public func today() -> CalendarDate { CalendarDate(iso: String(Timestamp.iso(now()).prefix(10)))! }
}

/// Timestamps as the record stores them: ISO 8601 local time with its UTC offset
/// (`2026-11-23T10:42:07+01:00`), so a reader sees the clinic's wall-clock time and
/// the instant is still unambiguous.
public enum Timestamp {
  public static func iso(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    localtime_r(&seconds, &parts)
    let offset = parts.tm_gmtoff / 60
    let sign = offset < 0 ? "-" : "+"
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    let year = Int(parts.tm_year) + 1900
    return "\(year)-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))"
      + "T\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec)))"
      + "\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))"
  }

  /// "2026-11-22 10:42" from a stored time: to the minute, as a person reads it.
  public static func minutes(_ stored: String) -> String {
    let chars = Array(stored)
    guard chars.count >= 16 else { return stored }
    return String(chars[0..<10]) + " " + String(chars[11..<16])
  }

  /// "10:42" for a stored time on `day` (YYYY-MM-DD), else "2026-11-22 10:42": short
  /// enough for a message or a column, unambiguous enough to act on.
  public static func short(_ stored: String, on day: String) -> String {
    let full = minutes(stored)
    guard full.count == 16, full.hasPrefix(day + " ") else { return full }
    return String(full.suffix(5))
  }
}
