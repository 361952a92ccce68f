import Foundation
import Glibc

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

  /// "10:42" for a stored time on `today`'s date, else "2026-11-22 10:42": short enough
  /// for a message, unambiguous enough to act on.
  public static func short(_ stored: String, now: Date = Date()) -> String {
    let chars = Array(stored)
    guard chars.count >= 16 else { return stored }
    let day = String(chars[0..<10])
    let clock = String(chars[11..<16])
    return day == String(iso(now).prefix(10)) ? clock : day + " " + clock
  }
}
