import Foundation
import SvangreResources
import SvangreRules

/// Where pregnancy records are kept: the JSON files of `FileRecordStore`, or another
/// backend (a database) with the same guarantees.
///
/// A backend implements the primitives below; the operations a clinician performs
/// (`createRecord`, `appendVisitation`, `addNote`, `amend`, `recordBirth`, `close`, in
/// `RecordOperations.swift`) are written once on top of them, with the record's domain
/// rules (`RecordRules.swift`), so every backend checks the same things in the same order
/// and refuses with the same errors. Every call throws `StoreError`.
public protocol RecordStore: AnyObject {
  /// Damaged records found by the newest `list()` or `refresh()`.
  var problems: [RecordProblem] { get }
  /// The rule sets a visitation's input is checked against, on saving and on reading
  /// (`Validation.entry`): the bundled one, and a region's own given with `--rules`.
  var ruleSets: [RuleSet] { get }
  /// The initials the store itself knows the user by, when it does: on a clinic's server,
  /// those of the clinician's login role (`svangre.clinicians`), the only ones it saves
  /// under. Nil for the file store, where the initials are given (`--author`, the TUI's).
  var signedInInitials: String? { get }

  /// Every readable record, sorted by name, as stored now. Damaged ones are left out and
  /// reported in `problems`.
  func list() throws(StoreError) -> [RecordSummary]
  /// Records whose name contains `query` (ignoring case and accents), or, when the query
  /// has a digit, whose CPR number starts with it; over the newest listing.
  func search(_ query: String) throws(StoreError) -> [RecordSummary]
  /// The whole record; `.unknownRecord` or `.damaged` naming it.
  func load(_ id: String) throws(StoreError) -> PregnancyRecord
  /// Reads what other processes saved since the last listing.
  func refresh() throws(StoreError)
  /// An opaque value that changes whenever a save, here or elsewhere, may have changed
  /// the store; cheap enough for a screen to poll (no round trip to a server: a database
  /// backend changes it when a notification of a save arrives).
  func changeStamp() -> [Int64]
  /// The record's revision now, as other processes may have saved it; cheaper than
  /// `load`. With `changeStamp` it tells a screen that the record it shows has moved on.
  func revision(of id: String) throws(StoreError) -> Int

  /// Logs that the records `ids` were opened (docs/store.md, "Who opened a record"): one
  /// entry each, stamped with the store's clock, `initials` (already validated, or nil)
  /// and the user the backend knows (the operating system's, or the database role).
  /// Durable before it returns; holds no name or CPR number. Front ends call
  /// `openForReading`, which logs through this.
  func logAccess(_ ids: [String], by initials: String?, purpose: AccessPurpose) throws(StoreError)
  /// Every logged opening of the record `id`, oldest first.
  func accessLog(of id: String) throws(StoreError) -> [RecordAccess]
  /// Appends openings logged in another store, as they were (who, when, why): `store
  /// migrate` moves a clinic's log with its records. Durable before it returns.
  func copyAccessLog(_ entries: [RecordAccess]) throws(StoreError)

  /// What the clinic's worklist needs (docs/store.md, "The worklist"): every record that is
  /// not closed and has a programme under the rule set in use (`ruleSets.first`) — exactly
  /// `RecordProgramme(record:engine:)` of the record as stored now, with
  /// `AssessmentEngine(ruleSet: ruleSets.first)` — whose programme `meets(days)`, in list
  /// order (by name, as `list()`). Over the newest listing, as `search` (a store not yet
  /// listed lists itself); damaged records are left out. A backend may compute it by
  /// loading every record (the protocol's default does); the file backend reads its index.
  func programmes(meeting days: ClosedRange<CalendarDate>) throws(StoreError) -> [RecordProgramme]

  /// Saves a new record under the store's lock: `make` gets a fresh record id and the
  /// audit time (ISO 8601) and returns the record (revision 1).
  func insert(_ make: (_ id: String, _ now: String) throws(StoreError) -> PregnancyRecord)
    throws(StoreError) -> PregnancyRecord
  /// One save under the store's lock: reads the record afresh, asks `make` for the
  /// entries to add (given the record as it is now), appends them all with one audit time
  /// and `author` (validated initials) and makes it durable before returning. Nothing is
  /// saved when anything throws.
  ///
  /// `basedOn` says what the change was decided on (docs/store.md, "Appends and stale
  /// copies"): nil for an append (a visitation, note, birth or attendance entry that reads
  /// nothing it could have seen out of date), saved on top of the latest revision and
  /// never refused as stale; a revision for a change decided on that view of the record
  /// (the TUI's open record, a correction of a value the clinician saw), refused with
  /// `.staleCopy` when the record has moved on since.
  func append(
    _ id: String, basedOn: Int?, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> [HistoryEntry.Content]
  ) throws(StoreError) -> PregnancyRecord

  /// Reads every record back in full and reports what is damaged. Never changes a record.
  func check() throws(StoreError) -> CheckReport
  /// Moves a damaged record aside (never deletes it); refuses a whole one.
  func quarantine(_ id: String) throws(StoreError) -> String
  /// One export document with the given records (all when nil), each exactly as stored.
  func export(ids: [String]?) throws(StoreError) -> Data
  /// Imports an export document or one record file: all verified first, nothing
  /// overwritten.
  func importRecords(_ data: Data) throws(StoreError) -> ImportReport
}

extension RecordStore {
  public var signedInInitials: String? { nil }

  /// `programmes(meeting:)` by loading every listed record: correct for any backend, and
  /// what a backend without a faster way gives.
  public func programmes(meeting days: ClosedRange<CalendarDate>) throws(StoreError) -> [RecordProgramme] {
    try RecordProgramme.loadingEvery(from: self, meeting: days)
  }
}

extension RecordProgramme {
  /// `RecordStore.programmes(meeting:)` as its contract says it, by listing the store and
  /// loading every record that is not closed: what the protocol's default gives, and the
  /// benchmark's baseline for the file backend's index.
  public static func loadingEvery(from store: any RecordStore, meeting days: ClosedRange<CalendarDate>)
    throws(StoreError) -> [RecordProgramme]
  {
    let engine = AssessmentEngine(ruleSet: store.ruleSets.first ?? .bundled)
    var result: [RecordProgramme] = []
    for summary in try store.list() where summary.status != .closed && summary.visitationCount > 0 {
      let record: PregnancyRecord
      do {
        record = try store.load(summary.id)
      } catch .unknownRecord, .damaged {
        continue  // gone or damaged since the listing: the next listing names it
      }
      if let facts = RecordProgramme(record: record, engine: engine), facts.meets(days) { result.append(facts) }
    }
    return result
  }
}

/// What a list shows of one record, read from the summary index without opening it.
public struct RecordSummary: Sendable, Equatable, Identifiable {
  public var id: String
  /// The current name (after corrections).
  public var name: String
  /// `DDMMYY-XXXX`: a list never shows the whole CPR number.
  public var maskedCPR: String
  public var revision: Int
  /// The final level of the newest visitation, nil before the first.
  public var lastLevel: Int?
  /// `YYYY-MM-DD`, when known.
  public var dueDate: String?
  public var status: RecordStatus
  public var visitationCount: Int
  /// When and by whom the record last changed.
  public var updatedAt: String
  public var updatedBy: String

  public init(
    id: String, name: String, maskedCPR: String, revision: Int, lastLevel: Int?, dueDate: String?,
    status: RecordStatus, visitationCount: Int, updatedAt: String, updatedBy: String
  ) {
    self.id = id
    self.name = name
    self.maskedCPR = maskedCPR
    self.revision = revision
    self.lastLevel = lastLevel
    self.dueDate = dueDate
    self.status = status
    self.visitationCount = visitationCount
    self.updatedAt = updatedAt
    self.updatedBy = updatedBy
  }
}

/// A record file that cannot be used, as found by opening, listing or checking the store.
public struct RecordProblem: Sendable, Equatable {
  /// The record id (the file name without `.json`).
  public var id: String
  public var damage: RecordDamage
  public var error: StoreError { .damaged(id: id, damage: damage) }

  public init(id: String, damage: RecordDamage) {
    self.id = id
    self.damage = damage
  }
}
