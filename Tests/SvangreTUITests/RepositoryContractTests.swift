import Foundation
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTestSupport
import Testing

@testable import SvangreTUI

/// One behaviour contract for `RecordRepository`: the same tests run against the tests'
/// in-memory double and the real store (`StoreRepository` over a temporary directory, and
/// over a database on the tests' PostgreSQL server), so neither the double nor a backend
/// can drift from what the program does.
@Suite struct RepositoryContractTests {
  enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case memory, store, postgres
    var testDescription: String { rawValue }
  }

  /// A repository of one backend, its audit log of openings, and the directory it lives in.
  struct Fixture {
    let repository: any RecordRepository
    /// The initials of each opening of a record, oldest first, as its access log has them.
    let openings: (String) throws -> [String?]
    let directory: TemporaryDirectory
  }

  /// Both backends stamp every save with this time, so refusals that name it are alike.
  static let savedAt = Date(timeIntervalSince1970: 1_795_521_600)

  /// A fresh repository of `backend`.
  func make(_ backend: Backend) throws -> Fixture {
    let directory = TemporaryDirectory()
    switch backend {
    case .memory:
      let memory = MemoryRepository()
      memory.auditTime = Timestamp.iso(Self.savedAt)
      return Fixture(
        repository: memory, openings: { id in memory.openings.filter { $0.id == id }.map(\.initials) },
        directory: directory)
    case .store:
      let store = try FileRecordStore(
        directory: directory.url.appendingPathComponent("store").path, clock: .fixed(Self.savedAt))
      return Fixture(
        repository: StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da)),
        openings: { id in try store.accessLog(of: id).map(\.initials) }, directory: directory)
    case .postgres:
      let cluster = try ThrowawayCluster.shared()
      let store = try PostgresRecordStore(
        location: try cluster.location(try cluster.makeDatabase()), password: nil, clock: .fixed(Self.savedAt))
      return Fixture(
        repository: StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da)),
        openings: { id in try store.accessLog(of: id).map(\.initials) }, directory: directory)
    }
  }

  /// A fresh repository of `backend`; the directory lives as long as the repository's use.
  func make(_ backend: Backend) throws -> (any RecordRepository, TemporaryDirectory) {
    let fixture: Fixture = try make(backend)
    return (fixture.repository, fixture.directory)
  }

  /// The message of the refusal `body` throws, or nil if it throws none.
  func refusal(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return (error as? RepositoryError)?.message ?? "\(error)"
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

  @Test(arguments: Backend.allCases)
  func addsANoteOnTopOfAnyRevision(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    try repository.addNote(recordID: id, text: "Ringer i morgen", author: "CD")
    try repository.addNote(recordID: id, text: "Ringede", author: "AB")
    let record = try repository.record(id: id)
    #expect(record.revision == 3)
    #expect(record.events.map(\.kind) == [.note("Ringer i morgen"), .note("Ringede")])
    #expect(record.events.map(\.author) == ["CD", "AB"])
    #expect(record.events.map(\.at) == Array(repeating: Timestamp.iso(Self.savedAt), count: 2))
  }

  /// Her name and CPR number corrected in one save, one entry and one revision: the new
  /// values shown (the number masked), found by search, and each field's correction kept
  /// with the old value and the reason.
  @Test(arguments: Backend.allCases)
  func correctsHerNameAndNumber(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs Hansen", cpr: "010190-2000", author: "AB")
    try repository.correctWoman(
      recordID: id, name: "Søs Ørnsholt", cpr: "0201902000", reason: "Gift", author: "CD", expectedRevision: 1)
    let record = try repository.record(id: id)
    #expect(record.name == "Søs Ørnsholt" && record.maskedCPR == "020190-XXXX")
    #expect(record.revision == 2, "one save, one entry, one revision for both fields")
    #expect(record.corrections.map(\.seq) == [1, 1])
    #expect(
      record.corrections.map { [$0.field, $0.old, $0.new, $0.reason, $0.author] } == [
        ["name", "Søs Hansen", "Søs Ørnsholt", "Gift", "CD"], ["cpr", "010190-XXXX", "020190-XXXX", "Gift", "CD"],
      ])
    #expect(try repository.search("ornsholt").map(\.id) == [id])
    #expect(try repository.search("020190").map(\.id) == [id])
    #expect(try repository.search("010190").isEmpty)
  }

  /// What a correction of her name or number refuses, in the store's words.
  @Test func aCorrectionIsRefusedAlike() throws {
    var messages: [Backend: [String?]] = [:]
    for backend in Backend.allCases {
      let (repository, directory) = try make(backend)
      defer { withExtendedLifetime(directory) {} }
      let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
      messages[backend] = [
        refusal {
          try repository.correctWoman(
            recordID: id, name: nil, cpr: "320190-2000", reason: "x", author: "AB", expectedRevision: 1)
        },
        refusal {
          try repository.correctWoman(
            recordID: id, name: "Søs", cpr: nil, reason: "x", author: "AB", expectedRevision: 1)
        },
      ]
    }
    #expect(messages[.memory]!.allSatisfy { $0 != nil })
    #expect(messages[.memory] == messages[.store])
  }

  /// Closed, the record takes no visitation; reopened, it does again; the closure stays
  /// readable as an event and the reopening is a correction of it.
  @Test(arguments: Backend.allCases)
  func closesAndReopens(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    let notClosed = refusal { try repository.reopen(recordID: id, reason: "x", author: "AB", expectedRevision: 1) }
    let words = StoreError.invalidInput(field: "record", reason: "not_closed")
    #expect(notClosed == StringCatalog(language: .da)(words.messageKey, words.messageArguments))
    try repository.close(recordID: id, reason: "Flyttet", author: "AB", expectedRevision: 1)
    var record = try repository.record(id: id)
    #expect(record.closure?.kind == .closure("Flyttet") && record.revision == 2)
    #expect(refusal { try repository.close(recordID: id, reason: "x", author: "AB", expectedRevision: 2) } != nil)
    try repository.reopen(recordID: id, reason: "Fejl", author: "CD", expectedRevision: 2)
    record = try repository.record(id: id)
    #expect(record.closure == nil && record.revision == 3)
    #expect(record.events.map(\.kind) == [.closure("Flyttet")])
    #expect(record.corrections.map { [$0.field, $0.reason, $0.author] } == [["closed", "Fejl", "CD"]])
    try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 3)
  }

  /// An item recorded done counts for her attendance; a day that is not a date or is
  /// after the clinical date is refused with the store's words.
  @Test(arguments: Backend.allCases)
  func recordsAnItemDone(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    let (reference, referenceDirectory) = try make(.store)
    defer { withExtendedLifetime((directory, referenceDirectory)) {} }
    var refusals: [[String?]] = []
    for repository in [repository, reference] {
      let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
      try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
      try repository.recordDone(recordID: id, item: "scan_11_14", date: "2026-11-20", today: today, author: "CD")
      let record = try repository.record(id: id)
      #expect(record.recordedAttendance == [AttendedItem(id: "scan_11_14", date: CalendarDate(iso: "2026-11-20")!)])
      #expect(record.known.recorded == record.recordedAttendance && record.revision == 3)
      refusals.append([
        refusal {
          try repository.recordDone(recordID: id, item: "midwife_13_15", date: "2026-11-24", today: today, author: "CD")
        },
        refusal {
          try repository.recordDone(recordID: id, item: "midwife_13_15", date: "23.11.2026", today: today, author: "CD")
        },
      ])
    }
    #expect(refusals[0].allSatisfy { $0 != nil })
    #expect(refusals[0] == refusals[1])
  }

  /// Opening a record is logged with who opened it (nil: no initials yet); reading it
  /// again for a screen that shows it already is not.
  @Test(arguments: Backend.allCases)
  func opensWithAnAccessLog(_ backend: Backend) throws {
    let fixture: Fixture = try make(backend)
    let repository = fixture.repository
    let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
    #expect(try fixture.openings(id) == [])
    let opened = try repository.open(id: id, by: "CD")
    let again = try repository.record(id: id)
    #expect(opened.id == id && opened.name == "Søs" && opened.revision == again.revision)
    _ = try repository.open(id: id, by: nil)
    #expect(try fixture.openings(id) == ["CD", nil])
  }

  /// Every save decided on an older revision is refused with the same words, naming who
  /// saved since and when; an append (a note, an item done) is not.
  @Test func aStaleCopyIsRefusedAlike() throws {
    var messages: [Backend: [String?]] = [:]
    for backend in Backend.allCases {
      let (repository, directory) = try make(backend)
      defer { withExtendedLifetime(directory) {} }
      let id = try repository.create(name: "Søs", cpr: "010190-2000", author: "AB")
      try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 1)
      try repository.recordBirth(recordID: id, birth: Self.birth, author: "CD", expectedRevision: 2)
      try repository.addNote(recordID: id, text: "Ringer", author: "EF")
      var corrected = Self.birth
      corrected.traumatic = true
      messages[backend] = [
        refusal { try repository.appendVisitation(recordID: id, input: Self.input, author: "AB", expectedRevision: 2) },
        refusal { try repository.recordBirth(recordID: id, birth: Self.birth, author: "AB", expectedRevision: 2) },
        refusal {
          try repository.amendBirth(recordID: id, birth: corrected, reason: "x", author: "AB", expectedRevision: 3)
        },
        refusal {
          try repository.correctWoman(
            recordID: id, name: "Ida", cpr: nil, reason: "x", author: "AB", expectedRevision: 3)
        },
        refusal { try repository.close(recordID: id, reason: "x", author: "AB", expectedRevision: 3) },
      ]
    }
    let stale = StringCatalog(language: .da)(
      "store.error.stale_copy", ["author": "EF", "time": Timestamp.minutes(Timestamp.iso(Self.savedAt))])
    #expect(messages[.store] == Array(repeating: stale, count: 5))
    #expect(messages[.memory] == messages[.store])
  }

  /// Search folds as the store does (`TextFolding`): case, accents, æ/ø/å, and the
  /// Turkish i's (İ → i, ı → i); a query with a digit is the start of a CPR number; the
  /// order is the store's, by folded name.
  @Test(arguments: Backend.allCases)
  func searchFoldsAsTheStoreDoes(_ backend: Backend) throws {
    let (repository, directory) = try make(backend)
    defer { withExtendedLifetime(directory) {} }
    let names = ["Søs Æbelø Ørnsholt", "Ayşe Yıldız", "İlayda Åberg", "Zoë Ødegård", "Ida Ærø"]
    var ids: [String: String] = [:]
    for (index, name) in names.enumerated() {
      ids[name] = try repository.create(name: name, cpr: "0\(index + 1)0190-2000", author: "AB")
    }
    func found(_ query: String) throws -> [String] {
      try repository.search(query).map(\.name)
    }
    #expect(try found("") == ["Ayşe Yıldız", "Ida Ærø", "İlayda Åberg", "Søs Æbelø Ørnsholt", "Zoë Ødegård"])
    #expect(try found("ORNSHOLT") == ["Søs Æbelø Ørnsholt"])
    #expect(try found("aebelo") == ["Søs Æbelø Ørnsholt"])
    #expect(try found("yildiz") == ["Ayşe Yıldız"])
    #expect(try found("YILDIZ") == ["Ayşe Yıldız"])
    #expect(try found("ayse") == ["Ayşe Yıldız"])
    #expect(try found("ilayda") == ["İlayda Åberg"])
    #expect(try found("İLAYDA") == ["İlayda Åberg"])
    #expect(try found("aberg") == ["İlayda Åberg"])
    #expect(try found("odegard zoe").isEmpty)
    #expect(try found("zoe odegard") == ["Zoë Ødegård"])
    #expect(try found("ae") == ["Ida Ærø", "Søs Æbelø Ørnsholt"])
    #expect(try found(" 0201 ") == ["Ayşe Yıldız"])
    #expect(try found("020190-20") == ["Ayşe Yıldız"])
    #expect(try found("0190").isEmpty, "a number is matched from its start")
  }
}
