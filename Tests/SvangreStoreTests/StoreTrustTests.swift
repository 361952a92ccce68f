import Foundation
import Glibc
import SvangreResources
import Testing
@testable import SvangreStore

/// Attacks on the store directory by someone who could put files in it: links, other
/// users' files, loose modes. The store trusts only what it made (docs/store.md,
/// "Threat model").
@Suite("The store trusts only what it made")
struct StoreTrustTests {
  @Test("a link planted at store.lock is never followed: the save is refused and its target keeps its bytes")
  func lockSymlink() throws {
    let temp = TemporaryStore()
    let record = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let victim = try Plant.victim(temp)
    defer { unlink(victim) }
    Plant.symlink(temp.path("store.lock"), to: victim)
    let store = try temp.open()
    #expect(throws: StoreError.untrustedFile(path: temp.path("store.lock"), problem: .symlink)) {
      try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
    }
    #expect(Plant.contents(victim) == "precious\n")
    #expect(try store.load(record.id).revision == 1)
    let cli = try messages(temp, ["record", "note", record.id, "--text", "x", "--author", "AB"])
    #expect(cli.da.status == 3 && cli.en.status == 3)
    #expect(cli.da.stderr.contains("symbolsk link") && cli.da.stderr.contains("rm \(temp.path("store.lock"))"))
    #expect(cli.en.stderr.contains("symbolic link") && cli.en.stderr.contains("rm \(temp.path("store.lock"))"))
    #expect(Plant.contents(victim) == "precious\n")
    // store check names it too.
    #expect(try store.check().untrustedFiles == [UntrustedFile(name: "store.lock", problem: .symlink)])
  }

  @Test("a link planted at index.tsv is never written through: no name or CPR number reaches its target")
  func indexSymlink() throws {
    let temp = TemporaryStore()
    let first = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let victim = try Plant.victim(temp)
    defer { unlink(victim) }
    // A save appends its summary line (name, CPR number) to the index before anything
    // else reads it: the link must not take that line.
    Plant.symlink(temp.path("index.tsv"), to: victim)
    let store = try temp.open()
    _ = try store.addNote(first.id, basedOn: 1, text: "x", author: "AB")
    let second = try store.createRecord(name: "Bodil Berg", cpr: "020290-1234", author: "AB")
    #expect(Plant.contents(victim) == "precious\n")
    // A listing still works, and puts a real index in the link's place (only a cache).
    #expect(try temp.open().list().map(\.name) == ["Anne Hansen", "Bodil Berg"])
    #expect(!Plant.isSymlink(temp.path("index.tsv")))
    #expect(Plant.contents(temp.path("index.tsv")).contains(second.id))
    #expect(Plant.contents(victim) == "precious\n")
    // store check names a planted index, and replaces it in the same way.
    Plant.symlink(temp.path("index.tsv"), to: victim)
    let report = try temp.open().check()
    #expect(report.untrustedFiles == [UntrustedFile(name: "index.tsv", problem: .symlink)])
    #expect(!Plant.isSymlink(temp.path("index.tsv")))
    #expect(Plant.contents(victim) == "precious\n")
    #expect(try temp.open().check().passed)
  }

  @Test("a link at a record's name is not listed as genuine, and a save does not follow it")
  func recordSymlink() throws {
    let temp = TemporaryStore()
    let mine = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    // A whole, valid record made elsewhere, linked in under its own id.
    let elsewhere = TemporaryStore()
    let foreign = try elsewhere.open().createRecord(name: "Planted", cpr: "020290-1234", author: "XX")
    let target = elsewhere.path(foreign.id + ".json")
    let before = Plant.contents(target)
    Plant.symlink(temp.path(foreign.id + ".json"), to: target)
    let store = try temp.open()
    #expect(try store.list().map(\.id) == [mine.id])
    #expect(store.problems == [RecordProblem(id: foreign.id, damage: .notAFile)])
    #expect(throws: StoreError.damaged(id: foreign.id, damage: .notAFile)) { try store.load(foreign.id) }
    #expect(throws: StoreError.damaged(id: foreign.id, damage: .notAFile)) {
      try store.addNote(foreign.id, basedOn: 1, text: "x", author: "AB")
    }
    #expect(Plant.contents(target) == before)
    #expect(try store.check().problems == [RecordProblem(id: foreign.id, damage: .notAFile)])
    // Set aside like any damaged file: the link moves, its target stays.
    _ = try store.quarantine(foreign.id)
    #expect(try store.check().passed)
    #expect(Plant.contents(target) == before)
  }

  @Test("at a temp file's name a planted link is removed, never followed, and a directory is refused")
  func tempFile() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    let record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let victim = try Plant.victim(temp)
    defer { unlink(victim) }
    let tempName = temp.path("." + record.id + ".json.tmp")
    Plant.symlink(tempName, to: victim)
    #expect(try store.addNote(record.id, basedOn: 1, text: "x", author: "AB").revision == 2)
    #expect(Plant.contents(victim) == "precious\n")
    #expect(!FileManager.default.fileExists(atPath: tempName))
    // A directory cannot be removed in passing: the save says what is in the way (exit 3),
    // not an internal failure.
    #expect(mkdir(tempName, 0o700) == 0)
    #expect(throws: StoreError.untrustedFile(path: tempName, problem: .notAFile)) {
      try store.addNote(record.id, basedOn: 2, text: "y", author: "AB")
    }
    #expect(try store.load(record.id).revision == 2)
  }

  @Test("a store directory that belongs to another user is refused with a message saying why and what to do")
  func foreignDirectory() throws {
    let temp = TemporaryStore()
    _ = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let directory: String
    if geteuid() == 0 {
      // Root can give the store to another user (nobody), as another user would own it.
      #expect(chown(temp.directory, 65534, 65534) == 0)
      directory = temp.directory
    } else {
      // Without root, a directory root owns plays the other user's.
      directory = "/"
    }
    #expect(throws: StoreError.untrustedFile(path: directory, problem: .foreignOwner)) {
      try FileRecordStore(directory: directory, clock: .fixed(testClockTime))
    }
    let da = try runProduct("svangre", ["--store", directory, "record", "list"], timeout: 20)
    let en = try runProduct("svangre", ["--store", directory, "--lang", "en", "record", "list"], timeout: 20)
    #expect(da.status == 3 && en.status == 3)
    #expect(da.stderr.contains(directory) && da.stderr.contains("tilhører en anden bruger"))
    #expect(da.stderr.contains("--store MAPPE"))
    #expect(en.stderr.contains(directory) && en.stderr.contains("belongs to another user"))
    #expect(en.stderr.contains("--store DIR"))
  }

  @Test("a store directory others may write to is refused, not chmodded, with the chmod that fixes it")
  func writableDirectory() throws {
    let temp = TemporaryStore()
    let record = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    for mode: mode_t in [0o777, 0o770, 0o702] {
      chmod(temp.directory, mode)
      #expect(throws: StoreError.untrustedFile(path: temp.directory, problem: .writableByOthers)) {
        try temp.open()
      }
      #expect(fileMode(temp.directory) == mode, "the directory was changed")
    }
    let cli = try messages(temp, ["record", "show", record.id])
    #expect(cli.da.status == 3 && cli.en.status == 3)
    #expect(
      cli.da.stderr.contains("andre brugere kan ændre") && cli.da.stderr.contains("chmod go-rwx \(temp.directory)"))
    #expect(
      cli.en.stderr.contains("other users may change") && cli.en.stderr.contains("chmod go-rwx \(temp.directory)"))
    #expect(!cli.da.stdout.contains("Anne") && !cli.en.stdout.contains("Anne"))
    chmod(temp.directory, 0o700)
    #expect(try temp.open().load(record.id).name == "Anne Hansen")
  }

  /// A store with two records, both in the index.
  func twoIndexedRecords() throws -> (TemporaryStore, mine: PregnancyRecord, other: PregnancyRecord) {
    let temp = TemporaryStore()
    let store = try temp.open()
    let mine = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let other = try store.createRecord(name: "Bodil Berg", cpr: "020290-1234", author: "AB")
    #expect(try store.list().count == 2)
    return (temp, mine, other)
  }

  @Test(
    "a record file owned by another user is reported by check, not listed as genuine",
    .enabled(if: geteuid() == 0, "needs root to give a file to another user (chown)"))
  func foreignRecord() throws {
    let (temp, mine, planted) = try twoIndexedRecords()
    // chown keeps the file's inode, size and mtime: the index line still matches it.
    #expect(chown(temp.path(planted.id + ".json"), 65534, 65534) == 0)
    let fresh = try temp.open()
    #expect(try fresh.list().map(\.id) == [mine.id])
    #expect(fresh.problems == [RecordProblem(id: planted.id, damage: .foreignOwner)])
    #expect(throws: StoreError.damaged(id: planted.id, damage: .foreignOwner)) { try fresh.load(planted.id) }
    #expect(try fresh.check().problems == [RecordProblem(id: planted.id, damage: .foreignOwner)])
    let check = try messages(temp, ["store", "check", "--format", "json"])
    #expect(check.da.status == 3 && check.da.stdout.contains("damaged_record.foreign_owner"))
    #expect(check.da.stdout.contains("tilhører en anden bruger"))
    #expect(check.en.stdout.contains("belongs to another user"))
    #expect(!check.en.stdout.contains("020290"))
  }

  @Test("a record file others may write to is reported by check, not listed as genuine")
  func writableRecord() throws {
    let (temp, mine, loose) = try twoIndexedRecords()
    chmod(temp.path(loose.id + ".json"), 0o666)
    let fresh = try temp.open()
    #expect(try fresh.list().map(\.id) == [mine.id])
    #expect(fresh.problems == [RecordProblem(id: loose.id, damage: .writableByOthers)])
    let report = try fresh.check()
    #expect(!report.passed && report.problems == [RecordProblem(id: loose.id, damage: .writableByOthers)])
    let cli = try messages(temp, ["store", "check"])
    #expect(cli.da.status == 3 && cli.da.stdout.contains("andre brugere kan ændre filen"))
    #expect(cli.en.stdout.contains("other users may change its file") && cli.en.stdout.contains("chmod 600"))
  }

  @Test("directories made on the way to the store are 0700 under umask 000; existing ones are left alone")
  func createdDirectories() throws {
    let temp = TemporaryStore()
    let old = umask(0)
    defer { umask(old) }
    let store = temp.directory + "/home/.local/share/svangre"
    _ = try FileRecordStore(directory: store, clock: .fixed(testClockTime)).createRecord(
      name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    for path in [temp.directory, temp.directory + "/home", temp.directory + "/home/.local", store] {
      #expect(fileMode(path) == 0o700, "\(path)")
    }
    #expect(fileMode(NSTemporaryDirectory()) & 0o777 == 0o777)
  }

  @Test("store quarantine on a whole record names it, never {id}")
  func quarantineWholeRecord() throws {
    let temp = TemporaryStore()
    let record = try temp.open().createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let cli = try messages(temp, ["store", "quarantine", record.id])
    #expect(cli.da.status == 2 && cli.en.status == 2)
    #expect(cli.da.stderr.contains("Journal \(record.id) kan læses hel"))
    #expect(cli.en.stderr.contains("Record \(record.id) reads back whole"))
    #expect(!cli.da.stderr.contains("{") && !cli.en.stderr.contains("{"))
  }

  @Test("the lock message names the process that holds the lock, or says it is unknown")
  func lockHolder() throws {
    let temp = TemporaryStore()
    let store = try temp.open(lockTimeout: 0.3)
    // This process writes the lock file last, so the file names it…
    let record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    // …but another program holds the lock without writing its own line.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["--exclusive", "--no-fork", temp.path("store.lock"), "sleep", "30"]
    try holder.run()
    defer {
      kill(holder.processIdentifier, SIGKILL)
      holder.waitUntilExit()
    }
    let probe = open(temp.path("store.lock"), O_RDONLY)
    defer { close(probe) }
    var waited = 0
    while flock(probe, LOCK_EX | LOCK_NB) == 0 {
      flock(probe, LOCK_UN)
      usleep(10_000)
      waited += 1
      try #require(waited < 500, "flock(1) never took the lock")
    }
    do {
      _ = try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
      Issue.record("saved while the lock was held")
    } catch {
      let message = Catalogue.english(error)
      #expect(message.contains("(process \(holder.processIdentifier))"), "\(message)")
      #expect(!message.contains("process \(getpid())"), "named the last writer, not the holder")
      #expect(!message.contains("since"), "the time it shows is the last writer's")
    }
    // When the kernel's lock table does not name the holder, the message says so.
    let fd = open(temp.path("store.lock"), O_RDONLY)
    defer { close(fd) }
    let unknown = StoreLock.describeHolder(fd, now: testClockTime, locks: "/nonexistent")
    #expect(unknown.holder == nil && unknown.since == nil)
    let message = Catalogue.english(.locked(holder: unknown.holder, since: unknown.since))
    #expect(message.contains("cannot tell which") && !message.contains("?"))
  }
}
