import Foundation
import Glibc
import SvangreResources
import SvangreRules

/// Her upcoming consultations, scans and tests as an RFC 5545 calendar (`svangre export
/// plan --format ics`) for her phone: one all-day event over each item's window (DTEND is
/// the day after the last, as the RFC has it), for the items still ahead (not done, not
/// missed, not over; a late item from today until its latest day).
///
/// Each event's UID is the same for the same record and item on every export, so that
/// importing a newer export updates her events instead of adding them twice; it is a hash
/// of the record id and the item id, so neither her CPR number nor her name, nor even the
/// record id, is in the file. Written by hand: the format is a few lines, and the rules
/// that matter (CRLF, folding at 75 octets, escaping) are tested by parsing every file
/// with a real iCalendar parser (Debian's python3-icalendar).
public struct PlanCalendar: Sendable {
  public let source: DocumentSource
  let words: DocumentWords
  /// When the file is made (DTSTAMP), from the injected clock.
  public let stamp: Date

  public init(_ source: DocumentSource, strings: StringCatalog, ruleSet: RuleSet, stamp: Date) {
    self.source = source
    words = DocumentWords(strings: strings, ruleSet: ruleSet)
    self.stamp = stamp
  }

  /// The items the calendar holds.
  var items: [ProgrammeItem] { ProgrammeItem.all(source.assessment).filter(\.isAhead) }

  public var ics: String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//svangre//svangre plan//\(words.language.rawValue.uppercased())",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(words.strings("ics.calendar")),
    ]
    let stamp = Self.utc(stamp)
    for item in items {
      let (first, last) = item.days(today: source.today)
      let label = words.text(item.label)
      let summary =
        item.status == .late && item.latest != nil
        ? words.strings("ics.summary.late", ["label": label, "date": words.clinical(last)]) : label
      let description = words.strings(
        "ics.description",
        [
          "who": item.who.map { words.strings.who($0) } ?? words.text(item.label),
          "explanation": words.text(item.explanation), "from": words.clinical(first), "to": words.clinical(last),
        ])
      lines += [
        "BEGIN:VEVENT", "UID:" + Self.uid(record: source.recordID, item: item.id), "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + Self.basic(first), "DTEND;VALUE=DATE:" + Self.basic(last.adding(days: 1)),
        "SUMMARY:" + Self.escape(summary), "DESCRIPTION:" + Self.escape(description), "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(Self.fold).joined()
  }

  /// The same UID for the same record and item on every export, with nothing of her in
  /// it: two 64-bit FNV-1a hashes of "record/item" (not secret, only stable and opaque;
  /// the record id is random already, the hash keeps it out of calendar services),
  /// written in the letters a–p, one a nibble: with no digits, no part of a UID can be
  /// mistaken for a CPR number by a person or a scanner.
  static func uid(record: String, item: String) -> String {
    let bytes = Array("\(record)/\(item)".utf8)
    func fnv(_ seed: UInt64) -> UInt64 {
      bytes.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
    let high = fnv(0xcbf2_9ce4_8422_2325)
    let low = fnv(high ^ 0x9e37_79b9_7f4a_7c15)
    return letters(high) + letters(low) + "@svangre"
  }

  private static func letters(_ value: UInt64) -> String {
    String(
      (0..<16).reversed().map { shift in
        Character(UnicodeScalar(UInt8(ascii: "a") + UInt8((value >> (4 * UInt64(shift))) & 0xf)))
      })
  }

  /// A date as the RFC's DATE value: 20270520.
  static func basic(_ date: CalendarDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }

  /// An instant as the RFC's UTC DATE-TIME: 20261123T094207Z.
  static func utc(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
      + "T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
  }

  /// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, a line break
  /// as \n; other control characters, which TEXT does not allow, dropped.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case ";": escaped += "\\;"
      case ",": escaped += "\\,"
      case "\n": escaped += "\\n"
      case _ where scalar.value < 0x20 || scalar.value == 0x7f: continue
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// One content line, folded so that no line is longer than 75 octets (RFC 5545 3.1):
  /// each continuation starts with a space, and no UTF-8 sequence is split (a combining
  /// mark may go to the next line: the RFC counts octets). CRLF-ended.
  static func fold(_ line: String) -> String {
    var result = ""
    var length = 0
    for scalar in line.unicodeScalars {
      let size = String(scalar).utf8.count
      if length + size > 75 {
        result += "\r\n "
        length = 1
      }
      result.unicodeScalars.append(scalar)
      length += size
    }
    return result + "\r\n"
  }
}
