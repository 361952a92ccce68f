import Foundation
import SvangreRules
import SvangreTestSupport
import Testing

@testable import SvangreStore

@Suite("The store holds every free text to one limit")
struct StoreLimitTests {
  let temp = TemporaryStore()

  @Test("50 MB of text is refused at once, wherever it is given")
  func hugeText() throws {
    let store = try temp.open()
    let record = try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    let huge = String(repeating: "x", count: 50_000_000)
    let seconds = threadCPUSeconds {
      #expect(throws: StoreError.invalidInput(field: "text", reason: "format")) {
        try store.addNote(record.id, basedOn: 1, text: huge, author: "AB")
      }
      #expect(throws: StoreError.invalidInput(field: "override_reason", reason: "format")) {
        try store.appendVisitation(
          record.id, basedOn: 1, visitation: sampleVisitation(level: 2, override: huge), author: "AB")
      }
      #expect(throws: StoreError.invalidInput(field: "reason", reason: "format")) {
        try store.close(record.id, basedOn: 1, reason: huge, author: "AB")
      }
      #expect(throws: StoreError.invalidInput(field: "name", reason: "format")) {
        try store.createRecord(name: huge, cpr: "010190-1234", author: "AB")
      }
    }
    #expect(seconds < 2)
    #expect(try store.load(record.id).revision == 1)
  }

  @Test("The limit is the same number for a note, an override reason and a correction")
  func sameLimit() throws {
    let store = try temp.open()
    var record = try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    let longest = String(repeating: "æ", count: InputLimits.freeTextCharacters)
    record = try store.addNote(record.id, basedOn: record.revision, text: longest, author: "AB")
    record = try store.appendVisitation(
      record.id, basedOn: record.revision, visitation: sampleVisitation(level: 2, override: longest),
      author: "AB")
    record = try store.amend(
      record.id, basedOn: record.revision, field: .note, target: 1, value: "kort", reason: longest,
      author: "AB")
    for field in ["text", "override_reason", "reason"] {
      let tooLong = longest + "æ"
      #expect(throws: StoreError.invalidInput(field: field, reason: "format")) {
        switch field {
        case "text": _ = try store.addNote(record.id, basedOn: record.revision, text: tooLong, author: "AB")
        case "override_reason":
          _ = try store.appendVisitation(
            record.id, basedOn: record.revision, visitation: sampleVisitation(level: 2, override: tooLong),
            author: "AB")
        default:
          _ = try store.amend(
            record.id, basedOn: record.revision, field: .note, target: 1, value: "ny", reason: tooLong,
            author: "AB")
        }
      }
    }
  }

  @Test("Year 9999 is refused for a due date and a birth date")
  func years() throws {
    let store = try temp.open()
    #expect(throws: StoreError.invalidInput(field: "due_date", reason: "range")) {
      try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB", dueDate: "9999-12-31")
    }
    let record = try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB", dueDate: "2027-05-20")
    #expect(throws: StoreError.invalidInput(field: "date", reason: "range")) {
      try store.recordBirth(
        record.id, basedOn: 1,
        birth: BirthEvent(
          date: CalendarDate(iso: "1900-01-01")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false),
        author: "AB")
    }
  }

  @Test("A record file that gives a key twice is damaged, not read with one of the two values")
  func duplicateKeyInFile() throws {
    let store = try temp.open()
    let record = try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    let path = temp.path(record.id + ".json")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let doubled = text.replacingOccurrences(of: #""name" : "Anna""#, with: #""name" : "Anna", "name" : "Bodil""#)
    #expect(doubled != text)
    try doubled.write(toFile: path, atomically: false, encoding: .utf8)
    #expect(throws: StoreError.damaged(id: record.id, damage: .invalid)) { try temp.open().load(record.id) }
  }
}

@Suite("An import takes no text a save would refuse")
struct ImportLimitTests {
  let temp = TemporaryStore()

  @Test("A record whose note is over the limit is named and nothing is imported")
  func longNote() throws {
    let source = TemporaryStore()
    let store = try source.open()
    let record = try store.createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    _ = try store.addNote(record.id, basedOn: 1, text: "kort", author: "AB")
    let export = String(decoding: try store.export(), as: UTF8.self)
    let long = String(repeating: "n", count: InputLimits.freeTextCharacters + 1)
    let tampered = Data(export.replacingOccurrences(of: #""text" : "kort""#, with: "\"text\" : \"\(long)\"").utf8)
    #expect(throws: StoreError.importRefused(id: record.id, reason: "invalid_record")) {
      try temp.open().importRecords(tampered)
    }
    #expect(try temp.open().list().isEmpty)
    #expect(try temp.open().importRecords(Data(export.utf8)).imported == [record.id])
  }
}
