import Foundation
import Glibc
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreRules
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// The server restarted under the clinic's feet (`pg_ctl restart -m fast`, as an update or
/// a failover does): on a server of the test's own, so no other test loses its connection.
@Suite("PostgreSQL server restarted", .serialized)
struct PostgresRestartTests {
  @Test(
    "pg_ctl restart in the middle of 4 processes × 500 appends: every acknowledged save there once, none half-saved, the clients connect again",
    .timeLimit(.minutes(10)))
  func restartMidway() throws {
    let cluster = try ThrowawayCluster.makePrivate()
    defer { cluster.stop() }
    let url = try cluster.makeDatabase()
    let database = try cluster.location(url).database
    // A screen left open (the TUI's store): it must carry on after the restart.
    let open = try PostgresRecordStore(location: cluster.location(url), password: nil, clock: .fixed(testClockTime))
    let ids = try (0..<20).map { index in
      try open.createRecord(name: "Delt \(index)", cpr: "010190-12\(10 + index)", author: "AB").id
    }
    _ = try open.list()
    let stamp = open.changeStamp()
    let startedAt = try cluster.psql(database, "SELECT pg_postmaster_start_time()")

    let tags = ["A", "B", "C", "D"]
    let shared = Locked([String: ProcessResult]())
    let threads = tags.map { tag in
      Thread {
        let result = try? runProduct(
          "svangre-store-torture", ["appends", url, ids.joined(separator: ","), "500", tag], timeout: 500)
        shared.update { $0[tag] = result }
      }
    }
    threads.forEach { $0.start() }
    // Restart once the writers are well under way (300 of 2,000 saved).
    var saved = 0
    while saved < 300 && threads.contains(where: { !$0.isFinished }) {
      usleep(20_000)
      saved =
        Int(try cluster.psql(database, "SELECT count(*) FROM svangre.history").trimmingCharacters(in: .newlines)) ?? 0
    }
    try cluster.restart()
    while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }
    #expect(try cluster.psql(database, "SELECT pg_postmaster_start_time()") != startedAt)

    var acknowledged: [String: Set<String>] = [:]
    var lost: [String: Set<String>] = [:]
    var reconnected = 0
    for tag in tags {
      let result = try #require(shared.value[tag])
      #expect(result.status == 0, "\(tag): \(result.stdout.suffix(300)) \(result.stderr.suffix(300))")
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.count == 501, "\(tag): \(lines.count) lines")
      #expect(
        !lines.contains { $0.hasPrefix("REFUSED") || $0.hasPrefix("ERROR") },
        "\(tag): \(lines.filter { !$0.hasPrefix("ACK") }.prefix(3))")
      var sawLost = false
      for line in lines {
        let parts = line.split(separator: " ")
        if parts[0] == "ACK" {
          acknowledged[String(parts[1]), default: []].insert(String(parts[2]))
          if sawLost {
            reconnected += 1
            sawLost = false
          }
        } else if parts[0] == "LOST" {
          lost[String(parts[1]), default: []].insert(String(parts[2]))
          // Said in words: the server does not answer (exit 3 from the CLI).
          #expect(line.contains("does not answer"), "\(line)")
          sawLost = true
        }
      }
    }
    // The restart was felt, and every writer that felt it saved again afterwards.
    let lostCount = lost.values.reduce(0) { $0 + $1.count }
    #expect(lostCount > 0)
    #expect(reconnected > 0)
    let ackCount = acknowledged.values.reduce(0) { $0 + $1.count }
    #expect(ackCount + lostCount == 2_000)

    let reopened = try PostgresRecordStore(
      location: cluster.location(url), password: nil, clock: .fixed(testClockTime))
    for id in ids {
      let record = try reopened.load(id)
      let markers = record.visitations.compactMap(marker) + record.notes.map(\.text)
      let saved = Set(markers)
      // Every acknowledged save is there, once; anything else there is a save whose
      // answer was lost with the connection (its commit may have reached the disk).
      #expect(markers.count == saved.count, "record \(id) has a save twice")
      #expect(acknowledged[id, default: []].isSubset(of: saved), "record \(id) lost an acknowledged save")
      #expect(saved.isSubset(of: acknowledged[id, default: []].union(lost[id, default: []])), "record \(id)")
      #expect(record.revision == record.history.count + 1)
    }
    #expect(try reopened.check().passed)

    // The screen left open reads again without being reopened, and sees the saves.
    #expect(try open.list().count == 20)
    #expect(open.changeStamp() != stamp)
    #expect(try open.load(ids[0]).revision == reopened.load(ids[0]).revision)
    _ = try open.addNote(ids[0], basedOn: nil, text: "Efter genstarten", author: "AB")
  }

  @Test("a server that is down: a command fails with exit 3 and saves nothing; once it is back, the same command works")
  func downThenBack() throws {
    let cluster = try ThrowawayCluster.makePrivate()
    defer { cluster.stop() }
    let url = try cluster.makeDatabase()
    let store = try PostgresRecordStore(location: cluster.location(url), password: nil, clock: .fixed(testClockTime))
    let id = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB").id
    try cluster.stopServer()
    let down = try runProduct(
      "svangre", ["record", "note", id, "--text", "x", "--author", "AB", "--store", url], timeout: 60)
    #expect(down.status == 3 && down.stderr.contains("svarer ikke") && !down.stderr.contains("PSQLError"), "\(down)")
    #expect(throws: StoreError.self) { try store.addNote(id, basedOn: nil, text: "y", author: "AB") }
    try cluster.startServer()
    let back = try runProduct(
      "svangre", ["record", "note", id, "--text", "z", "--author", "AB", "--store", url], timeout: 60)
    #expect(back.status == 0, "\(back)")
    #expect(try store.load(id).notes.map(\.text) == ["z"])
  }
}
