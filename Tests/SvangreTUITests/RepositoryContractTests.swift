import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// One behaviour contract for `RecordRepository`: the same tests run against the tests'
/// in-memory double and the real store (`StoreRepository` over a temporary directory),
/// so the double cannot drift from what the program does.
@Suite struct RepositoryContractTests {
  enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case memory, store
    var testDescription: String { rawValue }
  }

  /// A fresh repository of `backend`; the directory lives as long as the repository's use.
  func make(_ backend: Backend) throws -> (any RecordRepository, TemporaryDirectory) {
    let directory = TemporaryDirectory()
    switch backend {
    case .memory:
      return (MemoryRepository(), directory)
    case .store:
      let store = try FileRecordStore(directory: directory.url.appendingPathComponent("store").path, clock: .system)
      return (
        StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da)), directory
      )
    }
  }

  static let input = AssessmentInput(
    referenceDate: today, parity: .nulliparous, dating: Dating(dueDate: CalendarDate(iso: "2027-05-20")!))
  static let birth = Birth(
    date: CalendarDate(iso: "2026-11-21")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false)

  @Test(arguments: Backend.allCases)
  func createsMasksAndFinds(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs Ørnsholt", cpr: "010190-2000", author: "AB")
    _ = try repository.create(name: "Ida Ærø", cpr: "020290-4000", author: "AB")
    let record = try repository.record(id: id)
    #expect(record.name == "Søs Ørnsholt" && record.maskedCPR == "010190-XXXX")
    #expect(record.visitations.isEmpty && record.current == nil && record.birth == nil)
    #expect(try repository.search("").count == 2)
    #expect(try repository.search("ØRN").map(\.id) == [id])
    #expect(try repository.search("010190").map(\.id) == [id])
    #expect(try repository.search("zzz").isEmpty)
  }

  /// The same CPR numbers are refused, with the same words.
  @Test(arguments: Backend.allCases)
  func refusesWhatTheStoreRefuses(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    let (reference, referenceDirectory) = try make(.store)
    defer { withExtendedLifetime((directory, referenceDirectory)) {} }
    for cpr in ["01019", "abcdef-ghij", "320190-2000", "010190 2000x"] {
      var refusals: [String] = []
      for repository in [repository, reference] {
        do {
          _ = try repository.create(name: "A", cpr: cpr, author: "AB")
          Issue.record("\(cpr) was accepted by \(backend)")
        } catch {
          refusals.append(error.message)
        }
      }
      #expect(refusals.count == 2 && refusals[0] == refusals[1], "\(cpr): \(refusals)")
    }
  }

  @Test(arguments: Backend.allCases)
  func savesVisitationsAndRefusesAStaleCopy(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    let revision = try repository.record(id: id).revision
    try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: revision)
    let saved = try repository.record(id: id)
    #expect(saved.revision > revision)
    #expect(saved.visitations.map(\.author) == ["AB"])
    #expect(saved.current?.dating.dueDate == CalendarDate(iso: "2027-05-20"))
    #expect(throws: RepositoryError.self) {
      try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: revision)
    }
  }

  /// The worklist: the same rows from the double as from the store (her scan 18–20 falls
  /// due on Thursday 2026-12-17; her consultation of 2026-11-23 is done).
  @Test(arguments: Backend.allCases)
  func givesTheWorklist(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
    _ = try repository.create(name: "Ida", cpr: "020290-4000", author: "AB")
    let week = CalendarDate(iso: "2026-12-16")!.week
    let list = try repository.worklist(today: CalendarDate(iso: "2026-12-16")!, range: week, filter: WorklistFilter())
    #expect(
      list.rows.map { "\($0.day.iso) \($0.status) \($0.recordID) \($0.item.id)" } == ["2026-12-17 due \(id) scan_18_20"]
    )
    let seen = try repository.worklist(today: today, range: today.week, filter: WorklistFilter(statuses: [.done]))
    #expect(seen.rows.map(\.item.id) == ["midwife_13_15"] && seen.counts == [.done: 1])
  }

  @Test(arguments: Backend.allCases)
  func recordsAndCorrectsTheBirth(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
    var revision = try repository.record(id: id).revision
    #expect(throws: RepositoryError.self) {
      try repository.amendBirth(recordID: id, birth: Self.birth, reason: "x", author: "AB", expectedRevision: revision)
    }
    try repository.recordBirth(recordID: id, birth: Self.birth, author: "AB", expectedRevision: revision)
    #expect(try repository.record(id: id).birth == Self.birth)
    #expect(try repository.record(id: id).current?.birth == Self.birth)
    revision = try repository.record(id: id).revision
    #expect(throws: RepositoryError.self) {
      try repository.amendBirth(recordID: id, birth: Self.birth, reason: "x", author: "AB", expectedRevision: revision)
    }
    var corrected = Self.birth
    corrected.traumatic = true
    try repository.amendBirth(
      recordID: id, birth: corrected, reason: "Oplyst", author: "CD", expectedRevision: revision)
    #expect(try repository.record(id: id).birth == corrected)
  }
}
