import Foundation
import Glibc
import SvangreRules
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// Adding never conflicts; only a stale correction does (docs/store.md, "Appends and stale
/// copies"). Real processes, as clinicians in several rooms are.
@Suite("Appends and stale copies", .serialized)
struct AppendConcurrencyTests {
  @Test(
    "4 processes × 500 appends into 20 shared records: every one saved, none refused, none lost",
    .timeLimit(.minutes(10)), arguments: Backend.allCases)
  func fourWritersTwentyRecords(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let ids = try (0..<20).map { index in
      try store.createRecord(name: "Delt \(index)", cpr: "010190-12\(10 + index)", author: "AB").id
    }
    let tags = ["A", "B", "C", "D"]
    let shared = Locked([String: ProcessResult]())
    let directory = try temp.location()
    let list = ids.joined(separator: ",")
    let threads = tags.map { tag in
      Thread {
        let result = try? runProduct("svangre-store-torture", ["appends", directory, list, "500", tag])
        shared.update { $0[tag] = result }
      }
    }
    threads.forEach { $0.start() }
    while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }

    var acknowledged: [String: Set<String>] = [:]
    for tag in tags {
      let result = try #require(shared.value[tag])
      #expect(result.status == 0, "\(tag): \(result.stdout.suffix(300)) \(result.stderr.suffix(300))")
      let lines = result.stdout.split(separator: "\n")
      #expect(!lines.contains { $0.hasPrefix("REFUSED") || $0.hasPrefix("ERROR") }, "\(tag) was refused")
      #expect(lines.last == "DONE 500")
      for line in lines where line.hasPrefix("ACK ") {
        let parts = line.split(separator: " ")
        acknowledged[String(parts[1]), default: []].insert(String(parts[2]))
      }
    }
    #expect(acknowledged.values.reduce(0) { $0 + $1.count } == 2_000)

    let reopened = try temp.store()
    var total = 0
    for id in ids {
      let record = try reopened.load(id)
      let saved = Set(record.visitations.compactMap(marker) + record.notes.map(\.text))
      // Each acknowledged append is there exactly once, and nothing else is.
      #expect(saved == acknowledged[id, default: []], "record \(id)")
      #expect(record.history.count == saved.count)
      #expect(record.revision == record.history.count + 1)
      total += record.history.count
    }
    #expect(total == 2_000)
    #expect(try reopened.check().passed)
  }

  @Test(
    "an append is saved on top of a colleague's save; a change based on the older revision is refused",
    arguments: Backend.allCases)
  func appendVersusStaleChange(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let id = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB").id
    let seen = try store.load(id).revision
    // A colleague saves in between.
    _ = try temp.store().addNote(id, basedOn: nil, text: "Kollegas note", author: "CD")

    // Appends decided on nothing they could have seen out of date: saved.
    _ = try store.addNote(id, basedOn: nil, text: "Min note", author: "AB")
    _ = try store.appendVisitation(id, basedOn: nil, visitation: sampleVisitation("v"), author: "AB")
    #expect(try store.load(id).revision == 4)

    // Changes decided on the revision seen: refused, with who and when, nothing saved.
    let stale = StoreError.staleCopy(id: id, changedBy: "AB", at: Timestamp.iso(testClockTime))
    #expect(throws: stale) {
      _ = try store.amend(id, basedOn: seen, field: .name, value: "Ny", reason: "r", author: "AB")
    }
    #expect(throws: stale) {
      _ = try store.appendVisitation(id, basedOn: seen, visitation: sampleVisitation(), author: "AB")
    }
    #expect(throws: stale) {
      _ = try store.recordBirth(
        id, basedOn: seen,
        birth: BirthEvent(
          date: CalendarDate(iso: "2026-11-20")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false),
        author: "AB")
    }
    #expect(throws: stale) { _ = try store.addNote(id, basedOn: seen, text: "n", author: "AB") }
    #expect(throws: stale) { _ = try store.close(id, basedOn: seen, reason: "r", author: "AB") }
    #expect(try store.load(id).revision == 4)

    // The domain rules still run on the latest record: a second birth, or a visitation
    // on a record closed meanwhile, is refused even as an append.
    let birth = BirthEvent(
      date: CalendarDate(iso: "2026-11-20")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false)
    _ = try store.recordBirth(id, basedOn: nil, birth: birth, author: "AB")
    #expect(throws: StoreError.invalidInput(field: "birth", reason: "exists")) {
      _ = try temp.store().recordBirth(id, basedOn: nil, birth: birth, author: "CD")
    }
    _ = try temp.store().close(id, basedOn: nil, reason: "Afsluttet", author: "CD")
    #expect(throws: StoreError.closed(id: id)) {
      _ = try store.appendVisitation(id, basedOn: nil, visitation: sampleVisitation(), author: "AB")
    }
  }
}
