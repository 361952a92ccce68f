import SvangreRules
import SvangreStore

/// One row of the record list, as the store's index has it (no file opened).
public struct RecordRow: Hashable, Sendable {
  public var id: String
  public var name: String
  public var maskedCPR: String
  /// Changes with every save: the list re-assesses a row only when it changed.
  public var revision: Int

  public init(id: String, name: String, maskedCPR: String, revision: Int) {
    self.id = id
    self.name = name
    self.maskedCPR = maskedCPR
    self.revision = revision
  }
}

/// A saved visitation as the history screen shows it.
public struct VisitationSummary: Hashable, Sendable {
  /// Its place in the record's history (the entry number `#N`), which is time order.
  public var seq: Int
  /// When it was saved (the audit time, from the store's clock), ISO 8601.
  public var at: String
  public var author: String
  public var input: AssessmentInput
  public var suggestedLevel: Int
  /// The level after corrections.
  public var level: Int
  /// The level as saved with the visitation, before any correction.
  public var recordedLevel: Int
  public var overrideReason: String?

  public init(
    seq: Int, at: String, author: String, input: AssessmentInput, suggestedLevel: Int, level: Int,
    recordedLevel: Int? = nil, overrideReason: String?
  ) {
    self.seq = seq
    self.at = at
    self.author = author
    self.input = input
    self.suggestedLevel = suggestedLevel
    self.level = level
    self.recordedLevel = recordedLevel ?? level
    self.overrideReason = overrideReason
  }

  /// The clinical date, YYYY-MM-DD: the day the visitation is about (its reference
  /// date, `--today` when it was made). Not when it was saved: that is `at`.
  public var day: String { input.referenceDate.iso }
}

/// A correction as the history screen shows it: what, from what, to what, who, when, why.
public struct CorrectionSummary: Hashable, Sendable {
  /// Its place in the record's history, which is time order.
  public var seq: Int
  /// When it was saved, ISO 8601.
  public var at: String
  public var author: String
  /// The corrected field as the store names it (`level`, `due_date`, `birth.place`, …).
  public var field: String
  /// The history entry corrected (`#N`), for a level or a note.
  public var target: Int?
  /// The values as a person reads them, in the user's language.
  public var old: String
  public var new: String
  public var reason: String

  public init(
    seq: Int, at: String, author: String, field: String, target: Int?, old: String, new: String, reason: String
  ) {
    self.seq = seq
    self.at = at
    self.author = author
    self.field = field
    self.target = target
    self.old = old
    self.new = new
    self.reason = reason
  }
}

/// An entry of the record's history other than a visitation or a correction, as the
/// history screen shows it beside them, in time order (`seq`).
public struct RecordEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// A journal note: its text after corrections (the corrections show on their own).
    case note(String)
    /// The birth as first recorded (its corrections show on their own); the birth date is
    /// the entry's clinical date.
    case birth(Birth)
    /// A closure and its reason.
    case closure(String)
    /// An item of her programme done (a schedule item ID), as first recorded: its day is
    /// the entry's clinical date; a corrected day or a cancellation shows on its own.
    case done(item: String, date: CalendarDate, note: String?)
  }

  public var seq: Int
  /// When it was saved (the audit time), ISO 8601.
  public var at: String
  public var author: String
  public var kind: Kind

  public init(seq: Int, at: String, author: String, kind: Kind) {
    self.seq = seq
    self.at = at
    self.author = author
    self.kind = kind
  }

  /// The clinical date the entry is about, where it has one (the birth's day).
  public var day: String? {
    switch kind {
    case .birth(let birth): birth.date.iso
    case .done(_, let date, _): date.iso
    default: nil
    }
  }
}

/// An opened record: the woman, her visitations (oldest first) and her state now.
public struct RecordDetail: Hashable, Sendable {
  public var id: String
  public var name: String
  public var maskedCPR: String
  public var visitations: [VisitationSummary]
  public var birth: Birth?
  /// The record's state after every correction (dating, parity, findings, level, birth),
  /// as the store's `PregnancyRecord.currentInput` gives it; nil before the first
  /// visitation. Every screen assesses this, never a visitation's input as it was saved.
  public var current: AssessmentInput?
  /// Corrections, oldest first.
  public var corrections: [CorrectionSummary]
  /// Notes, the birth entry, closures and items done, oldest first.
  public var events: [RecordEvent]
  /// The standing closure (who, when, why) while the record is closed; nil when open.
  public var closure: RecordEvent?
  /// The items recorded done and not cancelled (`PregnancyRecord.recordedAttendance`).
  public var recordedAttendance: [AttendedItem]
  /// The store's revision when read; a save names it so that a colleague's save in
  /// between is refused instead of overwritten.
  public var revision: Int

  public init(
    id: String, name: String, maskedCPR: String, visitations: [VisitationSummary], birth: Birth?,
    current: AssessmentInput?, corrections: [CorrectionSummary] = [], events: [RecordEvent] = [],
    closure: RecordEvent? = nil, recordedAttendance: [AttendedItem] = [], revision: Int
  ) {
    self.id = id
    self.name = name
    self.maskedCPR = maskedCPR
    self.visitations = visitations
    self.birth = birth
    self.current = current
    self.corrections = corrections
    self.events = events
    self.closure = closure
    self.recordedAttendance = recordedAttendance
    self.revision = revision
  }

  /// What the record knows of her attendance, for `Clinic.followUp`: her visitations'
  /// clinical dates and the items recorded done (the engine combines them).
  public var known: KnownAttendance {
    KnownAttendance(consultations: visitations.map(\.input.referenceDate), recorded: recordedAttendance)
  }

  /// The record's current state, ready to assess on `date`.
  public func input(on date: CalendarDate) -> AssessmentInput? {
    guard var input = current else { return nil }
    input.referenceDate = date
    return input
  }
}

/// A refusal or failure from the record store, already worded for the user.
public struct RepositoryError: Error, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// What the TUI needs from the record store. The real implementation is a thin adapter
/// over `SvangreStore` (see `StoreRepository`); all storing, locking, CPR validation and
/// masking happen there, never in the TUI.
public protocol RecordRepository: AnyObject {
  /// Records whose name or CPR number matches `query` (all records for an empty query).
  func search(_ query: String) throws(RepositoryError) -> [RecordRow]
  /// The record read again, for a screen that shows it already (after a save, a
  /// colleague's save) or for the list's facts: not an opening, not logged.
  func record(id: String) throws(RepositoryError) -> RecordDetail
  /// The record opened for the clinician to see: the store logs who (`initials`, nil when
  /// none are known yet, and the login) and when, before it is returned (docs/store.md,
  /// "Who opened a record"). Every way a screen opens a record goes through this.
  func open(id: String, by initials: String?) throws(RepositoryError) -> RecordDetail
  /// The record's revision now, cheaply, or nil when it cannot be read: an open record
  /// whose revision has moved on is read again (`AppModel.tick`).
  func revision(id: String) -> Int?
  /// Creates a record and returns its id; refuses an invalid CPR number.
  func create(name: String, cpr: String, author: String) throws(RepositoryError) -> String
  func appendVisitation(
    recordID: String, input: AssessmentInput, author: String, expectedRevision: Int
  ) throws(RepositoryError)
  func recordBirth(recordID: String, birth: Birth, author: String, expectedRevision: Int)
    throws(RepositoryError)
  /// Corrects the recorded birth to `birth`: each changed field becomes a correction with
  /// `reason`, and the birth as first recorded stays readable. Refuses when nothing changed.
  func amendBirth(recordID: String, birth: Birth, reason: String, author: String, expectedRevision: Int)
    throws(RepositoryError)
  /// Adds a note: an append, saved on top of whatever a colleague saved meanwhile (it
  /// reads nothing of the record that could be out of date).
  func addNote(recordID: String, text: String, author: String) throws(RepositoryError)
  /// Corrects her name and CPR number (nil: unchanged) in one save, each a correction with
  /// `reason` beside the original. Refuses when neither changes, or a new CPR number is invalid.
  func correctWoman(
    recordID: String, name: String?, cpr: String?, reason: String, author: String, expectedRevision: Int
  ) throws(RepositoryError)
  func close(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError)
  /// Opens a closed record again: a correction of its closure, which stays readable.
  func reopen(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError)
  /// Records that `item` of her programme took place on `date` (as typed), on the
  /// clinical date `today`; the store refuses a day after today, an item not hers, …
  /// An append, saved on the latest revision (docs/store.md, "Appends and stale copies").
  func recordDone(recordID: String, item: String, date: String, today: CalendarDate, author: String)
    throws(RepositoryError)
  /// The clinic's worklist for `range` as known on `today`: every open record's items the
  /// rules list for those days (`Worklist`), through `filter`.
  func worklist(today: CalendarDate, range: ClosedRange<CalendarDate>, filter: WorklistFilter)
    throws(RepositoryError) -> Worklist
  /// A value that changes whenever the records may have changed, also by another program
  /// (the CLI, another terminal); nil when the repository cannot tell. Cheap: the list
  /// polls it while it waits for a key.
  func changeStamp() -> AnyHashable?
}

extension RecordRepository {
  public func changeStamp() -> AnyHashable? { nil }
}
