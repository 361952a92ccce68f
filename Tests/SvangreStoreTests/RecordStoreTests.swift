import Foundation
import Glibc
import SvangreResources
import SvangreRules
import SvangreTestSupport
import Testing
@testable import SvangreStore

@Suite("Record store")
struct RecordStoreTests {
  @Test(
    "a created record reads back, lists with a masked CPR number and is found by search", arguments: Backend.allCases)
  func createListSearch(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let søs = try store.createRecord(
      name: "Søs Æbelø Ørnsholt", cpr: "010190-1234", author: "AB", parity: "nulliparous", dueDate: "2027-05-20")
    _ = try store.createRecord(name: "Anne Hansen", cpr: "020285-2345", author: "AB")
    _ = try store.createRecord(name: "Bodil Ørum", cpr: "0101911A23", author: "AB")
    #expect(søs.revision == 1 && søs.history.isEmpty)
    #expect(try store.load(søs.id) == søs)

    let list = try store.list()
    #expect(list.map(\.name) == ["Anne Hansen", "Bodil Ørum", "Søs Æbelø Ørnsholt"])
    #expect(list.map(\.maskedCPR) == ["020285-XXXX", "010191-XXXX", "010190-XXXX"])
    #expect(list[2].dueDate == "2027-05-20")

    for query in ["ørn", "ORN", "Ørnsholt", "æbelø", "aebelo", "sos"] {
      #expect(try store.search(query).map(\.id) == [søs.id], "\(query)")
    }
    #expect(try store.search("ør").map(\.name) == ["Bodil Ørum", "Søs Æbelø Ørnsholt"])
    #expect(try store.search("0101").map(\.name) == ["Bodil Ørum", "Søs Æbelø Ørnsholt"])
    #expect(try store.search("010190-12").map(\.id) == [søs.id])
    #expect(try store.search("0101911a").map(\.name) == ["Bodil Ørum"])
    #expect(try store.search("zzz").isEmpty)
    #expect(try store.search("1234").isEmpty)  // a CPR search matches the start only

    // A second store instance (another terminal) sees the same records.
    #expect(try temp.store().list().map(\.id) == list.map(\.id))
  }

  @Test("names are stored in NFC", arguments: Backend.allCases)
  func nfc(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let decomposed = "Søs A\u{030A}berg"  // Å as A + combining ring
    let record = try store.createRecord(name: decomposed, cpr: "010190-1234", author: "AB")
    #expect(
      record.woman.name.unicodeScalars.map(\.value)
        == "Søs Åberg".precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value))
    #expect(try store.search("aberg").count == 1)
  }

  @Test(
    "refused input: missing author, invalid CPR, unknown id, no CPR number in the error", arguments: Backend.allCases)
  func refusals(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    #expect(throws: StoreError.invalidInput(field: "author", reason: "missing")) {
      try store.createRecord(name: "A", cpr: "010190-1234", author: " ")
    }
    #expect(throws: StoreError.invalidInput(field: "cpr", reason: "date")) {
      try store.createRecord(name: "A", cpr: "310290-1234", author: "AB")
    }
    #expect(throws: StoreError.unknownRecord(id: "nosuchrecord")) { try store.load("nosuchrecord") }
    #expect(throws: StoreError.unknownRecord(id: "../etc/passwd")) { try store.load("../etc/passwd") }
    let error = StoreError.invalidInput(field: "cpr", reason: "date")
    #expect(error.exitCode == 2)
    #expect(!error.messageArguments.values.contains { $0.contains("310290") })
    #expect(try store.list().isEmpty)
  }

  @Test("the audit trail: a correction keeps the original value, who and when")
  func auditTrail() throws {
    let temp = TemporaryStore()
    var now = Date(timeIntervalSince1970: 1_795_000_000)
    let store = try FileRecordStore(directory: temp.directory, clock: WallClock { now })
    var record = try store.createRecord(name: "Søs Æbelø", cpr: "010190-1234", author: "AB")
    record = try store.appendVisitation(
      record.id, basedOn: record.revision, visitation: sampleVisitation(level: 3, override: "klinisk skøn"),
      author: "AB")
    record = try store.addNote(record.id, basedOn: record.revision, text: "Ryger 10/dag", author: "AB")
    now += 3_600
    record = try store.amend(
      record.id, basedOn: record.revision, field: .name, value: "Søs Ørnsholt", reason: "Gift", author: "CD")
    record = try store.amend(
      record.id, basedOn: record.revision, field: .level, target: 1, value: "2", reason: "Fejltastning",
      author: "CD")
    record = try store.amend(
      record.id, basedOn: record.revision, field: .note, target: 2, value: "Ryger 5/dag",
      reason: "Hørt forkert",
      author: "EF")

    let reread = try temp.open().load(record.id)
    #expect(reread.name == "Søs Ørnsholt")
    #expect(reread.woman.name == "Søs Æbelø")  // the original stays
    let nameFix = try #require(reread.amendments.first)
    #expect(nameFix.amendment.old == .string("Søs Æbelø"))
    #expect(nameFix.amendment.new == .string("Søs Ørnsholt"))
    #expect(nameFix.author == "CD" && nameFix.amendment.reason == "Gift")
    #expect(nameFix.at == Timestamp.iso(now))
    #expect(reread.visitations[0].level == 2)
    #expect(reread.visitations[0].visitation.level == 3)
    #expect(reread.visitations[0].amendments.map(\.author) == ["CD"])
    #expect(reread.notes[0].text == "Ryger 5/dag" && reread.notes[0].originalText == "Ryger 10/dag")
    #expect(reread.history.map(\.seq) == [1, 2, 3, 4, 5])
    #expect(reread.revision == 6)

    // The file keeps every original value, readable as text.
    let text = try String(contentsOfFile: temp.path(record.id + ".json"), encoding: .utf8)
    for original in ["Søs Æbelø", "Ryger 10/dag", "\"old\""] { #expect(text.contains(original)) }

    // A correction must name an entry of the right kind, and change something.
    #expect(throws: StoreError.invalidInput(field: "target", reason: "not_note")) {
      try store.amend(record.id, basedOn: 6, field: .note, target: 1, value: "x", reason: "y", author: "CD")
    }
    #expect(throws: StoreError.invalidInput(field: "value", reason: "unchanged")) {
      try store.amend(record.id, basedOn: 6, field: .name, value: "Søs Ørnsholt", reason: "y", author: "CD")
    }
    #expect(throws: StoreError.invalidInput(field: "reason", reason: "missing")) {
      try store.amend(record.id, basedOn: 6, field: .name, value: "Anna", reason: " ", author: "CD")
    }
  }

  @Test("birth and closing: a closed record takes notes and corrections but no visitation", arguments: Backend.allCases)
  func birthAndClose(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    var record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    record = try store.recordBirth(
      record.id, basedOn: 1,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false
      ),
      author: "AB")
    #expect(record.status == .delivered)
    #expect(throws: StoreError.invalidInput(field: "birth", reason: "exists")) {
      try store.recordBirth(
        record.id, basedOn: 2,
        birth: BirthEvent(
          date: CalendarDate(iso: "2027-05-18")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false),
        author: "AB")
    }
    record = try store.close(record.id, basedOn: 2, reason: "Efterfødselsforløb afsluttet", author: "AB")
    #expect(record.status == .closed)
    #expect(throws: StoreError.closed(id: record.id)) {
      try store.appendVisitation(record.id, basedOn: 3, visitation: sampleVisitation(), author: "AB")
    }
    record = try store.addNote(record.id, basedOn: 3, text: "Efterskrift", author: "AB")
    #expect(try store.list().first?.status == .closed)
  }

  @Test("a save from a stale copy is refused, saying who changed the record and when", arguments: Backend.allCases)
  func staleCopy(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let clock = WallClock.fixed(testClockTime)
    let first = try temp.store(clock: clock)
    let second = try temp.store(clock: clock)
    let record = try first.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    let mine = try second.load(record.id)
    _ = try first.addNote(record.id, basedOn: record.revision, text: "først", author: "AB")
    do {
      _ = try second.addNote(record.id, basedOn: mine.revision, text: "anden", author: "CD")
      Issue.record("a stale save was accepted")
    } catch {
      #expect(error == .staleCopy(id: record.id, changedBy: "AB", at: Timestamp.iso(clock.now())))
      #expect(error.exitCode == 2)
      let message = Catalogue.english(error)
      #expect(message.hasPrefix("Not saved: changed by AB at "))
      #expect(message.hasSuffix("Open it again and redo."))
      #expect(message.contains("at \(Timestamp.minutes(Timestamp.iso(clock.now()))). "), "\(message)")
    }
    let final = try first.load(record.id)
    #expect(final.notes.map(\.text) == ["først"])
  }

  @Test("a held lock gives a clear error after a short wait, not a hang")
  func heldLock() throws {
    let temp = TemporaryStore()
    let store = try temp.open(lockTimeout: 0.3)
    let record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    let fd = open(temp.path("store.lock"), O_RDWR)
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    defer { close(fd) }
    let started = ContinuousClock.now
    #expect {
      try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
    } throws: { error in
      guard case .locked = error as? StoreError else { return false }
      return (error as! StoreError).exitCode == 3
    }
    #expect(ContinuousClock.now - started < .seconds(2))
    // The message says who holds it and since when: the kernel names this process, and
    // the lock file's line is this process's own (from createRecord), so its time counts.
    do {
      _ = try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
    } catch {
      let message = Catalogue.english(error)
      #expect(message.hasPrefix("The record store is in use by "))
      // Locked on the store clock's day: the time alone, from that clock, not the real one.
      let time = Timestamp.iso(testClockTime).dropFirst(11).prefix(5)
      #expect(message.contains("(process \(getpid())) since \(time). "), "\(message)")
    }
    // Reading does not need the lock.
    #expect(try store.load(record.id).revision == 1)
    #expect(try store.list().count == 1)
  }

  @Test("files are 0600 and the directory 0700 under umask 022 and under umask 0")
  func permissions() throws {
    for mask: mode_t in [0o022, 0o000] {
      let temp = TemporaryStore()
      let old = umask(mask)
      defer { umask(old) }
      let store = try temp.open()
      var record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
      record = try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
      #expect(fileMode(temp.directory) == 0o700)
      #expect(fileMode(temp.path(record.id + ".json")) == 0o600)
      #expect(fileMode(temp.path("store.lock")) == 0o600)
      #expect(fileMode(temp.path("index.tsv")) == 0o600)
      #expect(try store.check().passed)
    }
  }

  @Test("a store directory others may list is refused, never chmodded; a file others may read fails the check")
  func loosePermissions() throws {
    let temp = TemporaryStore()
    let record = try temp.open().createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    chmod(temp.directory, 0o755)
    #expect(throws: StoreError.untrustedFile(path: temp.directory, problem: .openToOthers)) { try temp.open() }
    #expect(fileMode(temp.directory) == 0o755)
    chmod(temp.directory, 0o700)
    chmod(temp.path(record.id + ".json"), 0o644)
    let store = try temp.open()
    let report = try store.check()
    #expect(report.loosePermissions == [record.id])
    #expect(!report.passed)
  }

  @Test("export and import round trip; import verifies and never overwrites", arguments: Backend.allCases)
  func exportImport(_ backend: Backend) throws {
    let source = TemporaryStore(backend)
    let store = try source.store()
    var a = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    a = try store.appendVisitation(a.id, basedOn: 1, visitation: sampleVisitation("a1"), author: "AB")
    a = try store.amend(a.id, basedOn: 2, field: .cpr, value: "010190-1235", reason: "Tastefejl", author: "CD")
    let b = try store.createRecord(name: "Anne Hansen", cpr: "0101901A12", author: "AB")
    let document = try store.export(ids: nil)

    let target = TemporaryStore(backend)
    let other = try target.store()
    let report = try other.importRecords(document)
    #expect(Set(report.imported) == [a.id, b.id])
    #expect(try other.load(a.id) == a)
    #expect(try other.load(b.id) == b)
    #expect(try other.check().passed)
    // Importing again changes nothing.
    #expect(try other.importRecords(document) == ImportReport(imported: [], alreadyPresent: [a.id, b.id].sorted()))
    // A different record under an existing id is refused, and nothing is written.
    _ = try other.addNote(b.id, basedOn: 1, text: "lokalt", author: "AB")
    #expect(throws: StoreError.exists(id: b.id)) { try other.importRecords(document) }
    #expect(try other.load(b.id).notes.map(\.text) == ["lokalt"])
    // One record exported alone imports alone.
    let single = try store.export(ids: [a.id])
    let third = TemporaryStore(backend)
    #expect(try third.store().importRecords(single).imported == [a.id])

    // Verification: a tampered record refuses the whole import.
    var text = String(decoding: document, as: UTF8.self)
    text = text.replacingOccurrences(of: "\"revision\" : 3", with: "\"revision\" : 9")
    let fourth = TemporaryStore(backend)
    #expect(throws: StoreError.importRefused(id: a.id, reason: "invalid_record")) {
      try fourth.store().importRecords(Data(text.utf8))
    }
    #expect(try fourth.store().list().isEmpty)
    #expect(throws: StoreError.importRefused(id: nil, reason: "not_export")) {
      try fourth.store().importRecords(Data("[1,2]".utf8))
    }
  }

  @Test("the index is only a cache: a garbage index, a stale line or a copied-in file never give a wrong list")
  func indexIsACache() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    var record = try store.createRecord(name: "Anne Hansen", cpr: "010190-1234", author: "AB")
    let other = try store.createRecord(name: "Bodil Berg", cpr: "010190-2234", author: "AB")
    // A change the index never heard of (as after a crash between rename and append):
    // rewrite the record file behind the store's back.
    record = try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
    let saved = try Data(contentsOf: URL(fileURLWithPath: temp.path(record.id + ".json")))
    try FileManager.default.removeItem(atPath: temp.path(record.id + ".json"))
    try saved.write(to: URL(fileURLWithPath: temp.path(record.id + ".json")))
    #expect(try temp.open().list().first { $0.id == record.id }?.revision == 2)

    try Data("garbage\tgarbage\n\u{0}".utf8).write(to: URL(fileURLWithPath: temp.path("index.tsv")))
    #expect(try temp.open().list().map(\.id) == [record.id, other.id])

    // A torn last line (a writer killed mid-append) neither hides records nor spoils the next line.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp.path("index.tsv")))
    handle.seekToEndOfFile()
    handle.write(Data("r\t\(other.id)\t12".utf8))
    try handle.close()
    let fresh = try temp.open()
    _ = try fresh.addNote(other.id, basedOn: 1, text: "y", author: "AB")
    #expect(try temp.open().list().map(\.revision) == [2, 2])
    #expect(StoreIndex.read(directory: try StoreDirectory.open(path: temp.directory)).entries[other.id]?.revision == 2)
  }
}

/// Renders store errors with the English catalogue, as a user would read them.
enum Catalogue {
  static func english(_ error: StoreError) -> String {
    StringCatalog(language: .en)(error.messageKey, error.messageArguments)
  }
}
