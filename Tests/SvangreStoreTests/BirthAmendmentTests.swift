import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreStore

/// Corrections of a recorded birth: additions that keep the birth entry as written.
@Suite("Birth corrections")
struct BirthAmendmentTests {
  static let hospital = BirthEvent(
    date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false)

  /// The birth is typed (`CalendarDate`, `BirthPlace`) but stored as before: a birth
  /// entry written by an earlier svangre reads, and is written back in the same form.
  @Test(arguments: [
    #"{"child_loss":true,"date":"2027-05-18","discharge_hours":20,"place":"hospital","traumatic":false}"#,
    #"{"child_loss":false,"date":"2027-05-18","discharge_hours":null,"place":"home","traumatic":true}"#,
  ])
  func aStoredBirthReadsAndIsWrittenInItsForm(_ stored: String) throws {
    let birth = try JSONDecoder().decode(BirthEvent.self, from: Data(stored.utf8))
    #expect(
      birth.date == CalendarDate(iso: "2027-05-18") && birth.place == (stored.contains("home") ? .home : .hospital))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    #expect(String(decoding: try encoder.encode(birth), as: UTF8.self) == stored)
    for spoiled in [
      stored.replacingOccurrences(of: "2027-05-18", with: "2027-02-30"),
      stored.replacingOccurrences(of: "\"home\"", with: "\"sea\"").replacingOccurrences(
        of: "\"hospital\"", with: "\"sea\""),
    ] {
      #expect(throws: DecodingError.self) { try JSONDecoder().decode(BirthEvent.self, from: Data(spoiled.utf8)) }
    }
  }

  /// A store with a fixed clock and a record whose birth is recorded (revision 2).
  func delivered(_ temp: TemporaryStore, at now: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> (
    any RecordStore, PregnancyRecord
  ) {
    let store = try temp.store(clock: .fixed(now))
    let record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    return (store, try store.recordBirth(record.id, basedOn: 1, birth: Self.hospital, author: "AB"))
  }

  @Test(
    "each birth field: the recorded birth stays, the current view changes, who, when and why are kept",
    arguments: [
      (AmendableField.birthDate, "2027-05-17", JSONValue.string("2027-05-18"), JSONValue.string("2027-05-17")),
      (.birthPlace, "home", .string("hospital"), .string("home")),
      (.birthDischargeHours, "36.5", .number(20), .number(36.5)),
      (.birthTraumatic, "true", .bool(false), .bool(true)),
      (.birthChildLoss, "true", .bool(false), .bool(true)),
    ])
  func eachField(field: AmendableField, value: String, old: JSONValue, new: JSONValue) throws {
    let temp = TemporaryStore()
    let now = Date(timeIntervalSince1970: 1_795_003_600)
    let (_, record) = try delivered(temp)
    let store = try FileRecordStore(directory: temp.directory, clock: .fixed(now))
    _ = try store.amend(
      record.id, basedOn: 2, field: field, value: " \(value) ", reason: "Fejl ved indtastning", author: "CD")

    let reread = try temp.open().load(record.id)
    #expect(reread.revision == 3)
    // The birth entry is exactly as recorded.
    #expect(reread.recordedBirth?.birth == Self.hospital)
    guard case .birth(let written) = reread.history[0].content else {
      Issue.record("the birth entry is gone")
      return
    }
    #expect(written == Self.hospital)
    // The correction says what, from what, to what, who, when and why.
    let correction = try #require(reread.birthAmendments.first)
    #expect(reread.birthAmendments.count == 1)
    #expect(
      correction.amendment == Amendment(field: field, target: nil, old: old, new: new, reason: "Fejl ved indtastning"))
    #expect(correction.author == "CD" && correction.at == Timestamp.iso(now) && correction.seq == 2)
    // The current view has the new value and nothing else changed.
    let current = try #require(reread.birth?.birth)
    #expect(current.value(of: field) == new)
    for other in AmendableField.allCases where other.isBirth && other != field {
      #expect(current.value(of: other) == Self.hospital.value(of: other))
    }
    #expect(reread.birth?.entry.seq == 1)
    #expect(reread.status == .delivered)
    #expect(reread.structuralProblems(expectedID: record.id).isEmpty)
    // The file keeps the original value, readable as text.
    let text = try String(contentsOfFile: temp.path(record.id + ".json"), encoding: .utf8)
    #expect(text.contains("\"field\" : \"\(field.rawValue)\""))
  }

  @Test("the newest correction wins; the older ones and the recorded birth stay readable", arguments: Backend.allCases)
  func newestWins(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    var (store, record) = try delivered(temp)
    record = try store.amend(
      record.id, basedOn: 2, field: .birthDate, value: "2027-05-17", reason: "første", author: "CD")
    record = try store.amend(
      record.id, basedOn: 3, field: .birthDate, value: "2027-05-16", reason: "anden", author: "EF")
    #expect(record.birth?.birth.date.iso == "2027-05-16")
    #expect(record.recordedBirth?.birth.date.iso == "2027-05-18")
    #expect(record.birthAmendments.map(\.amendment.old) == [.string("2027-05-18"), .string("2027-05-17")])
    #expect(record.birthAmendments.map(\.author) == ["CD", "EF"])
  }

  @Test("a closed record's birth can still be corrected", arguments: Backend.allCases)
  func closedRecord(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    var (store, record) = try delivered(temp)
    record = try store.close(record.id, basedOn: 2, reason: "Afsluttet", author: "AB")
    record = try store.amend(
      record.id, basedOn: 3, field: .birthTraumatic, value: "true", reason: "Efter samtale", author: "AB")
    #expect(record.birth?.birth.traumatic == true && record.status == .closed)
  }

  @Test(
    "refused: no birth yet, bad values, an unchanged value, a hospital birth without hours, a stale copy",
    arguments: Backend.allCases)
  func refusals(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    let pregnant = try store.createRecord(name: "C D", cpr: "010190-1234", author: "AB")
    #expect(throws: StoreError.invalidInput(field: "birth", reason: "missing")) {
      try store.amend(
        pregnant.id, basedOn: 1, field: .birthDate, value: "2027-05-17", reason: "x", author: "AB")
    }

    let (_, record) = try delivered(temp)
    let bad: [(AmendableField, String)] = [
      (.birthDate, "17-05-2027"), (.birthDate, "2027-02-30"), (.birthPlace, "car"), (.birthPlace, ""),
      (.birthDischargeHours, "-1"), (.birthDischargeHours, "1345"), (.birthDischargeHours, "many"),
      (.birthDischargeHours, "nan"), (.birthTraumatic, "yes"), (.birthChildLoss, "1"),
    ]
    for (field, value) in bad {
      #expect(throws: StoreError.invalidInput(field: field.rawValue, reason: "format"), "\(field) \(value)") {
        try store.amend(record.id, basedOn: 2, field: field, value: value, reason: "x", author: "AB")
      }
    }
    #expect(throws: StoreError.invalidInput(field: "value", reason: "unchanged")) {
      try store.amend(record.id, basedOn: 2, field: .birthPlace, value: "hospital", reason: "x", author: "AB")
    }
    #expect(throws: StoreError.invalidInput(field: "reason", reason: "missing")) {
      try store.amend(record.id, basedOn: 2, field: .birthPlace, value: "home", reason: " ", author: "AB")
    }

    // A home birth without discharge hours cannot become a hospital birth until it has them.
    let home = try store.recordBirth(
      pregnant.id, basedOn: 1,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-05-18")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false),
      author: "AB")
    #expect(throws: StoreError.invalidInput(field: "birth.discharge_hours", reason: "missing")) {
      try store.amend(home.id, basedOn: 2, field: .birthPlace, value: "hospital", reason: "x", author: "AB")
    }
    _ = try store.amend(
      home.id, basedOn: 2, field: .birthDischargeHours, value: "30", reason: "Overflyttet", author: "AB")
    let moved = try store.amend(
      home.id, basedOn: 3, field: .birthPlace, value: "hospital", reason: "Overflyttet", author: "AB")
    #expect(
      moved.birth?.birth
        == BirthEvent(
          date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 30, traumatic: false,
          childLoss: false))

    // A correction from a stale copy is refused, saying who changed the record.
    _ = try store.addNote(record.id, basedOn: 2, text: "Efterfødsel", author: "EF")
    #expect(throws: StoreError.self) {
      try store.amend(record.id, basedOn: 2, field: .birthPlace, value: "home", reason: "x", author: "AB")
    }
    do {
      _ = try store.amend(record.id, basedOn: 2, field: .birthPlace, value: "home", reason: "x", author: "AB")
    } catch {
      guard case .staleCopy(let id, let author, _) = error else {
        Issue.record("not a stale copy: \(error)")
        return
      }
      #expect(id == record.id && author == "EF")
    }
    // Nothing refused was saved.
    let final = try store.load(record.id)
    #expect(final.birthAmendments.isEmpty && final.revision == 3)
    #expect(try store.load(pregnant.id).revision == 4)
  }

  @Test("every new message is in both catalogues")
  func messages() throws {
    let errors: [StoreError] =
      [
        .invalidInput(field: "birth", reason: "missing"),
        .invalidInput(field: "birth.date", reason: "future"),
        .invalidInput(field: "birth.discharge_hours", reason: "missing"),
      ] + AmendableField.allCases.filter(\.isBirth).map { .invalidInput(field: $0.rawValue, reason: "format") }
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      for error in errors {
        #expect(strings(error.messageKey, error.messageArguments) != error.messageKey, "\(language) \(error)")
      }
    }
  }

  @Test("a birth correction before the birth it corrects is not a whole record")
  func structure() throws {
    let temp = TemporaryStore()
    var (store, record) = try delivered(temp)
    record = try store.amend(
      record.id, basedOn: 2, field: .birthPlace, value: "home", reason: "x", author: "AB")
    record.history.swapAt(0, 1)
    record.history[0].seq = 1
    record.history[1].seq = 2
    #expect(record.structuralProblems().contains("amendment_target"))
  }
}

@Suite("CLI birth corrections", .serialized)
struct CLIBirthAmendmentTests {
  let temp = TemporaryStore()

  func svangre(_ arguments: [String], lang: String = "en") throws -> ProcessResult {
    try runProduct("svangre", ["--store", temp.directory, "--lang", lang] + arguments)
  }

  func amend(_ id: String, _ field: String, _ value: String, today: String = "2027-05-20") throws -> ProcessResult {
    try svangre([
      "record", "amend", id, "--field", field, "--value", value, "--reason", "Rettet efter epikrise", "--author",
      "CD", "--today", today, "--format", "json",
    ])
  }

  @Test("record amend corrects the birth; record show gives the original, the new value, who, when and why")
  func amendAndShow() throws {
    let id = try svangre(["record", "new", "--name", "A B", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .newlines)
    let none = try amend(id, "birth.date", "2027-05-17")
    #expect(none.status == 2 && none.stderr.contains("No birth is recorded"))
    #expect(
      try svangre([
        "record", "birth", id, "--date", "2027-05-18", "--place", "hospital", "--discharge-hours", "20", "--author",
        "AB", "--today", "2027-05-20",
      ]).status == 0)

    // Refused: a date after --today, bad values, an unknown field; nothing saved.
    let future = try amend(id, "birth.date", "2027-05-21")
    #expect(future.status == 2 && future.stderr.contains("after today"))
    #expect(try amend(id, "birth.date", "2027-05-21", today: "2027-05-21").status == 0)
    #expect(try amend(id, "birth.date", "2027-05-17").status == 0)
    let refused = [
      ("birth.date", "18/05/2027"), ("birth.place", "car"), ("birth.discharge_hours", "2000"),
      ("birth.traumatic", "maybe"), ("birth.weight", "3500"),
    ]
    for (field, value) in refused {
      let result = try amend(id, field, value)
      #expect(result.status == 2, "\(field) \(value)")
      #expect(result.stdout.contains("\"code\":\"invalid_input\""))
    }
    let saved = try amend(id, "birth.discharge_hours", "48")
    #expect(saved.status == 0 && saved.stdout.contains("\"revision\":5"))
    #expect(try amend(id, "birth.child_loss", "true").status == 0)
    #expect(try amend(id, "birth.place", "home").status == 0)
    let stale = try svangre([
      "record", "amend", id, "--field", "birth.traumatic", "--value", "true", "--reason", "x", "--author", "CD",
      "--expect-revision", "5",
    ])
    #expect(stale.status == 2 && stale.stderr.contains("changed by CD at"))

    let show = try svangre(["record", "show", id, "--format", "json"])
    #expect(show.status == 0)
    let record = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    #expect(record["revision"] as? Int == 7)
    let birth = try #require(record["birth"] as? [String: Any])
    #expect(birth["date"] as? String == "2027-05-17" && birth["place"] as? String == "home")
    #expect(birth["discharge_hours"] as? Double == 48 && birth["child_loss"] as? Bool == true)
    #expect(birth["traumatic"] as? Bool == false)
    let recorded = try #require(birth["recorded"] as? [String: Any])
    #expect(recorded["date"] as? String == "2027-05-18" && recorded["place"] as? String == "hospital")
    #expect(recorded["discharge_hours"] as? Double == 20 && recorded["child_loss"] as? Bool == false)
    let corrections = try #require(birth["amendments"] as? [[String: Any]])
    #expect(
      corrections.map { $0["field"] as? String } == [
        "birth.date", "birth.date", "birth.discharge_hours", "birth.child_loss", "birth.place",
      ])
    #expect(corrections[0]["old"] as? String == "2027-05-18" && corrections[0]["new"] as? String == "2027-05-21")
    #expect(corrections[1]["old"] as? String == "2027-05-21" && corrections[1]["new"] as? String == "2027-05-17")
    #expect(corrections[4]["old"] as? String == "hospital" && corrections[4]["new"] as? String == "home")
    for correction in corrections {
      #expect(correction["author"] as? String == "CD")
      #expect(correction["reason"] as? String == "Rettet efter epikrise")
      #expect((correction["at"] as? String)?.count == 25)
    }
    #expect((record["amendments"] as? [Any])?.count == 5)

    let english = try svangre(["record", "show", id, "--format", "text"])
    #expect(english.stdout.contains("Birth: born 2027-05-18, hospital"))
    #expect(
      english.stdout.contains("CD  Correction: birth date changed from “2027-05-21” to “2027-05-17”; reason: Rettet"))
    #expect(english.stdout.contains("discharge hours changed from “20” to “48”"))
    #expect(english.stdout.contains("child loss changed from “no” to “yes”"))
    #expect(english.stdout.contains("birth place changed from “hospital” to “home”"))
    let danish = try svangre(["record", "show", id, "--format", "text"], lang: "da")
    #expect(danish.stdout.contains("fødested ændret fra “hospital” til “hjemme”"))
    #expect(danish.stdout.contains("barnet døde") && danish.stdout.contains("“nej”") && danish.stdout.contains("“ja”"))
    #expect(try svangre(["store", "check"]).status == 0)
  }
}
