import Foundation
import Glibc
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// Who opened a record (sundhedsloven §42a): the access log beside the JSON store.
@Suite("Access log", .serialized)
struct AccessLogTests {
  let temp = TemporaryStore()

  func twoRecords(_ temp: TemporaryStore) throws -> (any RecordStore, String, String) {
    let store = try temp.store()
    let first = try store.createRecord(name: "Søs Æbelø Ørnsholt", cpr: "010190-1234", author: "AB").id
    let second = try store.createRecord(name: "Bodil Holm", cpr: "020290-2345", author: "AB").id
    return (store, first, second)
  }

  @Test(
    "an opening is logged with who, when and why, before the record is returned; oldest first, per record",
    arguments: Backend.allCases)
  func openingsAreLogged(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, first, second) = try twoRecords(temp)
    #expect(try store.accessLog(of: first).isEmpty)
    let record = try store.openForReading(first, by: "ab", purpose: .show)
    #expect(record.name == "Søs Æbelø Ørnsholt")
    _ = try store.openForReading(second, by: nil, purpose: .open)
    _ = try temp.store().openForReading(first, by: "CD", purpose: .summary)

    let log = try store.accessLog(of: first)
    let at = Timestamp.iso(testClockTime)
    let user = backend.user
    #expect(
      log == [
        RecordAccess(recordID: first, at: at, initials: "ab", user: user, purpose: .show),
        RecordAccess(recordID: first, at: at, initials: "CD", user: user, purpose: .summary),
      ])
    #expect(
      try store.accessLog(of: second) == [
        RecordAccess(recordID: second, at: at, initials: nil, user: user, purpose: .open)
      ])
    // Listing, searching and loading are not openings.
    _ = try store.list()
    _ = try store.search("ørn")
    _ = try store.load(first)
    #expect(try store.accessLog(of: first).count == 2)
  }

  @Test("the log is 0600, holds no name or CPR number, and every line is one JSON object")
  func privateAndImpersonal() throws {
    let (store, first, _) = try twoRecords(temp)
    _ = try store.openForReading(first, by: "AB", purpose: .show)
    #expect(fileMode(temp.path("access.log")) == 0o600)
    let text = try String(contentsOfFile: temp.path("access.log"), encoding: .utf8)
    for secret in ["Søs", "Ørnsholt", "010190", "1234", "Bodil"] { #expect(!text.contains(secret)) }
    #expect(
      text
        == "{\"at\":\"\(Timestamp.iso(testClockTime))\",\"initials\":\"AB\",\"purpose\":\"show\",\"record\":\"\(first)\",\"user\":\"\(StoreError.userName)\"}\n"
    )
  }

  @Test("nothing is logged for an unknown record or initials that are not initials", arguments: Backend.allCases)
  func refusalsLogNothing(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, first, _) = try twoRecords(temp)
    #expect(throws: StoreError.unknownRecord(id: "zzzzzzzzzzzz")) {
      _ = try store.openForReading("zzzzzzzzzzzz", by: "AB", purpose: .show)
    }
    #expect(throws: StoreError.invalidInput(field: "author", reason: "format")) {
      _ = try store.openForReading(first, by: "A B!", purpose: .show)
    }
    #expect(try store.accessLog(of: first).isEmpty)
    if backend == .files { #expect(!FileManager.default.fileExists(atPath: temp.path("access.log"))) }
    #expect(throws: StoreError.unknownRecord(id: "../etc")) { _ = try store.accessLog(of: "../etc") }
  }

  @Test("an export logs every record it holds, the whole store included", arguments: Backend.allCases)
  func exportsAreLogged(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, first, second) = try twoRecords(temp)
    _ = try store.exportForReading(ids: [first], by: "AB")
    #expect(try store.accessLog(of: first).map(\.purpose) == [.export])
    #expect(try store.accessLog(of: second).isEmpty)
    let whole = try store.exportForReading(ids: nil, by: nil)
    #expect(try RecordCodec.decodeImport(whole, ruleSets: [.bundled]).count == 2)
    #expect(try store.accessLog(of: first).count == 2)
    #expect(try store.accessLog(of: second).map(\.initials) == [nil])
  }

  @Test("a torn last line and a line too long are skipped; the next append starts a line of its own")
  func damagedLinesAreSkipped() throws {
    let (store, first, _) = try twoRecords(temp)
    _ = try store.openForReading(first, by: "AB", purpose: .show)
    let handle = try #require(FileHandle(forWritingAtPath: temp.path("access.log")))
    handle.seekToEndOfFile()
    // A line far over the limit that names the record, then a torn one.
    let long =
      "{\"record\":\"\(first)\",\"x\":\"" + String(repeating: "x", count: 3 * FileAccessLog.chunkBytes) + "\"}\n"
    handle.write(Data(long.utf8))
    handle.write(Data("{\"at\":\"2026-11-18T".utf8))
    try handle.close()
    _ = try store.openForReading(first, by: "CD", purpose: .open)
    #expect(try store.accessLog(of: first).map(\.initials) == ["AB", "CD"])
  }

  @Test("a link planted at access.log is refused and its target never written")
  func plantedLink() throws {
    let (store, first, _) = try twoRecords(temp)
    let target = temp.directory + "-target"
    try "keep\n".write(toFile: target, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: target) }
    symlink(target, temp.path("access.log"))
    #expect(throws: StoreError.untrustedFile(path: temp.path("access.log"), problem: .symlink)) {
      _ = try store.openForReading(first, by: "AB", purpose: .show)
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
  }

  @Test("four writers at once: every line whole, none lost")
  func concurrentAppends() throws {
    let (_, first, _) = try twoRecords(temp)
    let directory = temp.directory
    let failures = Locked(0)
    let threads = (0..<4).map { index in
      Thread {
        guard let store = try? FileRecordStore(directory: directory, clock: .fixed(testClockTime)) else {
          failures.update { $0 += 1 }
          return
        }
        for _ in 0..<100 where (try? store.logAccess([first], by: "T\(index)", purpose: .open)) == nil {
          failures.update { $0 += 1 }
        }
      }
    }
    threads.forEach { $0.start() }
    while threads.contains(where: { !$0.isFinished }) { usleep(5_000) }
    #expect(failures.value == 0)
    let log = try temp.open().accessLog(of: first)
    #expect(log.count == 400)
    #expect(
      Dictionary(grouping: log, by: \.initials).mapValues(\.count) == ["T0": 100, "T1": 100, "T2": 100, "T3": 100])
  }

  @Test("revision(of:) sees another process's save", arguments: Backend.allCases)
  func revisionFollowsOtherSaves(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, first, _) = try twoRecords(temp)
    _ = try store.list()
    #expect(try store.revision(of: first) == 1)
    _ = try temp.store().addNote(first, basedOn: nil, text: "Kollega", author: "CD")
    #expect(try store.revision(of: first) == 2)
    #expect(throws: StoreError.unknownRecord(id: "zzzzzzzzzzzz")) { _ = try store.revision(of: "zzzzzzzzzzzz") }
  }
}
