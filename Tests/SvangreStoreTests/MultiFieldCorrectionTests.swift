import Foundation
import SvangreRules
import Testing

@testable import SvangreStore

/// A correction of several fields is one save and one entry: one lock, one revision check,
/// one revision, all or none.
@Suite("Multi-field corrections")
struct MultiFieldCorrectionTests {
  static let homeBirth = BirthEvent(
    date: CalendarDate(iso: "2027-05-18")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false)

  func delivered(_ temp: TemporaryStore) throws -> (any RecordStore, PregnancyRecord) {
    let store = try temp.store()
    let record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    return (store, try store.recordBirth(record.id, basedOn: 1, birth: Self.homeBirth, author: "AB"))
  }

  @Test(
    "several fields: one save, one entry and one revision, each field checked after the one before",
    arguments: Backend.allCases)
  func oneSave(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try delivered(temp)
    // The place needs the hours first: checked against the record as the hours leave it.
    let saved = try store.amend(
      record.id, basedOn: 2,
      corrections: [
        Correction(field: .birthDischargeHours, value: "30"), Correction(field: .birthPlace, value: "hospital"),
        Correction(field: .birthTraumatic, value: "true"),
      ], reason: "Fejl ved indtastning", author: "CD")
    #expect(saved.revision == 3 && saved.history.count == 2)
    #expect(saved.schemaVersion == 3)
    let reread = try temp.store().load(record.id)
    #expect(reread == saved)
    #expect(
      reread.birth?.birth
        == BirthEvent(
          date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 30, traumatic: true,
          childLoss: false))
    #expect(reread.birthAmendments.map(\.seq) == [2, 2, 2])
    #expect(reread.birthAmendments.map(\.amendment.field) == [.birthDischargeHours, .birthPlace, .birthTraumatic])
    #expect(Set(reread.birthAmendments.map(\.at)).count == 1)
    #expect(reread.birthAmendments.allSatisfy { $0.author == "CD" && $0.amendment.reason == "Fejl ved indtastning" })
    #expect(reread.recordedBirth?.birth == Self.homeBirth)
    #expect(reread.structuralProblems(expectedID: record.id).isEmpty)
  }

  @Test("one refused correction saves none of them", arguments: Backend.allCases)
  func allOrNothing(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try delivered(temp)
    // The second correction is refused each time (unchanged; the hospital without hours;
    // an unknown place), and the date before it is not saved either.
    let refusals: [(Correction, StoreError)] = [
      (Correction(field: .birthTraumatic, value: "false"), .invalidInput(field: "value", reason: "unchanged")),
      (
        Correction(field: .birthPlace, value: "hospital"),
        .invalidInput(field: "birth.discharge_hours", reason: "missing")
      ),
      (Correction(field: .birthPlace, value: "car"), .invalidInput(field: "birth.place", reason: "format")),
    ]
    for (second, refusal) in refusals {
      #expect(throws: refusal) {
        try store.amend(
          record.id, basedOn: 2, corrections: [Correction(field: .birthDate, value: "2027-05-17"), second],
          reason: "r", author: "CD")
      }
    }
    let reread = try temp.store().load(record.id)
    #expect(reread.revision == 2 && reread.birthAmendments.isEmpty)
  }

  @Test("a colleague's save cannot fall between the fields, and one made before refuses the whole correction")
  func noInterleaving() throws {
    let temp = TemporaryStore()
    let (store, record) = try delivered(temp)
    let colleague = try temp.open(lockTimeout: 0.05)
    var colleagueError: StoreError?
    // While the correction is being made (under the store's lock), a colleague's save waits
    // and is refused: nothing can land between the first field and the last.
    let saved = try store.append(record.id, basedOn: 2, author: "CD") { (current) throws(StoreError) in
      do throws(StoreError) {
        _ = try colleague.addNote(record.id, basedOn: 2, text: "midt i", author: "EF")
      } catch {
        colleagueError = error
      }
      return try current.amendments(
        [(.birthDate, nil, .string("2027-05-17")), (.birthChildLoss, nil, .bool(true))], reason: "r")
    }
    if case .locked = colleagueError {
    } else {
      Issue.record("the colleague's save was not held off: \(String(describing: colleagueError))")
    }
    #expect(saved.revision == 3 && saved.notes.isEmpty)

    // A save between opening the record and correcting it: the whole correction is refused.
    _ = try colleague.addNote(record.id, basedOn: 3, text: "imellem", author: "EF")
    #expect {
      try store.amend(
        record.id, basedOn: 3,
        corrections: [
          Correction(field: .birthDate, value: "2027-05-16"), Correction(field: .birthTraumatic, value: "true"),
        ],
        reason: "r", author: "CD")
    } throws: { error in
      if case .staleCopy = error as? StoreError { return true }
      return false
    }
    let reread = try temp.open().load(record.id)
    #expect(
      reread.revision == 4 && reread.birth?.birth.date.iso == "2027-05-17" && reread.birth?.birth.traumatic == false)
  }

  @Test("the rules need no disk: a record in memory gets the same amendments and refusals")
  func pureRules() throws {
    let record = PregnancyRecord(
      format: PregnancyRecord.format, schemaVersion: PregnancyRecord.schemaVersion, id: "abcdefghjkmn",
      revision: 1, createdAt: "2026-11-18T10:00:00+01:00", createdBy: "AB",
      woman: .init(name: "A B", cpr: "010190-1234"), pregnancy: .init(parity: nil, dueDate: nil), history: [])
    #expect(throws: StoreError.invalidInput(field: "birth", reason: "missing")) {
      try record.amendment(.birthDate, target: nil, new: .string("2027-05-17"), reason: "r")
    }
    let delivered = record.appending(
      [try record.birthEntry(Self.homeBirth)], at: "2026-11-18T11:00:00+01:00", author: "AB")
    #expect(delivered.revision == 2 && delivered.status == .delivered)
    #expect(throws: StoreError.invalidInput(field: "birth", reason: "exists")) {
      try delivered.birthEntry(Self.homeBirth)
    }
    #expect(throws: StoreError.self) { try delivered.checkRevision(1) }
    let closed = delivered.appending([try delivered.closureEntry(reason: "flyttet")], at: "x", author: "AB")
    #expect(throws: StoreError.closed(id: "abcdefghjkmn")) { try closed.visitationEntry(sampleVisitation()) }
    let amendments = try closed.amendments([(.name, nil, .string("A C")), (.name, nil, .string("A D"))], reason: "r")
    #expect(amendments.count == 1)
    guard case .amendment(let entry) = amendments.first else { return }
    #expect(entry.parts.map(\.old) == [.string("A B"), .string("A C")])
    #expect(closed.appending(amendments, at: "y", author: "CD").name == "A D")
  }

  /// Her name and CPR number corrected together (as the TUI's correction screen does): one
  /// entry, one revision, one transaction, read back alike, on both backends.
  @Test("a name and a CPR number: one entry, one revision", arguments: Backend.allCases)
  func nameAndCPR(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let record = try store.createRecord(name: "Søs Hansen", cpr: "010190-2000", author: "AB")
    let saved = try store.amend(
      record.id, basedOn: 1,
      corrections: [Correction(field: .name, value: "Søs Ørnsholt"), Correction(field: .cpr, value: "020190-2000")],
      reason: "Gift", author: "CD")
    #expect(saved.revision == 2 && saved.history.count == 1)
    let reread = try temp.store().load(record.id)
    #expect(reread == saved)
    #expect(reread.name == "Søs Ørnsholt" && reread.cpr == "020190-2000")
    #expect(reread.amendments.map(\.seq) == [1, 1])
    #expect(reread.amendments.map(\.amendment.old) == [.string("Søs Hansen"), .string("010190-2000")])
    #expect(reread.structuralProblems(expectedID: record.id).isEmpty)
    #expect(try temp.store().search("Ørnsholt").map(\.id) == [record.id])
  }
}
