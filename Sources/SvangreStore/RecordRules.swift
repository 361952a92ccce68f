import Foundation
import SvangreRules

/// One field to correct, as typed: `RecordStore.amend` appends one amendment per
/// correction, all in one save.
public struct Correction: Sendable, Equatable {
  public var field: AmendableField
  /// The entry corrected (its `seq`), for `note` and `level`; nil otherwise.
  public var target: Int?
  /// The new value as typed (`true`/`false` for the birth's flags).
  public var value: String

  public init(field: AmendableField, target: Int? = nil, value: String) {
    self.field = field
    self.target = target
    self.value = value
  }
}

// The record's domain rules: what may be added to a record, and what an addition becomes.
// Pure functions on `PregnancyRecord` (no disk, no clock), so every backend applies the
// same rules under its own lock, and a test needs no store.
extension PregnancyRecord {
  /// A visitation entry; refused on a closed record.
  public func visitationEntry(_ visitation: Visitation) throws(StoreError) -> HistoryEntry.Content {
    guard status != .closed else { throw .closed(id: id) }
    return .visitation(visitation)
  }

  /// The birth entry; refused on a closed record and when a birth is recorded already
  /// (correct it with `birth.*` amendments).
  public func birthEntry(_ birth: BirthEvent) throws(StoreError) -> HistoryEntry.Content {
    guard status != .closed else { throw .closed(id: id) }
    guard self.birth == nil else { throw .invalidInput(field: "birth", reason: "exists") }
    return .birth(birth)
  }

  /// The closing entry; refused when the record is closed already.
  public func closureEntry(reason: String) throws(StoreError) -> HistoryEntry.Content {
    guard status != .closed else { throw .closed(id: id) }
    return .closure(Closure(reason: reason))
  }

  /// The amendment entry for `corrections` (values as `AmendableField.value(parsing:)` gives
  /// them), each checked against the record as the ones before it leave it: all or none.
  /// Several corrections are one entry, the first field's, with the others in `also`.
  public func amendments(_ corrections: [(field: AmendableField, target: Int?, new: JSONValue)], reason: String)
    throws(StoreError) -> [HistoryEntry.Content]
  {
    var working = self
    var parts: [Amendment] = []
    for correction in corrections {
      let part = try working.amendment(correction.field, target: correction.target, new: correction.new, reason: reason)
      working.history.append(
        HistoryEntry(seq: working.history.count + 1, at: "", author: "", content: .amendment(part)))
      parts.append(part)
    }
    guard var entry = parts.first else { return [] }
    if parts.count > 1 { entry.also = parts.dropFirst().map(AmendedValue.init) }
    return [.amendment(entry)]
  }

  /// A correction of `field` to `new`, keeping the current value as `old`. A birth
  /// correction needs a recorded birth (`birth.missing`), and a hospital birth keeps its
  /// discharge hours (`birth.discharge_hours.missing`); a value equal to the current one
  /// is refused (`value.unchanged`).
  public func amendment(_ field: AmendableField, target: Int?, new: JSONValue, reason: String)
    throws(StoreError) -> Amendment
  {
    let old: JSONValue
    switch field {
    case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
      guard let birth = birth?.birth else { throw .invalidInput(field: "birth", reason: "missing") }
      old = birth.value(of: field)
      if field == .birthPlace, new == .string(BirthPlace.hospital.rawValue), birth.dischargeHours == nil {
        throw .invalidInput(field: "birth.discharge_hours", reason: "missing")
      }
    case .name: old = .string(name)
    case .cpr: old = .string(cpr)
    case .dueDate: old = dueDate.map(JSONValue.string) ?? .null
    case .parity: old = parity.map(JSONValue.string) ?? .null
    case .note:
      guard let note = notes.first(where: { $0.seq == target }) else {
        throw .invalidInput(field: "target", reason: "not_note")
      }
      old = .string(note.text)
    case .level:
      guard let visit = visitations.first(where: { $0.seq == target }) else {
        throw .invalidInput(field: "target", reason: "not_visitation")
      }
      old = .number(Double(visit.level))
    case .closed:
      guard let target, history.indices.contains(target - 1), history[target - 1].content.kind == "close" else {
        throw .invalidInput(field: "target", reason: "not_closure")
      }
      old = .bool(isStanding(closure: target))
    case .doneDate, .doneCancelled:
      guard let done = doneItems.first(where: { $0.seq == target }) else {
        throw .invalidInput(field: "target", reason: "not_done")
      }
      old = field == .doneDate ? .string(done.date) : .bool(done.cancelled)
      // Undoing a cancellation must not leave one item done twice.
      if field == .doneCancelled, new == .bool(false),
        doneItems.contains(where: { $0.item == done.item && !$0.cancelled && $0.seq != done.seq })
      {
        throw .invalidInput(field: "done.item", reason: "exists")
      }
    }
    guard old != new else { throw .invalidInput(field: "value", reason: "unchanged") }
    return Amendment(field: field, target: field.needsTarget ? target : nil, old: old, new: new, reason: reason)
  }

  /// The correction that reopens a closed record: its standing close entry corrected to
  /// `closed: false`, with the reason. Refused when the record is not closed.
  public func reopening(reason: String) throws(StoreError) -> HistoryEntry.Content {
    guard let closure else { throw .invalidInput(field: "record", reason: "not_closed") }
    return .amendment(try amendment(.closed, target: closure.entry.seq, new: .bool(false), reason: reason))
  }

  /// Refuses a change decided on an older revision than the record's, naming who changed
  /// it since and when. An append (`basedOn` nil) was decided on no view of the record
  /// and is never refused here: it is saved on top of the latest revision.
  public func checkRevision(_ basedOn: Int?) throws(StoreError) {
    guard let basedOn else { return }
    guard revision == basedOn else {
      let change = lastChange
      throw .staleCopy(id: id, changedBy: change.author, at: change.at)
    }
  }

  /// The record with `contents` appended as the next entries, all stamped `at` by
  /// `author`, one revision each (the revision stays the number of entries + 1).
  /// The schema version grows to the one its entries need (`neededSchemaVersion`).
  public func appending(_ contents: [HistoryEntry.Content], at: String, author: String) -> PregnancyRecord {
    var record = self
    for content in contents {
      record.history.append(HistoryEntry(seq: record.history.count + 1, at: at, author: author, content: content))
      record.revision += 1
    }
    record.schemaVersion = max(record.schemaVersion, record.neededSchemaVersion)
    return record
  }
}

extension AmendableField {
  /// The new value of this field as an amendment stores it, from the value as typed.
  public func value(parsing value: String) throws(StoreError) -> JSONValue {
    switch self {
    case .name: return .string(try Validation.name(value))
    case .cpr: return .string(try Validation.cpr(value))
    case .dueDate: return .string(try Validation.date(value, field: "due_date"))
    case .parity: return .string(try Validation.parity(value))
    case .note: return .string(try Validation.text(value, field: "text"))
    case .level:
      guard let level = Int(value.trimmingCharacters(in: .whitespaces)) else {
        throw .invalidInput(field: "level", reason: "format")
      }
      return .number(Double(try Validation.level(level)))
    case .birthDate, .birthPlace, .birthDischargeHours, .birthTraumatic, .birthChildLoss:
      return try Validation.birthValue(value, field: self)
    case .closed: return try Validation.flag(value, field: rawValue)
    case .doneDate: return .string(try Validation.date(value, field: rawValue))
    case .doneCancelled: return try Validation.flag(value, field: rawValue)
    }
  }
}

extension BirthEvent {
  /// A birth field's value as an amendment stores it.
  public func value(of field: AmendableField) -> JSONValue {
    switch field {
    case .birthDate: .string(date.iso)
    case .birthPlace: .string(place.rawValue)
    case .birthDischargeHours: dischargeHours.map(JSONValue.number) ?? .null
    case .birthTraumatic: .bool(traumatic)
    case .birthChildLoss: .bool(childLoss)
    default: .null
    }
  }

  /// The birth as typed (`record birth`): the date as `YYYY-MM-DD` (spaces around it
  /// ignored), the place `home` or `hospital`; then checked as `recordBirth` does.
  public init(
    parsingDate date: String, place: String, dischargeHours: Double?, traumatic: Bool, childLoss: Bool
  ) throws(StoreError) {
    let day = try Validation.calendarDate(date, field: "date")
    guard let place = BirthPlace(rawValue: place) else { throw .invalidInput(field: "place", reason: "format") }
    self.init(date: day, place: place, dischargeHours: dischargeHours, traumatic: traumatic, childLoss: childLoss)
    try validate()
  }

  /// What `recordBirth` stores: a date in the accepted years, discharge hours in
  /// `Birth.dischargeHoursRange` (the place is one the rules know by its type).
  func validate() throws(StoreError) {
    guard InputLimits.isPlausible(date) else { throw .invalidInput(field: "date", reason: "range") }
    if let hours = dischargeHours, !Birth.dischargeHoursRange.contains(hours) {
      throw .invalidInput(field: "discharge_hours", reason: "format")
    }
  }
}
