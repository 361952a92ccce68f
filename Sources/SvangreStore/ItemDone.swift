import Foundation
import SvangreRules

/// "Item done": an item of her visit programme (a consultation, scan, test, treatment or
/// home visit: a schedule item ID of the rule set, `midwife_21`) took place on `date`.
/// Appended like every entry; a wrong day is corrected with a `done.date` amendment and a
/// wrong entry cancelled with `done.cancelled`, both keeping the original.
public struct ItemDone: Codable, Sendable, Equatable {
  /// A schedule item ID of the record's rule set.
  public var item: String
  /// The clinical date it took place, `YYYY-MM-DD` (not when it was saved: that is `at`).
  public var date: String
  /// Optional free text (at most `InputLimits.freeTextCharacters`).
  public var note: String?

  public init(item: String, date: String, note: String? = nil) {
    self.item = item
    self.date = date
    self.note = note
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case item, date, note }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(item, forKey: .item)
    try container.encode(date, forKey: .date)
    try container.encode(note, forKey: .note)
  }
}

/// An "item done" entry with its place in the history and its values after corrections.
public struct DoneView: Sendable, Equatable {
  public var seq: Int
  public var at: String
  public var author: String
  /// The entry as written.
  public var recorded: ItemDone
  /// The day after corrections (`done.date`), `YYYY-MM-DD`.
  public var date: String
  /// Cancelled by a `done.cancelled` correction: it counts as not recorded.
  public var cancelled: Bool
  /// Its corrections, oldest first.
  public var amendments: [AmendmentView]

  public var item: String { recorded.item }
}

extension PregnancyRecord {
  /// "Item done" entries, oldest first, after corrections (cancelled ones included).
  public var doneItems: [DoneView] {
    let corrections = amendments.filter { $0.amendment.field.isDone }
    return history.compactMap { entry in
      guard case .done(let done) = entry.content else { return nil }
      let own = corrections.filter { $0.amendment.target == entry.seq }
      var view = DoneView(
        seq: entry.seq, at: entry.at, author: entry.author, recorded: done, date: done.date, cancelled: false,
        amendments: own)
      for correction in own {
        switch (correction.amendment.field, correction.amendment.new) {
        case (.doneDate, .string(let date)): view.date = date
        case (.doneCancelled, .bool(let flag)): view.cancelled = flag
        default: break
        }
      }
      return view
    }
  }

  /// The items recorded done and not cancelled, oldest entry first, as the rules take them.
  public var recordedAttendance: [AttendedItem] {
    doneItems.compactMap { view in
      guard !view.cancelled, let date = CalendarDate(iso: view.date) else { return nil }
      return AttendedItem(id: view.item, date: date)
    }
  }

  /// What the record knows of her attendance, for `AssessmentEngine.assessFollowUp`:
  /// her visitations' clinical dates and the items recorded done. Every screen and
  /// command that assesses a record passes this; the engine combines the two
  /// (`AssessmentEngine.attendance(for:known:)`).
  public var knownAttendance: KnownAttendance {
    KnownAttendance(consultations: consultationDates, recorded: recordedAttendance)
  }

  /// The lowest schema version that holds this record's entries: 3 with a correction of
  /// several fields in one entry, 2 with an "item done" entry or a correction of one, else 1.
  public var neededSchemaVersion: Int {
    history.reduce(PregnancyRecord.firstSchemaVersion) { version, entry in
      switch entry.content {
      case .done: max(version, 2)
      case .amendment(let amendment) where amendment.also != nil: 3
      case .amendment(let amendment): amendment.parts.contains { $0.field.isDone } ? max(version, 2) : version
      default: version
      }
    }
  }

  /// The "item done" entry for `done` (its values checked by `recordDone`), refused with
  /// the reason when the record cannot take it on `today` (the clinician's clinical date,
  /// which the store does not know):
  /// - a closed record (`closed`), and one with no visitation yet: her programme follows
  ///   from a visitation (`done.item.no_programme`);
  /// - an ID that is not a schedule item of her rule set (`done.item.unknown`) or not in
  ///   her programme on that day (`done.item.not_in_programme`: `ogtt_early` without a
  ///   risk of gestational diabetes);
  /// - an item recorded done already and not cancelled (`done.item.exists`: correct its
  ///   date instead);
  /// - a day that is not possible (`doneDateProblem`).
  public func doneEntry(_ done: ItemDone, ruleSets: [RuleSet], today: CalendarDate) throws(StoreError)
    -> HistoryEntry.Content
  {
    guard status != .closed else { throw .closed(id: id) }
    guard let latest = visitations.last, let ruleSet = Validation.ruleSet(for: latest.visitation, among: ruleSets)
    else { throw .invalidInput(field: "done.item", reason: "no_programme") }
    guard ruleSet.schedule.contains(where: { $0.id == done.item }) else {
      throw .invalidInput(field: "done.item", reason: "unknown")
    }
    guard let date = CalendarDate(iso: done.date) else { throw .invalidInput(field: "done.date", reason: "format") }
    if let problem = doneDateProblem(date, ruleSet: ruleSet, today: today) { throw problem }
    guard var input = currentInput(ruleSet: ruleSet) else {
      throw .invalidInput(field: "done.item", reason: "no_programme")
    }
    input.referenceDate = date
    input.attendance = nil
    guard let followUp = try? AssessmentEngine(ruleSet: ruleSet).assessFollowUp(input) else {
      throw .invalidInput(field: "done.item", reason: "no_programme")
    }
    guard followUp.assessment.schedule.contains(where: { $0.id == done.item }) else {
      throw .invalidInput(field: "done.item", reason: "not_in_programme")
    }
    guard !doneItems.contains(where: { $0.item == done.item && !$0.cancelled }) else {
      throw .invalidInput(field: "done.item", reason: "exists")
    }
    return .done(done)
  }

  /// Why an item cannot have taken place on `date`, nil when it can: after `today`
  /// (`done.date.future`), after the recorded birth (`done.date.after_birth`: the
  /// programme's items come before it), or before the pregnancy began, 0+0 by her
  /// current due date (`done.date.before_pregnancy`). For a new entry and a corrected day.
  public func doneDateProblem(_ date: CalendarDate, ruleSet: RuleSet, today: CalendarDate) -> StoreError? {
    if date > today { return .invalidInput(field: "done.date", reason: "future") }
    if let birth = currentBirth, date > birth.date { return .invalidInput(field: "done.date", reason: "after_birth") }
    if let input = currentInput(ruleSet: ruleSet), let (due, _) = AssessmentEngine.dueDate(for: input.dating),
      date < GestationalAge(weeks: 0, days: 0).date(dueDate: due)
    {
      return .invalidInput(field: "done.date", reason: "before_pregnancy")
    }
    return nil
  }

  /// `doneDateProblem` with the rule set of her newest visitation among `ruleSets`.
  public func doneDateProblem(_ date: CalendarDate, ruleSets: [RuleSet], today: CalendarDate) -> StoreError? {
    guard let latest = visitations.last, let ruleSet = Validation.ruleSet(for: latest.visitation, among: ruleSets)
    else { return date > today ? .invalidInput(field: "done.date", reason: "future") : nil }
    return doneDateProblem(date, ruleSet: ruleSet, today: today)
  }
}

extension RecordStore {
  /// Records that `done.item` took place on `done.date`, with an optional note, on the
  /// clinician's clinical date `today` (`--today`, or the clock's day). Refused as
  /// `PregnancyRecord.doneEntry` says, and when the day or note is not one a save keeps
  /// (`done.date.format`/`range`, `done.note.format`). An append: `basedOn` nil saves it
  /// on the latest revision; a revision given (`--expect-revision`) that the record has
  /// moved past saves nothing (`.staleCopy`).
  public func recordDone(
    _ id: String, basedOn: Int?, done: ItemDone, author: String, today: CalendarDate
  ) throws(StoreError) -> PregnancyRecord {
    var done = done
    done.item = done.item.trimmingCharacters(in: .whitespaces)
    guard !done.item.isEmpty else { throw .invalidInput(field: "done.item", reason: "missing") }
    done.date = try Validation.date(done.date, field: "done.date")
    if let note = done.note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      done.note = try Validation.text(note, field: "done.note")
    } else {
      done.note = nil
    }
    let ruleSets = ruleSets
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      [try record.doneEntry(done, ruleSets: ruleSets, today: today)]
    }
  }
}
