/// One item of a woman's programme dated for her: an antenatal schedule item, or a
/// postnatal contact (`kind` nil). What the clinic's worklist needs of it, with no texts.
public struct ProgrammeWindow: Hashable, Sendable {
  /// The schedule item's or postnatal contact's ID (`midwife_21`, `pn_health_visitor_day12`).
  public var id: String
  /// Consultation, scan, test…; nil for a postnatal contact.
  public var kind: ScheduleItemKind?
  public var from: CalendarDate
  public var to: CalendarDate
  /// The last day it can still be done, when later than `to`.
  public var latest: CalendarDate?

  public init(id: String, kind: ScheduleItemKind?, from: CalendarDate, to: CalendarDate, latest: CalendarDate?) {
    self.id = id
    self.kind = kind
    self.from = from
    self.to = to
    self.latest = latest
  }

  public var lastDay: CalendarDate { latest ?? to }
  public var isPostnatal: Bool { kind == nil }
}

/// A woman's dated programme as it stands after her newest visitation and every correction:
/// what does not depend on the day. A store keeps it beside the record (the file backend
/// in its index) so that the worklist of a whole clinic needs no assessment.
public struct Programme: Hashable, Sendable {
  public var dueDate: CalendarDate
  /// The birth, once recorded: antenatal items are no longer called for from that day.
  public var birthDate: CalendarDate?
  /// Antenatal items first (by start), then the postnatal contacts (by start).
  public var windows: [ProgrammeWindow]

  public init(dueDate: CalendarDate, birthDate: CalendarDate?, windows: [ProgrammeWindow]) {
    self.dueDate = dueDate
    self.birthDate = birthDate
    self.windows = windows
  }
}

/// One line of the worklist for one woman: an item of her programme that needs the clinic
/// on `day`, with its status as the rules see it.
public struct WorklistEntry: Hashable, Sendable {
  /// The day it is listed under: the day its status began, or the first day of the range.
  public var day: CalendarDate
  /// Index into `Programme.windows`.
  public var window: Int
  /// `due`, `late`, `missed` or `done`.
  public var status: VisitStatus
}

extension AssessmentEngine {
  /// The statuses a worklist lists: what needs the clinic, and what was done.
  public static let worklistStatuses: [VisitStatus] = [.due, .late, .missed, .done]

  /// Her programme's windows for the worklist, from the input as it stands (the record's
  /// current input). Assessed on its reference date, or on the birth when that came later
  /// (a birth recorded after the newest visitation); past 44+0 with no birth, as
  /// `assessFollowUp`. Nil when the rules refuse the input.
  public func programme(for input: AssessmentInput) -> Programme? {
    var plain = input
    plain.attendance = nil
    if let birth = input.birth, birth.date > plain.referenceDate { plain.referenceDate = birth.date }
    guard let followUp = try? assessFollowUp(plain) else { return nil }
    let answer = followUp.assessment
    let windows = (answer.schedule + answer.postnatal).map {
      ProgrammeWindow(id: $0.id, kind: $0.kind, from: $0.from, to: $0.to, latest: $0.latest)
    }
    return Programme(dueDate: answer.dueDate, birthDate: input.birth?.date, windows: windows)
  }

  /// The entries of one woman's worklist for the days in `range`, as the clinic knows them
  /// on `today`.
  ///
  /// Each item is listed at most once. An item already done is listed `done` on the day it
  /// was done, if that day is in the range. Any other item whose window (up to its latest
  /// day, and the day after, when it is missed) meets the range is looked at on `today`
  /// (held inside the range), or on the day it begins, if that is later, and listed with
  /// the status `status` gives it then: `due` under the day its window opened, `late` under
  /// the day after its window, `missed` under the day after its latest day — never before
  /// the first day of the range. An item that is `past` then (ended, nothing known) is not
  /// listed. So a missed item is listed in the week it was missed only. Antenatal items are
  /// no longer listed from the day of the birth; postnatal contacts are never called
  /// missed (as in `assess`).
  ///
  /// Her attendance is what the record knows (`known`: the days she was seen and the items
  /// recorded done) up to `today`, combined as for her plan (`attendance(for:known:)`).
  public static func worklist(
    _ programme: Programme, known: KnownAttendance, today: CalendarDate, range: ClosedRange<CalendarDate>
  ) -> [WorklistEntry] {
    let attendance = attendance(windows: programme.windows, known: known, own: nil, on: today)
    let base = min(max(today, range.lowerBound), range.upperBound)
    var entries: [WorklistEntry] = []
    for (index, window) in programme.windows.enumerated() {
      // As `AttendanceLookup` over her attendance, for antenatal items only; looked up in
      // place (a handful of items), since a lookup table per woman was a third of the
      // worklist's time at 100,000 records.
      let done = window.kind == nil ? nil : attendance?.done.first { $0.id == window.id }?.date
      if let done {
        if range.contains(done) { entries.append(WorklistEntry(day: done, window: index, status: .done)) }
        continue
      }
      guard window.from <= range.upperBound, window.lastDay.adding(days: 1) >= range.lowerBound else { continue }
      let day = max(max(window.from, range.lowerBound), base)
      if !window.isPostnatal, let birth = programme.birthDate, day >= birth { continue }
      let canRecord = window.kind.map { kind in attendance?.covers.map { $0.contains(kind) } ?? true } ?? false
      let status = status(
        on: day, from: window.from, to: window.to, latest: window.latest, done: false,
        since: window.isPostnatal ? nil : attendance?.since, canRecord: canRecord)
      let began: CalendarDate
      switch status {
      case .due: began = window.from
      case .late: began = window.to.adding(days: 1)
      case .missed: began = window.lastDay.adding(days: 1)
      case .upcoming, .past, .done: continue
      }
      entries.append(WorklistEntry(day: max(began, range.lowerBound), window: index, status: status))
    }
    return entries
  }
}

/// An item a programme can hold, with its wording and who carries it out: what a worklist
/// shows of a `ProgrammeWindow`.
public struct ProgrammeItem: Sendable {
  public var text: RuleText
  public var who: CareProvider
  /// Nil for a postnatal contact.
  public var kind: ScheduleItemKind?
}

extension AssessmentEngine {
  /// Every item a programme can hold: the schedule (in order of start), then the postnatal
  /// contacts (in rule set order), as `ProgrammeWindow.kind` tells them apart.
  public var programmeItems: [ProgrammeItem] {
    compiled.schedule.map { ProgrammeItem(text: $0.text, who: $0.who, kind: $0.kind) }
      + zip(ruleSet.postnatal, compiled.postnatalTexts).map { ProgrammeItem(text: $1, who: $0.who, kind: nil) }
  }
}

/// `AssessmentEngine.programmeItems` with each item's position found by its ID: what a
/// window of a programme is, by number.
public struct ProgrammeItemCatalogue: Sendable {
  public let items: [ProgrammeItem]
  /// ID → position, for the schedule and the postnatal contacts apart (an ID is unique
  /// within each).
  private let antenatal: [String: Int]
  private let postnatal: [String: Int]

  public init(_ engine: AssessmentEngine) {
    items = engine.programmeItems
    var antenatal: [String: Int] = [:]
    var postnatal: [String: Int] = [:]
    for (index, item) in items.enumerated() {
      if item.kind == nil { postnatal[item.text.id] = index } else { antenatal[item.text.id] = index }
    }
    self.antenatal = antenatal
    self.postnatal = postnatal
  }

  /// The position of the item `window` is of; nil for one the rule set does not hold.
  public func position(of window: ProgrammeWindow) -> Int? {
    (window.isPostnatal ? postnatal : antenatal)[window.id]
  }

  /// The position of the schedule item `id`.
  public func position(ofScheduleItem id: String) -> Int? { antenatal[id] }
}

extension CalendarDate {
  /// The day of the week, 1 (Monday) … 7 (Sunday), as ISO 8601 and Danish calendars count.
  public var weekday: Int {
    // Day 0, 1970-01-01, was a Thursday (4).
    (dayNumber + 3).modulo(7) + 1
  }

  /// Monday to Sunday of the week this day is in: the worklist's default range.
  public var week: ClosedRange<CalendarDate> {
    let monday = adding(days: 1 - weekday)
    return monday...monday.adding(days: 6)
  }
}

extension Int {
  fileprivate func modulo(_ divisor: Int) -> Int {
    let remainder = self % divisor
    return remainder < 0 ? remainder + divisor : remainder
  }
}
