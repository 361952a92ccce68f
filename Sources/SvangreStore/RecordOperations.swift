import Foundation
import SvangreRules

// What a clinician does to a record, written once for every backend: the arguments are
// checked first (nothing locked yet), then the record's domain rules (`RecordRules.swift`)
// run inside the backend's one save (`append`).
extension RecordStore {
  /// Creates a record and returns it (revision 1, empty history).
  ///
  /// - Throws: `.invalidInput` for a missing or invalid name, CPR number, author,
  ///   parity or due date.
  public func createRecord(
    name: String, cpr: String, author: String, parity: String? = nil, dueDate: String? = nil
  ) throws(StoreError) -> PregnancyRecord {
    let name = try Validation.name(name)
    let cpr = try Validation.cpr(cpr)
    let author = try Validation.author(author)
    let parity = try parity.map { (value) throws(StoreError) in try Validation.parity(value) }
    let dueDate = try dueDate.map { (value) throws(StoreError) in try Validation.date(value, field: "due_date") }
    return try insert { (id, now) throws(StoreError) in
      let record = PregnancyRecord(
        format: PregnancyRecord.format, schemaVersion: PregnancyRecord.firstSchemaVersion, id: id,
        revision: 1, createdAt: now, createdBy: author,
        woman: .init(name: name, cpr: cpr), pregnancy: .init(parity: parity, dueDate: dueDate),
        history: [])
      // The check every read makes, so nothing is saved that could not be read back.
      try Validation.record(record, expectedID: id, ruleSets: ruleSets)
      return record
    }
  }

  /// Appends a visitation. `basedOn` is the revision it was decided on (the TUI's open
  /// record), or nil for an append on top of the latest (the CLI's `record assess`, whose
  /// input is whole in itself): with a revision, if the record has changed since, nothing
  /// is saved and `.staleCopy` says who changed it and when.
  /// It is checked as a read checks every entry (`Validation.entry`): levels 1–4, an input
  /// the rules' parser takes under one of `ruleSets`, real dates, the override reason
  /// within the free-text limit.
  public func appendVisitation(
    _ id: String, basedOn: Int?, visitation: Visitation, author: String
  ) throws(StoreError) -> PregnancyRecord {
    try Validation.entry(.visitation(visitation), ruleSets: ruleSets)
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      [try record.visitationEntry(visitation)]
    }
  }

  /// Appends a note.
  public func addNote(_ id: String, basedOn: Int?, text: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let text = try Validation.text(text, field: "text")
    return try save(id, basedOn: basedOn, author: author) { _ in [.note(Note(text: text))] }
  }

  /// Corrects a field by appending an amendment that keeps the old value: `name`, `cpr`,
  /// `due_date`, `parity`, a field of the recorded birth (`birth.date`, `birth.place`,
  /// `birth.discharge_hours`, `birth.traumatic`, `birth.child_loss`), or, with `target`
  /// (an entry's `seq`), a note's text or a visitation's final level. `value` is the new
  /// value as typed (`true`/`false` for the birth's flags). `basedOn` is the revision
  /// in which the clinician saw the value she corrects (refused as `.staleCopy` when the
  /// record has moved on); nil corrects the value as it is when the save is made, which
  /// the amendment keeps as `old`.
  ///
  /// A birth correction needs a recorded birth (`birth.missing`), and a hospital birth
  /// keeps its discharge hours (`birth.discharge_hours.missing`). Whether a corrected
  /// birth date lies in the future is for the caller to check, as for `recordBirth`: the
  /// store does not know the clinician's "today".
  public func amend(
    _ id: String, basedOn: Int?, field: AmendableField, target: Int? = nil, value: String,
    reason: String, author: String
  ) throws(StoreError) -> PregnancyRecord {
    try amend(
      id, basedOn: basedOn, corrections: [Correction(field: field, target: target, value: value)],
      reason: reason, author: author)
  }

  /// Corrects several fields in one save: one amendment entry (one revision) holding every
  /// correction, in the order given (`Amendment.parts`), all with `reason`, under one lock
  /// and one revision check. Each is checked as
  /// `amend` checks one, against the record as the corrections before it leave it; when
  /// any is refused, none is saved. An empty list is refused as unchanged.
  public func amend(
    _ id: String, basedOn: Int?, corrections: [Correction], reason: String, author: String
  ) throws(StoreError) -> PregnancyRecord {
    let reason = try Validation.text(reason, field: "reason")
    guard !corrections.isEmpty else { throw .invalidInput(field: "value", reason: "unchanged") }
    var values: [(field: AmendableField, target: Int?, new: JSONValue)] = []
    for correction in corrections {
      values.append((correction.field, correction.target, try correction.field.value(parsing: correction.value)))
    }
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      try record.amendments(values, reason: reason)
    }
  }

  /// Records the birth (once; correct it with `amend` and a `birth.*` field).
  public func recordBirth(_ id: String, basedOn: Int?, birth: BirthEvent, author: String)
    throws(StoreError) -> PregnancyRecord
  {
    try birth.validate()
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      [try record.birthEntry(birth)]
    }
  }

  /// Closes the record. It stays in the store; notes and corrections remain possible.
  public func close(_ id: String, basedOn: Int?, reason: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let reason = try Validation.text(reason, field: "reason")
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      [try record.closureEntry(reason: reason)]
    }
  }

  /// Reopens a closed record by correcting its closure (`closed` → false, with the
  /// reason): the close entry stays, and the record takes visitations and a birth again.
  public func reopen(_ id: String, basedOn: Int?, reason: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let reason = try Validation.text(reason, field: "reason")
    return try save(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      [try record.reopening(reason: reason)]
    }
  }

  /// Every record, exactly as stored (see `export(ids:)`).
  public func export() throws(StoreError) -> Data { try export(ids: nil) }

  /// `append` with the author's initials checked first, as every operation does, and
  /// every entry it adds held to the check a read makes of it (`Validation.entry`): what is
  /// saved always reads back (the rest of the record was checked when it was read).
  func save(
    _ id: String, basedOn: Int?, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> [HistoryEntry.Content]
  ) throws(StoreError) -> PregnancyRecord {
    let author = try Validation.author(author)
    let ruleSets = ruleSets
    return try append(id, basedOn: basedOn, author: author) { (record) throws(StoreError) in
      let contents = try make(record)
      for content in contents { try Validation.entry(content, ruleSets: ruleSets) }
      return contents
    }
  }
}
