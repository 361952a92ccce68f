import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// The record store as the TUI sees it: a thin adapter over `RecordStore`. Validation,
/// CPR masking, search, locking and durability all stay in the store; the adapter only
/// converts between the store's records and the screens' values, and words store errors
/// with the store's own catalogue keys.
public final class StoreRepository: RecordRepository {
  let store: any RecordStore
  let engine: AssessmentEngine
  let strings: StringCatalog
  private var searchedStamp: [Int64]?

  public init(store: any RecordStore, engine: AssessmentEngine, strings: StringCatalog) {
    self.store = store
    self.engine = engine
    self.strings = strings
  }

  func failure(_ error: StoreError) -> RepositoryError {
    RepositoryError(strings(error.messageKey, error.messageArguments))
  }

  public func changeStamp() -> AnyHashable? { store.changeStamp() }

  public func search(_ query: String) throws(RepositoryError) -> [RecordRow] {
    do throws(StoreError) {
      // An empty query re-reads the directory, so records saved in another terminal show;
      // a search re-reads it when the store changed since the last read.
      let stamp = store.changeStamp()
      if !query.isEmpty, stamp != searchedStamp { try store.refresh() }
      searchedStamp = stamp
      let summaries = query.isEmpty ? try store.list() : try store.search(query)
      return summaries.map { RecordRow(id: $0.id, name: $0.name, maskedCPR: $0.maskedCPR, revision: $0.revision) }
    } catch {
      throw failure(error)
    }
  }

  public func worklist(today: CalendarDate, range: ClosedRange<CalendarDate>, filter: WorklistFilter)
    throws(RepositoryError) -> Worklist
  {
    do throws(StoreError) {
      // Read the directory again only when another save may have changed it.
      if store.changeStamp() != searchedStamp {
        try store.refresh()
        searchedStamp = store.changeStamp()
      }
      return try store.worklist(engine: engine, today: today, range: range, filter: filter)
    } catch {
      throw failure(error)
    }
  }

  public func record(id: String) throws(RepositoryError) -> RecordDetail {
    do throws(StoreError) { return detail(try store.load(id)) } catch { throw failure(error) }
  }

  public func open(id: String, by initials: String?) throws(RepositoryError) -> RecordDetail {
    do throws(StoreError) {
      return detail(try store.openForReading(id, by: initials, purpose: .open))
    } catch {
      throw failure(error)
    }
  }

  public func revision(id: String) -> Int? { try? store.revision(of: id) }

  func detail(_ record: PregnancyRecord) -> RecordDetail {
    // A stored visitation keeps its contract input; parse it back with the rules.
    let visitations = record.visitations.compactMap { view -> VisitationSummary? in
      guard let input = try? AssessmentInput(json: view.visitation.input, ruleSet: engine.ruleSet) else { return nil }
      return VisitationSummary(
        seq: view.seq, at: view.at, author: view.author, input: input, suggestedLevel: view.visitation.suggestedLevel,
        level: view.level, recordedLevel: view.visitation.level, overrideReason: view.visitation.overrideReason)
    }
    let corrections = record.amendments.map { view in
      let amendment = view.amendment
      let field = amendment.field.rawValue
      return CorrectionSummary(
        seq: view.seq, at: view.at, author: view.author, field: field, target: amendment.target,
        old: shown(amendment.old, field: amendment.field), new: shown(amendment.new, field: amendment.field),
        reason: amendment.reason)
    }
    let events = record.history.compactMap(Self.event)
    return RecordDetail(
      id: record.id, name: record.name, maskedCPR: record.maskedCPR, visitations: visitations,
      birth: record.currentBirth, current: record.currentInput(ruleSet: engine.ruleSet), corrections: corrections,
      events: events, closure: record.closure.flatMap { Self.event($0.entry) },
      recordedAttendance: record.recordedAttendance, revision: record.revision)
  }

  /// A note, the birth, a closure or an item done as the history shows it (a note after
  /// corrections).
  private static func event(_ entry: HistoryEntry) -> RecordEvent? {
    let kind: RecordEvent.Kind
    switch entry.content {
    case .note(let note): kind = .note(note.text)
    case .birth(let birth): kind = .birth(birth.rules)
    case .closure(let closure): kind = .closure(closure.reason)
    case .done(let done):
      guard let date = CalendarDate(iso: done.date) else { return nil }
      kind = .done(item: done.item, date: date, note: done.note)
    case .visitation, .amendment: return nil
    }
    return RecordEvent(seq: entry.seq, at: entry.at, author: entry.author, kind: kind)
  }

  /// A correction's value as the screen shows it: a CPR number masked, as everywhere in
  /// the TUI (the full number is in `record show` and the file only).
  private func shown(_ value: JSONValue, field: AmendableField) -> String {
    if field == .cpr, case .string(let number) = value { return CPRNumber.mask(number) }
    return strings.storedValue(value, field: field.rawValue)
  }

  public func create(name: String, cpr: String, author: String) throws(RepositoryError) -> String {
    do throws(StoreError) {
      return try store.createRecord(name: name, cpr: cpr, author: author).id
    } catch {
      throw failure(error)
    }
  }

  public func appendVisitation(recordID: String, input: AssessmentInput, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    let assessment: Assessment
    do throws(InputError) { assessment = try engine.assess(input) } catch {
      throw RepositoryError(error.message(strings))
    }
    let visitation = Visitation(input: input, assessment: assessment)
    do throws(StoreError) {
      _ = try store.appendVisitation(
        recordID, basedOn: expectedRevision, visitation: visitation, author: author)
    } catch {
      throw failure(error)
    }
  }

  public func recordBirth(recordID: String, birth: Birth, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    do throws(StoreError) {
      _ = try store.recordBirth(recordID, basedOn: expectedRevision, birth: BirthEvent(birth), author: author)
    } catch {
      throw failure(error)
    }
  }

  public func amendBirth(recordID: String, birth: Birth, reason: String, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    // One correction per changed field, all in one save (a colleague's save cannot fall
    // between them); the discharge hours before the place, since a hospital birth needs
    // them. A home birth's form has no hours: the recorded ones stay. The changes are
    // decided on the record as the clinician saw it, and the save refuses it if it moved on.
    do throws(StoreError) {
      let record = try store.load(recordID)
      try record.checkRevision(expectedRevision)
      guard let current = record.birth?.birth else { throw .invalidInput(field: "birth", reason: "missing") }
      var changes: [Correction] = []
      if let hours = birth.dischargeHours, hours != current.dischargeHours {
        changes.append(Correction(field: .birthDischargeHours, value: String(hours)))
      }
      if birth.date != current.date { changes.append(Correction(field: .birthDate, value: birth.date.iso)) }
      if birth.place != current.place {
        changes.append(Correction(field: .birthPlace, value: birth.place.rawValue))
      }
      if birth.traumatic != current.traumatic {
        changes.append(Correction(field: .birthTraumatic, value: String(birth.traumatic)))
      }
      if birth.childLoss != current.childLoss {
        changes.append(Correction(field: .birthChildLoss, value: String(birth.childLoss)))
      }
      guard !changes.isEmpty else { throw .invalidInput(field: "value", reason: "unchanged") }
      _ = try store.amend(
        recordID, basedOn: expectedRevision, corrections: changes, reason: reason, author: author)
    } catch {
      throw failure(error)
    }
  }
}

// The record's own handling: a note, a correction of her name or CPR number, closing and
// reopening. The store decides what is refused (RecordRules); this only converts.
extension StoreRepository {
  public func addNote(recordID: String, text: String, author: String) throws(RepositoryError) {
    do throws(StoreError) {
      // A note is an append: it adds to the record whatever a colleague saved meanwhile.
      _ = try store.addNote(recordID, basedOn: nil, text: text, author: author)
    } catch {
      throw failure(error)
    }
  }

  public func correctWoman(
    recordID: String, name: String?, cpr: String?, reason: String, author: String, expectedRevision: Int
  ) throws(RepositoryError) {
    let corrections =
      (name.map { [Correction(field: .name, value: $0)] } ?? [])
      + (cpr.map { [Correction(field: .cpr, value: $0)] } ?? [])
    do throws(StoreError) {
      _ = try store.amend(
        recordID, basedOn: expectedRevision, corrections: corrections, reason: reason, author: author)
    } catch {
      throw failure(error)
    }
  }

  public func close(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    do throws(StoreError) {
      _ = try store.close(recordID, basedOn: expectedRevision, reason: reason, author: author)
    } catch {
      throw failure(error)
    }
  }

  public func reopen(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    do throws(StoreError) {
      _ = try store.reopen(recordID, basedOn: expectedRevision, reason: reason, author: author)
    } catch {
      throw failure(error)
    }
  }

  public func recordDone(recordID: String, item: String, date: String, today: CalendarDate, author: String)
    throws(RepositoryError)
  {
    do throws(StoreError) {
      _ = try store.recordDone(
        recordID, basedOn: nil, done: ItemDone(item: item, date: date), author: author, today: today)
    } catch {
      throw failure(error)
    }
  }
}
