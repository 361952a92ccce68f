import Foundation
import Glibc
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// The access log and appends through the command line, as real processes.
@Suite("CLI access log and appends", .serialized)
struct AccessLogCLITests {
  let temp = TemporaryStore()

  func svangre(_ arguments: [String], lang: String = "en") throws -> ProcessResult {
    try runProduct("svangre", ["--store", temp.directory, "--lang", lang] + arguments)
  }

  func newRecord() throws -> String {
    let new = try svangre(["record", "new", "--name", "Søs Ørnsholt", "--cpr", "010190-1234", "--author", "AB"])
    #expect(new.status == 0, "\(new.stderr)")
    return new.stdout.trimmingCharacters(in: .newlines)
  }

  @Test("record show and export are logged; record list is not; access-log prints who, when and why")
  func showAndExportAreLogged() throws {
    let id = try newRecord()
    #expect(try svangre(["record", "show", id, "--author", "AB", "--format", "json"]).status == 0)
    #expect(try svangre(["record", "show", id, "--format", "text"]).status == 0)
    #expect(try svangre(["record", "list", "--format", "json"]).status == 0)
    #expect(try svangre(["export", "--author", "CD"]).status == 0)

    let json = try svangre(["record", "access-log", id, "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["id"] as? String == id)
    let accesses = try #require(object["accesses"] as? [[String: Any]])
    #expect(accesses.map { $0["purpose"] as? String } == ["show", "show", "export"])
    #expect(accesses.map { $0["initials"] as? String } == ["AB", nil, "CD"])
    #expect(
      accesses.allSatisfy { ($0["user"] as? String) == StoreError.userName && ($0["at"] as? String)?.count == 25 })

    let danish = try svangre(["record", "access-log", id, "--format", "text"], lang: "da")
    #expect(danish.stdout.contains("Åbninger af journal \(id) (3)"), "\(danish.stdout)")
    #expect(danish.stdout.contains("AB (\(StoreError.userName))  vist (record show)"), "\(danish.stdout)")
    #expect(danish.stdout.contains("eksporteret"))
    // Reading the log is not an opening.
    #expect(try svangre(["record", "access-log", id, "--format", "json"]).stdout == json.stdout)
  }

  @Test("access-log of a record never opened says so; of an unknown id it refuses (exit 2)")
  func emptyAndUnknown() throws {
    let id = try newRecord()
    let empty = try svangre(["record", "access-log", id, "--format", "text"])
    #expect(empty.status == 0)
    #expect(empty.stdout == "No one has opened record \(id).\n")
    let unknown = try svangre(["record", "access-log", "zzzzzzzzzzzz", "--format", "text"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("zzzzzzzzzzzz"))
  }

  @Test("two processes adding notes to one record at once: none refused (before: about 13 of 100)")
  func concurrentNotesFromTheCommandLine() throws {
    let id = try newRecord()
    let results = Locked([ProcessResult]())
    let directory = temp.directory
    let threads = ["A", "B"].map { tag in
      Thread {
        for count in 1...40 {
          let result = try? runProduct(
            "svangre",
            ["--store", directory, "--lang", "en", "record", "note", id, "--text", "\(tag)\(count)", "--author", tag])
          if let result { results.update { $0.append(result) } }
        }
      }
    }
    threads.forEach { $0.start() }
    while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }
    #expect(results.value.count == 80)
    #expect(results.value.allSatisfy { $0.status == 0 }, "\(results.value.map(\.stderr).filter { !$0.isEmpty })")
    let record = try temp.open().load(id)
    #expect(record.notes.count == 80)
    #expect(record.revision == 81)

    // A change pinned to a revision the record has moved past is still refused, as before.
    let stale = try svangre(["record", "note", id, "--text", "x", "--author", "AB", "--expect-revision", "5"])
    #expect(stale.status == 2)
    #expect(stale.stderr.contains("Not saved: changed by "))
    #expect(stale.stderr.contains("Open it again and redo."))
  }
}
