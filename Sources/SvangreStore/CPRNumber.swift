import Foundation
import SvangreRules

/// A Danish personal identification number (CPR number), validated but never judged by
/// modulus 11.
///
/// The CPR office has issued numbers that fail the modulus-11 check since 1 October 2007,
/// so a failing check is at most a remark (`passesModulus11`), never a refusal.
/// Replacement numbers (erstatningsnumre) for people without a CPR number carry letters
/// in positions 8–9 and are accepted. The number is sensitive: `description` is the
/// masked form, so string interpolation into a log or message cannot leak it.
public struct CPRNumber: Hashable, Sendable, CustomStringConvertible {
  /// The normalised number, `DDMMYY-SSSS`, letters upper-case.
  public let value: String
  /// The birth date the number encodes, with the century from digit 7.
  public let birthYear: Int
  public let birthMonth: Int
  public let birthDay: Int

  /// Why a text is not a CPR number. None of the cases carries the text itself.
  public enum Problem: String, Error, Sendable, Equatable {
    /// Not ten characters as `DDMMYY-SSSS` or `DDMMYYSSSS`, or letters where digits belong.
    case format
    /// Day and month do not form a real date in the century digit 7 gives.
    case date
  }

  /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS` (surrounding spaces ignored).
  public init(parsing text: String) throws(Problem) {
    var chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
    if chars.count == 11 {
      guard chars[6] == UInt8(ascii: "-") else { throw .format }
      chars.remove(at: 6)
    }
    guard chars.count == 10 else { throw .format }
    // Positions 1–7 and 10 are digits; 8–9 are digits or (replacement numbers) letters.
    for (index, char) in chars.enumerated() {
      let isDigit = char >= 0x30 && char <= 0x39
      let isLetter = (char >= 0x41 && char <= 0x5A) || (char >= 0x61 && char <= 0x7A)
      if index == 7 || index == 8 {
        guard isDigit || isLetter else { throw .format }
      } else {
        guard isDigit else { throw .format }
      }
    }
    func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(chars[$1] - 0x30) } }
    let day = number(0..<2)
    let month = number(2..<4)
    let yy = number(4..<6)
    guard let year = CPRNumber.year(yy: yy, digit7: number(6..<7)),
      CPRNumber.isRealDate(year: year, month: month, day: day)
    else { throw .date }
    birthYear = year
    birthMonth = month
    birthDay = day
    let upper = chars.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }
    value = String(decoding: upper[0..<6], as: UTF8.self) + "-" + String(decoding: upper[6...], as: UTF8.self)
  }

  /// Whether a CPR number (`DDMMYY-SSSS` or `DDMMYYSSSS` with a real date) stands
  /// anywhere in `text`: what an export's file name must never hold.
  public static func appears(in text: String) -> Bool {
    let characters = Array(text)
    for length in [11, 10] where characters.count >= length {
      for start in 0...(characters.count - length) where isValid(String(characters[start..<start + length])) {
        return true
      }
    }
    return false
  }

  /// Whether `text` parses as a CPR number.
  public static func isValid(_ text: String) -> Bool { (try? CPRNumber(parsing: text)) != nil }

  /// `DDMMYY-XXXX`: the form for lists and anything a bystander may see.
  public var masked: String { CPRNumber.mask(value) }

  public var description: String { masked }

  /// A replacement number (letters in positions 8–9) rather than one issued by the CPR office.
  public var isReplacementNumber: Bool { value.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } }

  /// The classic modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1). Informational only.
  public var passesModulus11: Bool {
    guard !isReplacementNumber else { return false }
    let digits = value.utf8.filter { $0 != UInt8(ascii: "-") }.map { Int($0 - 0x30) }
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
    return zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 == 0
  }

  /// Masks any stored CPR text as `DDMMYY-XXXX` without validating it; text too short to
  /// have a date part masks completely.
  public static func mask(_ text: String) -> String {
    // The first six bytes that are not a dash or a space, with no array made: a worklist
    // masks tens of thousands.
    var first = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
    var count = 0
    withUnsafeMutableBytes(of: &first) { first in
      for byte in text.utf8 where byte != UInt8(ascii: "-") && byte != 0x20 {
        first[count] = byte
        count += 1
        if count == 6 { break }
      }
    }
    guard count == 6 else { return "XXXXXX-XXXX" }
    return withUnsafeBytes(of: first) { String(decoding: $0, as: UTF8.self) } + "-XXXX"
  }

  /// The century rule of the CPR office: digit 7 together with YY gives the year.
  static func year(yy: Int, digit7: Int) -> Int? {
    switch digit7 {
    case 0...3: 1900 + yy
    case 4, 9: yy <= 36 ? 2000 + yy : 1900 + yy
    case 5...8: yy <= 57 ? 2000 + yy : 1800 + yy
    default: nil
    }
  }

  static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
    // The calendar's one definition of month lengths and leap years.
    CalendarDate(year: year, month: month, day: day) != nil
  }
}
