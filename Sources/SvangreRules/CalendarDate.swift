/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Clinical dates (due date, last period, visit windows) are calendar days. Doing the
/// arithmetic on a plain day count keeps it free of time zones and daylight-saving
/// shifts, and makes it cheap enough to run hundreds of thousands of times a second.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let dayNumber: Int

  public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// The date of a valid year, month and day; nil for 2027-02-29 and the like.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    dayNumber = CalendarDate.daysFromCivil(year: year, month: month, day: day)
  }

  /// Parses exactly `YYYY-MM-DD`; nil for anything else or a day that does not exist.
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
      return nil
    }
    self.init(year: year, month: month, day: day)
  }

  public var components: (year: Int, month: Int, day: Int) {
    CalendarDate.civilFromDays(dayNumber)
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let (year, month, day) = components
    guard (0...9999).contains(year) else {
      func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
      }
      return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
    // Digit by digit into the string's own ten bytes (a small string: no allocation): a
    // worklist of 37,000 rows writes four dates a row.
    return String(unsafeUninitializedCapacity: 10) { text in
      func put(_ value: Int, at end: Int, width: Int) {
        var value = value
        for position in stride(from: end, to: end - width, by: -1) {
          text[position] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      put(year, at: 3, width: 4)
      text[4] = UInt8(ascii: "-")
      put(month, at: 6, width: 2)
      text[7] = UInt8(ascii: "-")
      put(day, at: 9, width: 2)
      return 10
    }
  }

  public var description: String { iso }

  public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

  /// Whole days from `other` to `self`.
  public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    lhs.dayNumber < rhs.dayNumber
  }

  static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  // Howard Hinnant's civil-calendar algorithms (public domain): exact for every
  // Gregorian date, with no tables and no Foundation calendar.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

/// Gestational age: completed weeks and days since the first day of the last period,
/// written `W+D` (`11+2`). Stored as a day count; a term pregnancy is 280 days (40+0).
public struct GestationalAge: Hashable, Comparable, Sendable, CustomStringConvertible {
  public static let term = GestationalAge(days: 280)

  /// Days since the first day of the (possibly notional) last menstrual period.
  public let days: Int

  public init(days: Int) { self.days = days }
  public init(weeks: Int, days: Int) { self.days = weeks * 7 + days }

  /// Parses `W+D` with D in 0…6 (`12+3`); nil for anything else.
  public init?(parsing text: String) {
    let parts = text.split(separator: "+", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 1,
      parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
      let weeks = Int(parts[0]), let dayOfWeek = Int(parts[1]), weeks >= 0, (0...6).contains(dayOfWeek)
    else { return nil }
    self.init(weeks: weeks, days: dayOfWeek)
  }

  /// The gestational age on `date` of a pregnancy due on `dueDate`.
  public init(on date: CalendarDate, dueDate: CalendarDate) {
    days = GestationalAge.term.days - dueDate.days(since: date)
  }

  public var weeks: Int { days >= 0 ? days / 7 : -((-days + 6) / 7) }
  public var dayOfWeek: Int { days - weeks * 7 }

  public var description: String { "\(weeks)+\(dayOfWeek)" }

  /// The calendar date on which a pregnancy due on `dueDate` reaches this age.
  public func date(dueDate: CalendarDate) -> CalendarDate {
    dueDate.adding(days: days - GestationalAge.term.days)
  }

  public static func < (lhs: GestationalAge, rhs: GestationalAge) -> Bool { lhs.days < rhs.days }
}
