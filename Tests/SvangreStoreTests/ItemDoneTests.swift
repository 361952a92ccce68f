import Foundation
import SvangreResources
import SvangreRules
import Testing
@testable import SvangreStore

/// "Item done" entries: attendance recorded item by item (issue 11). The sample
/// visitation is a nulliparous woman due 2027-05-20 (0+0 on 2026-08-13), seen 2026-11-23.
@Suite("Item done")
struct ItemDoneTests {
  static let today = CalendarDate(iso: "2027-01-20")!

  /// A store with one record holding the sample visitation.
  func recordWithVisitation(_ temp: TemporaryStore) throws -> (any RecordStore, PregnancyRecord) {
    let store = try temp.store()
    let record = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    let visited = try store.appendVisitation(
      record.id, basedOn: 1, visitation: sampleVisitation(), author: "AB")
    return (store, visited)
  }

  /// Records `item` done on `date` by AB, on the tests' today.
  func markDone(_ store: any RecordStore, _ id: String, revision: Int, _ item: String, _ date: String) throws
    -> PregnancyRecord
  {
    try store.recordDone(
      id, basedOn: revision, done: ItemDone(item: item, date: date), author: "AB", today: Self.today)
  }

  @Test("an item done is saved, reads back, and makes the record schema version 2", arguments: Backend.allCases)
  func saveAndReadBack(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try recordWithVisitation(temp)
    #expect(record.schemaVersion == 1, "a record without item-done entries stays version 1")
    let saved = try store.recordDone(
      record.id, basedOn: record.revision,
      done: ItemDone(item: " midwife_13_15 ", date: "2026-11-23", note: "  kom med partner "), author: "CD",
      today: Self.today)
    #expect(saved.revision == 3 && saved.schemaVersion == 2)
    let reread = try temp.store().load(record.id)
    #expect(reread == saved)
    let view = try #require(reread.doneItems.first)
    #expect(view.item == "midwife_13_15" && view.date == "2026-11-23" && view.author == "CD")
    #expect(view.recorded.note == "kom med partner" && !view.cancelled)
    #expect(reread.recordedAttendance == [AttendedItem(id: "midwife_13_15", date: CalendarDate(iso: "2026-11-23")!)])
    if backend == .files {
      let file = try String(contentsOfFile: temp.path(record.id + ".json"), encoding: .utf8)
      #expect(file.contains("\"kind\" : \"done\"") && file.contains("\"schema_version\" : 2"))
    }
    #expect(try temp.store().check().passed)
    // An export of it is version 2 and imports into another store (of the other backend
    // too) unchanged.
    let export = try store.export()
    #expect(String(decoding: export, as: UTF8.self).contains("\"schema_version\" : 2"))
    for target in Backend.allCases {
      let other = TemporaryStore(target)
      _ = try other.store().importRecords(export)
      #expect(try other.store().load(record.id) == saved)
    }
  }

  @Test("the note is optional: none, or only white space, is stored as null", arguments: Backend.allCases)
  func noNote(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try recordWithVisitation(temp)
    let saved = try store.recordDone(
      record.id, basedOn: 2, done: ItemDone(item: "scan_11_14", date: "2026-11-20", note: "  "),
      author: "CD", today: Self.today)
    #expect(saved.doneItems.first?.recorded.note == nil)
  }

  @Test(
    "refusals name the field and reason, and save nothing",
    arguments: [
      (ItemDone(item: "scan_99", date: "2026-11-23"), "AB", "done.item", "unknown"),
      (ItemDone(item: "", date: "2026-11-23"), "AB", "done.item", "missing"),
      // midwife_36 is the multiparous woman's; she is nulliparous.
      (ItemDone(item: "midwife_36", date: "2026-11-23"), "AB", "done.item", "not_in_programme"),
      // The postnatal contacts are not schedule items.
      (ItemDone(item: "pn_midwife_home_day1", date: "2026-11-23"), "AB", "done.item", "unknown"),
      (ItemDone(item: "midwife_13_15", date: "2027-01-21"), "AB", "done.date", "future"),
      (ItemDone(item: "midwife_13_15", date: "2026-08-12"), "AB", "done.date", "before_pregnancy"),
      (ItemDone(item: "midwife_13_15", date: "2026-02-30"), "AB", "done.date", "format"),
      (ItemDone(item: "midwife_13_15", date: "9999-01-01"), "AB", "done.date", "range"),
      (ItemDone(item: "midwife_13_15", date: "2026-11-23"), "A.B.", "author", "format"),
      (ItemDone(item: "midwife_13_15", date: "2026-11-23"), " ", "author", "missing"),
      (
        ItemDone(item: "midwife_13_15", date: "2026-11-23", note: String(repeating: "x", count: 20_001)), "AB",
        "done.note", "format"
      ),
    ])
  func refusals(done: ItemDone, author: String, field: String, reason: String) throws {
    let temp = TemporaryStore()
    let (store, record) = try recordWithVisitation(temp)
    #expect(throws: StoreError.invalidInput(field: field, reason: reason)) {
      try store.recordDone(record.id, basedOn: 2, done: done, author: author, today: Self.today)
    }
    #expect(try temp.open().load(record.id).revision == 2)
    // Every refusal has its words in both languages.
    for language in [Language.da, .en] {
      let key = StoreError.invalidInput(field: field, reason: reason).messageKey
      #expect(StringCatalog(language: language)(key) != key)
    }
  }

  @Test("the first day of the pregnancy (0+0) and today are accepted", arguments: Backend.allCases)
  func edges(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try recordWithVisitation(temp)
    var saved = try markDone(store, record.id, revision: 2, "gp_6_10", "2026-08-13")
    saved = try markDone(store, record.id, revision: saved.revision, "scan_18_20", "2027-01-20")
    #expect(saved.doneItems.map(\.date) == ["2026-08-13", "2027-01-20"])
  }

  @Test(
    "no programme before a visitation; one item once; nothing on a closed record; after the birth",
    arguments: Backend.allCases)
  func recordStateRefusals(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let bare = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB", dueDate: "2027-05-20")
    #expect(throws: StoreError.invalidInput(field: "done.item", reason: "no_programme")) {
      try store.recordDone(
        bare.id, basedOn: 1, done: ItemDone(item: "gp_6_10", date: "2026-10-01"), author: "AB",
        today: Self.today)
    }
    let (_, record) = try recordWithVisitation(temp)
    let done = try markDone(store, record.id, revision: 2, "midwife_13_15", "2026-11-23")
    #expect(throws: StoreError.invalidInput(field: "done.item", reason: "exists")) {
      try markDone(store, record.id, revision: 3, "midwife_13_15", "2026-11-24")
    }
    let born = try store.recordBirth(
      record.id, basedOn: done.revision,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-01-10")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false),
      author: "AB")
    #expect(throws: StoreError.invalidInput(field: "done.date", reason: "after_birth")) {
      try markDone(store, record.id, revision: born.revision, "scan_18_20", "2027-01-11")
    }
    let closed = try store.close(record.id, basedOn: born.revision, reason: "flyttet", author: "AB")
    #expect(throws: StoreError.closed(id: record.id)) {
      try markDone(store, record.id, revision: closed.revision, "scan_18_20", "2027-01-05")
    }
    // A stale copy saves nothing.
    #expect(throws: StoreError.self) {
      try markDone(store, record.id, revision: 2, "scan_18_20", "2027-01-05")
    }
  }

  @Test(
    "a correction keeps the original: the day corrected, the entry cancelled and restored", arguments: Backend.allCases)
  func corrections(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let (store, record) = try recordWithVisitation(temp)
    var saved = try markDone(store, record.id, revision: 2, "scan_11_14", "2026-11-19")
    let seq = try #require(saved.doneItems.first?.seq)
    saved = try store.amend(
      record.id, basedOn: saved.revision, field: .doneDate, target: seq, value: "2026-11-18",
      reason: "skrevet forkert", author: "CD")
    var view = try #require(saved.doneItems.first)
    #expect(view.date == "2026-11-18" && view.recorded.date == "2026-11-19")
    let correction = try #require(view.amendments.first)
    #expect(correction.author == "CD" && correction.amendment.reason == "skrevet forkert")
    #expect(correction.amendment.old == .string("2026-11-19") && correction.amendment.new == .string("2026-11-18"))
    #expect(saved.recordedAttendance.map(\.date.iso) == ["2026-11-18"])

    saved = try store.amend(
      record.id, basedOn: saved.revision, field: .doneCancelled, target: seq, value: "true",
      reason: "ikke mødt", author: "CD")
    #expect(saved.doneItems.first?.cancelled == true && saved.recordedAttendance.isEmpty)
    // Cancelled, the item may be recorded again; then the old entry cannot be restored.
    saved = try markDone(store, record.id, revision: saved.revision, "scan_11_14", "2026-11-20")
    #expect(throws: StoreError.invalidInput(field: "done.item", reason: "exists")) {
      try store.amend(
        record.id, basedOn: saved.revision, field: .doneCancelled, target: seq, value: "false",
        reason: "r", author: "CD")
    }
    view = try #require(try temp.store().load(record.id).doneItems.first)
    #expect(view.recorded == ItemDone(item: "scan_11_14", date: "2026-11-19"), "the original stays as written")
    #expect(throws: StoreError.invalidInput(field: "target", reason: "not_done")) {
      try store.amend(
        record.id, basedOn: saved.revision, field: .doneDate, target: 1, value: "2026-11-18",
        reason: "r", author: "CD")
    }
    #expect(throws: StoreError.invalidInput(field: "done.cancelled", reason: "format")) {
      try store.amend(
        record.id, basedOn: saved.revision, field: .doneCancelled, target: seq, value: "ja",
        reason: "r", author: "CD")
    }
    #expect(try temp.store().check().passed)
  }

  @Test("a record file with a done entry a save would refuse is damaged; an import refuses it")
  func readBackValidation() throws {
    let temp = TemporaryStore()
    let (store, record) = try recordWithVisitation(temp)
    _ = try markDone(store, record.id, revision: 2, "midwife_13_15", "2026-11-23")
    let path = temp.path(record.id + ".json")
    let whole = try String(contentsOfFile: path, encoding: .utf8)
    let changes = [
      ("\"schema_version\" : 2", "\"schema_version\" : 1"),
      ("\"item\" : \"midwife_13_15\"", "\"item\" : \"midwife_99\""),
      ("\"date\" : \"2026-11-23\"", "\"date\" : \"2026-11-31\""),
      ("\"note\" : null", "\"note\" : \"\""),
      ("\"note\" : null", "\"note\" : null, \"place\" : \"home\""),
    ]
    for (old, new) in changes {
      #expect(whole.contains(old))
      let bad = whole.replacingOccurrences(of: old, with: new)
      try Data(bad.utf8).write(to: URL(fileURLWithPath: path))
      #expect(throws: StoreError.damaged(id: record.id, damage: .invalid), "\(new)") {
        try temp.open().load(record.id)
      }
      #expect(try !temp.open().check().passed)
      #expect(throws: StoreError.self) { try TemporaryStore().open().importRecords(Data(bad.utf8)) }
    }
    try Data(whole.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try temp.open().check().passed)
  }

  @Test("a version-1 record written before item-done entries reads unchanged and stays version 1")
  func oldRecordsReadUnchanged() throws {
    let temp = TemporaryStore()
    let (store, record) = try recordWithVisitation(temp)
    let before = try Data(contentsOf: URL(fileURLWithPath: temp.path(record.id + ".json")))
    #expect(String(decoding: before, as: UTF8.self).contains("\"schema_version\" : 1"))
    let note = try store.addNote(record.id, basedOn: 2, text: "notat", author: "AB")
    #expect(note.schemaVersion == 1 && note.doneItems.isEmpty)
    let export = String(decoding: try store.export(), as: UTF8.self)
    #expect(export.contains("\"schema_version\" : 1"), "an export without item-done entries stays version 1")
  }
}
