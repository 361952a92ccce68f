/// What a saved record knows of her attendance: the days she was seen (the clinical dates
/// of her visitations) and the items recorded done one by one ("item done" entries, after
/// corrections, cancelled ones left out).
public struct KnownAttendance: Hashable, Sendable {
  /// The clinical dates of her visitations.
  public var consultations: [CalendarDate]
  /// Items recorded done, each with the day it took place.
  public var recorded: [AttendedItem]

  public init(consultations: [CalendarDate] = [], recorded: [AttendedItem] = []) {
    self.consultations = consultations
    self.recorded = recorded
  }

  public var isEmpty: Bool { consultations.isEmpty && recorded.isEmpty }
}

extension AssessmentEngine {
  /// The attendance the rules get for a saved record on `input.referenceDate`: the one
  /// place where recorded and visitation-inferred attendance are combined (svangre's
  /// choice; the Fødeplan says nothing of it):
  ///
  /// - an item recorded done is done on the recorded day — the record wins over anything
  ///   inferred, and over the input's own `attendance`;
  /// - a GP or midwife consultation not recorded is done on the first visitation inside
  ///   its window (up to its latest date);
  /// - a scan, test, treatment or home visit is done only when recorded;
  /// - attendance counts (`since`) from the earliest of her first visitation, the first
  ///   recorded day and the input's own `since`; consultations are known from then on, so
  ///   one whose window ended without a visitation or a record is `missed`. Another kind
  ///   of item is known only once an item of that kind is recorded for her (a clinic that
  ///   records scans records them all); until then it stays `past`, never `missed`.
  ///
  /// Only what happened by the reference date counts, and only items of her programme on
  /// that day (an item recorded before a finding was corrected away is left out, not
  /// refused). Nil when nothing is known, or when the input cannot be assessed.
  public func attendance(for input: AssessmentInput, known: KnownAttendance) -> Attendance? {
    var plain = input
    plain.attendance = nil
    guard let assessment = try? assess(plain) else { return nil }
    let windows = assessment.schedule.map {
      ProgrammeWindow(id: $0.id, kind: $0.kind, from: $0.from, to: $0.to, latest: $0.latest)
    }
    return Self.attendance(windows: windows, known: known, own: input.attendance, on: input.referenceDate)
  }

  /// `attendance(for:known:)` on her programme's dated windows (`programme(for:)`), with
  /// `own` the input's own attendance: the same rule, for the worklist, which keeps the
  /// windows and asks for no assessment. Postnatal contacts are not attendance's.
  static func attendance(windows: [ProgrammeWindow], known: KnownAttendance, own: Attendance?, on day: CalendarDate)
    -> Attendance?
  {
    let consultations = known.consultations.filter { $0 <= day }.sorted()
    var recorded: [String: CalendarDate] = [:]
    for item in own?.done ?? [] where item.date <= day && recorded[item.id] == nil {
      recorded[item.id] = item.date
    }
    // The record's own entries last: they win, the newest of two for one item.
    for item in known.recorded where item.date <= day { recorded[item.id] = item.date }
    var covers: Set<ScheduleItemKind> = [.consultation]
    var done: [AttendedItem] = []
    for item in windows {
      guard let kind = item.kind else { continue }
      if let date = recorded[item.id] {
        done.append(AttendedItem(id: item.id, date: date))
        covers.insert(kind)
      } else if kind == .consultation,
        let date = consultations.first(where: { $0 >= item.from && $0 <= item.lastDay })
      {
        done.append(AttendedItem(id: item.id, date: date))
      }
    }
    // The earliest of her first visitation, the first recorded day and the input's own
    // `since`, found without an array for each (the worklist asks this of every woman).
    var earliest = consultations.first
    for item in done where recorded[item.id] == item.date { earliest = min(earliest ?? item.date, item.date) }
    if let since = own?.since { earliest = min(earliest ?? since, since) }
    guard let since = earliest else { return nil }
    // The input's own attendance speaks for every item (the contract's), so the combined
    // one does too.
    return Attendance(since: since, done: done, covers: own == nil ? covers : nil)
  }
}
