import Foundation
import Glibc
import SvangreResources
import SvangreTestSupport
import Testing
@testable import SvangreStore

/// FIFOs, devices and sockets where the store expects its own regular files: reported,
/// never opened for reading (a FIFO would block the reader, and a blocked `store check`
/// would hold the writer lock).
@Suite("Only regular files are read")
struct SpecialFileTests {
  @Test("a FIFO, a device and a socket named like records are reported as damaged, never opened")
  func specialRecords() throws {
    let temp = TemporaryStore()
    let good = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let fifo = "aaaafifo0001"
    let socket = "aaaasock0001"
    let device = "aaaadevc0001"
    Plant.fifo(temp.path(fifo + ".json"))
    let socketFD = Plant.socket(temp.path(socket + ".json"))
    defer { close(socketFD) }
    var special = [fifo, socket]
    if Plant.device(temp.path(device + ".json")) {
      special.append(device)
    } else {
      // Without CAP_MKNOD there is no device to plant; the FIFO and the socket still are.
      #expect(geteuid() != 0, "root could not make a device node")
    }
    let expected = special.sorted().map { RecordProblem(id: $0, damage: .notAFile) }
    let fifos = [temp.path(fifo + ".json")]
    struct Seen: Sendable {
      var listed: [String] = []
      var problems: [RecordProblem] = []
      var loads: [StoreError?] = []
      var check = CheckReport()
      var export: StoreError?
      var revisionAfterCheck = 0
      var passedAfterQuarantine = false
    }
    let directory = temp.directory
    let ids = special
    let (result, hung) = withoutHanging(fifos: fifos) { () throws -> Seen in
      var seen = Seen()
      let store = try FileRecordStore(directory: directory, clock: .fixed(testClockTime))
      seen.listed = try store.list().map(\.id)
      seen.problems = store.problems
      for id in ids {
        do { _ = try store.load(id) } catch { seen.loads.append(error as? StoreError) }
      }
      seen.check = try store.check()
      do { _ = try store.export() } catch { seen.export = error as? StoreError }
      // The writer lock is free again at once: a save goes through.
      seen.revisionAfterCheck = try store.addNote(good.id, basedOn: 1, text: "x", author: "AB").revision
      for id in ids { _ = try store.quarantine(id) }
      seen.passedAfterQuarantine = try store.check().passed
      return seen
    }
    #expect(!hung, "blocked on a FIFO")
    let seen = try result.get()
    #expect(seen.listed == [good.id])
    #expect(seen.problems == expected)
    #expect(seen.loads == special.map { StoreError.damaged(id: $0, damage: .notAFile) })
    #expect(!seen.check.passed && seen.check.problems == expected)
    #expect(seen.export == StoreError.damaged(id: expected[0].id, damage: .notAFile))
    #expect(seen.revisionAfterCheck == 2)
    #expect(seen.passedAfterQuarantine)
  }

  @Test("record list, store check and export end at once beside a FIFO, and a check leaves the lock free")
  func cliBesideFIFO() throws {
    let temp = TemporaryStore()
    let good = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    Plant.fifo(temp.path("aaaafifo0001.json"))
    defer { unlink(temp.path("aaaafifo0001.json")) }
    func svangre(_ arguments: [String]) throws -> ProcessResult {
      let result = try runProduct(
        "svangre", ["--store", temp.directory, "--lang", "en"] + arguments, timeout: 10)
      #expect(!result.timedOut, "svangre \(arguments.joined(separator: " ")) hung on the FIFO")
      return result
    }
    let list = try svangre(["record", "list", "--format", "json"])
    #expect(list.status == 0 && list.stdout.contains(good.id))
    #expect(list.stderr.contains("Record aaaafifo0001 is damaged: its file is not an ordinary file"))
    let check = try svangre(["store", "check", "--format", "json"])
    #expect(check.status == 3 && check.stdout.contains("damaged_record.not_a_file"))
    let export = try svangre(["export"])
    #expect(export.status == 3 && export.stderr.contains("aaaafifo0001"))
    let note = try svangre(["record", "note", good.id, "--text", "x", "--author", "AB"])
    #expect(note.status == 0)
  }

  @Test("a FIFO at index.tsv or store.lock never blocks: the index is rebuilt, the lock refused with a message")
  func storeFilesAsFIFOs() throws {
    let temp = TemporaryStore()
    let good = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    Plant.fifo(temp.path("index.tsv"))
    let index = try runProduct("svangre", ["--store", temp.directory, "record", "list"], timeout: 10)
    #expect(!index.timedOut && index.status == 0 && index.stdout.contains("Anne Hansen"))
    var info = stat()
    #expect(lstat(temp.path("index.tsv"), &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    Plant.fifo(temp.path("index.tsv"))
    let checked = try runProduct("svangre", ["--store", temp.directory, "store", "check"], timeout: 10)
    #expect(!checked.timedOut && checked.status == 3 && checked.stdout.contains("index.tsv"))
    #expect(lstat(temp.path("index.tsv"), &info) == 0 && info.st_mode & S_IFMT == S_IFREG)

    Plant.fifo(temp.path("store.lock"))
    let cli = try messages(temp, ["record", "note", good.id, "--text", "x", "--author", "AB"])
    #expect(!cli.da.timedOut && !cli.en.timedOut)
    #expect(cli.da.status == 3 && cli.da.stderr.contains("ikke en almindelig fil"))
    #expect(cli.en.status == 3 && cli.en.stderr.contains("\(temp.path("store.lock")): it is not an ordinary file"))
    #expect(try temp.open().load(good.id).revision == 1)
    let check = try runProduct(
      "svangre", ["--store", temp.directory, "store", "check", "--format", "json"], timeout: 10)
    #expect(!check.timedOut && check.status == 3 && check.stdout.contains("\"store.lock\""))
  }
}
