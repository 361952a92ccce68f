import Foundation

/// Førstegangsfødende or flergangsfødende.
public enum Parity: String, Sendable, Codable, CaseIterable {
  case nulliparous, multiparous
}

/// Where the child was born.
public enum BirthPlace: String, Sendable, Codable, CaseIterable {
  case home, hospital
}

/// What is known for dating the pregnancy. Precedence: due date, then scan, then LMP.
public struct Dating: Hashable, Sendable {
  public var dueDate: CalendarDate?
  /// First day of the last menstrual period.
  public var lastPeriod: CalendarDate?
  /// Cycle length in days, 21–45; nil means the usual 28.
  public var cycleDays: Int?
  public var scanDate: CalendarDate?
  public var scanAge: GestationalAge?

  public init(
    dueDate: CalendarDate? = nil, lastPeriod: CalendarDate? = nil, cycleDays: Int? = nil,
    scanDate: CalendarDate? = nil, scanAge: GestationalAge? = nil
  ) {
    self.dueDate = dueDate
    self.lastPeriod = lastPeriod
    self.cycleDays = cycleDays
    self.scanDate = scanDate
    self.scanAge = scanAge
  }

  public static let cycleDaysRange = 21...45
  public static let usualCycleDays = 28
  /// Scans later than this date a pregnancy too loosely to be used; earlier than this
  /// show too little.
  public static let scanAgeRange = GestationalAge(weeks: 6, days: 0)...GestationalAge(weeks: 24, days: 0)
}

/// The facts of the birth, once it has happened.
public struct Birth: Hashable, Sendable {
  public var date: CalendarDate
  public var place: BirthPlace
  /// Hours from the birth to discharge from hospital; nil for a home birth.
  public var dischargeHours: Double?
  public var traumatic: Bool
  public var childLoss: Bool

  public init(
    date: CalendarDate, place: BirthPlace, dischargeHours: Double? = nil, traumatic: Bool = false,
    childLoss: Bool = false
  ) {
    self.date = date
    self.place = place
    self.dischargeHours = dischargeHours
    self.traumatic = traumatic
    self.childLoss = childLoss
  }

  /// A stay longer than this (eight weeks) is taken for a typing mistake.
  public static let dischargeHoursRange = 0.0...1344.0

  /// Whether a birth on `date` can be recorded on `day` (the consultation's date, or
  /// today): not after it — a later date is a typing mistake. The one place this is
  /// decided, for the input's validation and the CLI's `record birth` and `record amend`.
  public static func canBeRecorded(on date: CalendarDate, by day: CalendarDate) -> Bool { date <= day }
}

/// The clinician's own level, which wins over the suggestion.
public struct LevelOverride: Hashable, Sendable {
  public var level: Int
  public var reason: String

  public init(level: Int, reason: String) {
    self.level = level
    self.reason = reason
  }
}

/// One item of her programme known to be done, and when.
public struct AttendedItem: Hashable, Sendable {
  /// A schedule item ID (`midwife_21`).
  public var id: String
  public var date: CalendarDate

  public init(id: String, date: CalendarDate) {
    self.id = id
    self.date = date
  }
}

/// What is known of her attendance: the items done, and the day from which attendance
/// has been recorded. An item whose window ended before `since` is not called missed,
/// because nothing is known of it.
public struct Attendance: Hashable, Sendable {
  public var since: CalendarDate
  public var done: [AttendedItem]
  /// The kinds of item it speaks for; nil (attendance recorded item by item, as the
  /// contract's `attendance`) speaks for every item. Attendance inferred from saved
  /// visitations speaks for consultations only: a visitation says nothing of a scan, a
  /// test or a treatment, so those are never called missed from it.
  public var covers: Set<ScheduleItemKind>?

  public init(since: CalendarDate, done: [AttendedItem] = [], covers: Set<ScheduleItemKind>? = nil) {
    self.since = since
    self.done = done
    self.covers = covers
  }
}

/// Everything the rules need about one woman on one day: contract `svangre.assessment/2`.
public struct AssessmentInput: Hashable, Sendable {
  /// The day of the consultation; no clock is ever read.
  public var referenceDate: CalendarDate
  public var parity: Parity
  public var dating: Dating
  /// Pre-pregnancy BMI, 10–80.
  public var bmi: Double?
  /// Finding IDs from the rule set's catalogue, in the order given, without duplicates.
  public var findings: [String]
  public var override: LevelOverride?
  public var attendance: Attendance?
  public var birth: Birth?

  public static let bmiRange = 10.0...80.0
  public static let levelRange = 1...4

  public init(
    referenceDate: CalendarDate, parity: Parity, dating: Dating, bmi: Double? = nil,
    findings: [String] = [], override: LevelOverride? = nil, attendance: Attendance? = nil,
    birth: Birth? = nil
  ) {
    self.referenceDate = referenceDate
    self.parity = parity
    self.dating = dating
    self.bmi = bmi
    self.findings = findings
    self.override = override
    self.attendance = attendance
    self.birth = birth
  }
}
