import Foundation
import Glibc
import SvangreRules

extension RecordStore {
  // MARK: Writing

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
    return try withLock { () throws(StoreError) in
      var id = RecordID.random()
      while fileExists(id) { id = RecordID.random() }
      let record = PregnancyRecord(
        format: PregnancyRecord.format, schemaVersion: PregnancyRecord.schemaVersion, id: id,
        revision: 1, createdAt: Timestamp.iso(clock.now()), createdBy: author,
        woman: .init(name: name, cpr: cpr), pregnancy: .init(parity: parity, dueDate: dueDate),
        history: [])
      try save(record)
      return record
    }
  }

  /// Appends a visitation. `expectedRevision` is the revision the caller read: if the
  /// record has changed since, nothing is saved and `.staleCopy` says who changed it and when.
  public func appendVisitation(
    _ id: String, expectedRevision: Int, visitation: Visitation, author: String
  ) throws(StoreError) -> PregnancyRecord {
    _ = try Validation.level(visitation.level)
    _ = try Validation.level(visitation.suggestedLevel, field: "suggested_level")
    // Kept as given (it is also inside the verbatim input), but held to the same limit as
    // every other free text.
    if let reason = visitation.overrideReason { _ = try Validation.text(reason, field: "override_reason") }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      return .visitation(visitation)
    }
  }

  /// Appends a note.
  public func addNote(_ id: String, expectedRevision: Int, text: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let text = try Validation.text(text, field: "text")
    return try append(id, expectedRevision: expectedRevision, author: author) { _ in .note(Note(text: text)) }
  }

  /// Corrects a field by appending an amendment that keeps the old value: `name`, `cpr`,
  /// `due_date`, `parity`, a field of the recorded birth (`birth.date`, `birth.place`,
  /// `birth.discharge_hours`, `birth.traumatic`, `birth.child_loss`), or, with `target`
  /// (an entry's `seq`), a note's text or a visitation's final level. `value` is the new
  /// value as typed (`true`/`false` for the birth's flags).
  ///
  /// A birth correction needs a recorded birth (`birth.missing`), and a hospital birth
  /// keeps its discharge hours (`birth.discharge_hours.missing`). Whether a corrected
  /// birth date lies in the future is for the caller to check, as for `recordBirth`: the
  /// store does not know the clinician's "today".
  public func amend(
    _ id: String, expectedRevision: Int, field: AmendableField, target: Int? = nil, value: String,
    reason: String, author: String
  ) throws(StoreError) -> PregnancyRecord {
    let reason = try Validation.text(reason, field: "reason")
    let new: JSONValue
    switch field {
    case .name: new = .string(try Validation.name(value))
    case .cpr: new = .string(try Validation.cpr(value))
    case .dueDate: new = .string(try Validation.date(value, field: "due_date"))
    case .parity: new = .string(try Validation.parity(value))
    case .note: new = .string(try Validation.text(value, field: "text"))
    case .level:
      guard let level = Int(value.trimmingCharacters(in: .whitespaces)) else {
        throw .invalidInput(field: "level", reason: "format")
      }
      new = .number(Double(try Validation.level(level)))
    case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
      new = try Validation.birthValue(value, field: field)
    }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      let old: JSONValue
      switch field {
      case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
        guard let birth = record.birth?.birth else { throw .invalidInput(field: "birth", reason: "missing") }
        old = Self.value(of: field, in: birth)
        if field == .birthPlace, new == .string("hospital"), birth.dischargeHours == nil {
          throw .invalidInput(field: "birth.discharge_hours", reason: "missing")
        }
      case .name: old = .string(record.name)
      case .cpr: old = .string(record.cpr)
      case .dueDate: old = record.dueDate.map(JSONValue.string) ?? .null
      case .parity: old = record.parity.map(JSONValue.string) ?? .null
      case .note:
        guard let note = record.notes.first(where: { $0.seq == target }) else {
          throw .invalidInput(field: "target", reason: "not_note")
        }
        old = .string(note.text)
      case .level:
        guard let visit = record.visitations.first(where: { $0.seq == target }) else {
          throw .invalidInput(field: "target", reason: "not_visitation")
        }
        old = .number(Double(visit.level))
      }
      guard old != new else { throw .invalidInput(field: "value", reason: "unchanged") }
      return .amendment(
        Amendment(field: field, target: field.needsTarget ? target : nil, old: old, new: new, reason: reason))
    }
  }

  /// A birth field's value as an amendment stores it.
  static func value(of field: AmendableField, in birth: BirthEvent) -> JSONValue {
    switch field {
    case .birthDate: .string(birth.date)
    case .birthPlace: .string(birth.place)
    case .birthDischargeHours: birth.dischargeHours.map(JSONValue.number) ?? .null
    case .birthTraumatic: .bool(birth.traumatic)
    case .birthChildLoss: .bool(birth.childLoss)
    default: .null
    }
  }

  /// Records the birth (once; correct it with `amend` and a `birth.*` field).
  public func recordBirth(_ id: String, expectedRevision: Int, birth: BirthEvent, author: String)
    throws(StoreError) -> PregnancyRecord
  {
    var birth = birth
    birth.date = try Validation.date(birth.date, field: "date")
    guard birth.place == "home" || birth.place == "hospital" else {
      throw .invalidInput(field: "place", reason: "format")
    }
    if let hours = birth.dischargeHours, !(0...1344).contains(hours) {
      throw .invalidInput(field: "discharge_hours", reason: "format")
    }
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      guard record.birth == nil else { throw .invalidInput(field: "birth", reason: "exists") }
      return .birth(birth)
    }
  }

  /// Closes the record. It stays in the store; notes and corrections remain possible.
  public func close(_ id: String, expectedRevision: Int, reason: String, author: String) throws(StoreError)
    -> PregnancyRecord
  {
    let reason = try Validation.text(reason, field: "reason")
    return try append(id, expectedRevision: expectedRevision, author: author) { (record) throws(StoreError) in
      guard record.status != .closed else { throw .closed(id: id) }
      return .closure(Closure(reason: reason))
    }
  }

  private func append(
    _ id: String, expectedRevision: Int, author: String,
    _ make: (PregnancyRecord) throws(StoreError) -> HistoryEntry.Content
  ) throws(StoreError) -> PregnancyRecord {
    let author = try Validation.author(author)
    return try withLock { () throws(StoreError) in
      var record = try read(id).record
      guard record.revision == expectedRevision else {
        let change = record.lastChange
        throw .staleCopy(id: id, changedBy: change.author, at: change.at)
      }
      let content = try make(record)
      record.history.append(
        HistoryEntry(seq: record.history.count + 1, at: Timestamp.iso(clock.now()), author: author, content: content))
      record.revision += 1
      try save(record)
      return record
    }
  }
}
