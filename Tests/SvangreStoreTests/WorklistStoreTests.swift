import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreStore

/// The worklist over a store: which records it reads, how it groups, filters and counts,
/// and that the index gives what the records give (`RecordStore.programmes(meeting:)`).
@Suite("The worklist over the store")
struct WorklistStoreTests {
  let temp = TemporaryStore()
  let engine = AssessmentEngine()
  /// Wednesday; the week is 2026-12-14…12-20.
  let today = CalendarDate(iso: "2026-12-16")!
  var week: ClosedRange<CalendarDate> { today.week }

  /// A visitation on `reference` of a woman due on `due`.
  func visitation(on reference: String, due: String, parity: String = "nulliparous") throws -> Visitation {
    let input = JSONValue.sortedObject([
      "reference_date": .string(reference), "parity": .string(parity),
      "dating": .sortedObject(["due_date": .string(due)]),
    ])
    let assessment = try engine.assess(try AssessmentInput(json: input, ruleSet: .bundled))
    return Visitation(
      input: input, ruleSetID: assessment.ruleSetID, ruleSetVersion: assessment.ruleSetVersion,
      suggestedLevel: assessment.suggestedLevel, level: assessment.level, overrideReason: nil,
      dueDate: assessment.dueDate.iso, gestationalAge: assessment.gestationalAge.description)
  }

  /// A record seen on `reference`, due on `due`; its id.
  @discardableResult
  func woman(
    _ name: String, _ store: any RecordStore, seen reference: String = "2026-11-23", due: String = "2027-05-20"
  )
    throws -> String
  {
    let record = try store.createRecord(name: name, cpr: "010190-1234", author: "AB")
    _ = try store.appendVisitation(
      record.id, basedOn: record.revision, visitation: try visitation(on: reference, due: due), author: "AB")
    return record.id
  }

  func rows(_ list: Worklist) -> [String] {
    list.rows.map { "\($0.day.iso) \($0.status.rawValue) \($0.name) \($0.item.id)" }
  }

  @Test(
    "open records only, grouped by day; closed ones, and those with no visitation, are left out",
    arguments: Backend.allCases)
  func whoIsListed(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    try woman("Åse Holm", store)
    let closed = try woman("Bodil Lund", store)
    _ = try store.close(closed, basedOn: 2, reason: "flyttet", author: "AB")
    _ = try store.createRecord(name: "Dorte Dahl", cpr: "020290-1234", author: "AB")
    // Born on Tuesday: her postnatal contacts, not her antenatal items.
    let born = try woman("Cecilie Kjær", store, seen: "2026-12-14", due: "2027-01-01")
    _ = try store.recordBirth(
      born, basedOn: 2,
      birth: BirthEvent(
        date: CalendarDate(iso: "2026-12-15")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false
      ),
      author: "AB")
    let list = try temp.store().worklist(engine: engine, today: today, range: week, filter: WorklistFilter())
    #expect(
      rows(list) == [
        "2026-12-16 due Cecilie Kjær pn_midwife_home_day1", "2026-12-17 due Åse Holm scan_18_20",
        "2026-12-17 due Cecilie Kjær pn_clinic_day2_3", "2026-12-19 due Cecilie Kjær pn_health_visitor_day4_5",
      ])
    #expect(list.days.map(\.day.iso) == ["2026-12-16", "2026-12-17", "2026-12-19"])
    let scan = try #require(list.rows.first { $0.item.id == "scan_18_20" })
    #expect(scan.gestationalAge?.description == "18+0" && scan.maskedCPR == "010190-XXXX" && scan.level == 1)
    #expect(scan.who == .sonographer && scan.daysAfterBirth == nil)
    #expect(list.rows.first?.daysAfterBirth == 1 && list.rows.first?.gestationalAge == nil)
  }

  @Test(
    "filtered by who and by status; the counts are by status for the providers shown", arguments: Backend.allCases)
  func filters(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    try woman("Åse Holm", store)
    try woman("Anne Hansen", store)
    let sonographer = try store.worklist(
      engine: engine, today: today, range: week, filter: WorklistFilter(who: [.sonographer]))
    // Same day and status: by name.
    #expect(rows(sonographer) == ["2026-12-17 due Anne Hansen scan_18_20", "2026-12-17 due Åse Holm scan_18_20"])
    #expect(sonographer.counts == [.due: 2])
    let midwives = try store.worklist(
      engine: engine, today: today, range: week, filter: WorklistFilter(who: [.midwife]))
    #expect(midwives.rows.isEmpty && midwives.counts.isEmpty)
    // The week she was seen: her consultation is done, and listed only when asked for.
    let seenWeek = CalendarDate(iso: "2026-11-25")!
    let standard = try store.worklist(engine: engine, today: seenWeek, range: seenWeek.week, filter: WorklistFilter())
    #expect(standard.rows.isEmpty && standard.counts == [.done: 2])
    let done = try store.worklist(
      engine: engine, today: seenWeek, range: seenWeek.week, filter: WorklistFilter(statuses: [.done]))
    #expect(rows(done) == ["2026-11-23 done Anne Hansen midwife_13_15", "2026-11-23 done Åse Holm midwife_13_15"])
  }

  @Test("an open store's worklist asked again is the same, and follows a save: what it worked out stays with the line")
  func askedAgain() throws {
    let store = try temp.open()
    try woman("Åse Holm", store)
    let closed = try woman("Bodil Lund", store)
    _ = try store.list()
    let first = try store.worklist(engine: engine, today: today, range: week, filter: WorklistFilter())
    #expect(Set(first.rows.map(\.name)) == ["Åse Holm", "Bodil Lund"])
    #expect(try store.worklist(engine: engine, today: today, range: week, filter: WorklistFilter()) == first)
    _ = try store.close(closed, basedOn: 2, reason: "flyttet", author: "AB")
    _ = try store.list()
    let after = try store.worklist(engine: engine, today: today, range: week, filter: WorklistFilter())
    #expect(Set(after.rows.map(\.name)) == ["Åse Holm"])
  }

  @Test("the index gives each record's programme as the record does, and only those that meet the days")
  func indexAgreesWithTheRecords() throws {
    let store = try temp.open()
    let ids = [
      try woman("Åse Holm", store), try woman("Maja Møller", store, seen: "2026-10-01", due: "2027-04-01"),
      try woman("Karen Lund", store, seen: "2026-12-10", due: "2027-02-01"),
    ]
    _ = try store.amend(
      ids[0], basedOn: 2, field: .dueDate, target: nil, value: "2027-05-27", reason: "scan", author: "AB")
    let fresh = try temp.open()
    let everything = date("2000-01-01")...date("2199-12-31")
    let fromIndex = try fresh.programmes(meeting: everything)
    let fromRecords = try ids.map { id in try #require(RecordProgramme(record: try fresh.load(id), engine: engine)) }
    #expect(fromIndex == fromRecords.sorted { TextFolding.fold($0.name) < TextFolding.fold($1.name) })
    #expect(fromIndex.first { $0.id == ids[0] }?.programme.dueDate == date("2027-05-27"))
    // Nothing of theirs before Karen's first GP window (6+0: 2026-06-08); of a week, those
    // whose windows meet it.
    #expect(try fresh.programmes(meeting: date("2026-01-01")...date("2026-06-07")).isEmpty)
    #expect(try fresh.programmes(meeting: date("2026-06-08")...date("2026-06-08")).map(\.name) == ["Karen Lund"])
    #expect(try fresh.programmes(meeting: week) == fromIndex.filter { $0.meets(week) })
    #expect(try fresh.programmes(meeting: week).count == 2)
  }

  @Test("which programmes meet a day is read from the index's text as from the decoded programme, every day of a year")
  func meetsWithoutDecoding() throws {
    let store = try temp.open()
    try woman("Åse Holm", store)
    try woman("Maja Møller", store, seen: "2026-10-01", due: "2027-04-01")
    let born = try woman("Karen Lund", store, seen: "2026-12-10", due: "2027-02-01")
    _ = try store.recordBirth(
      born, basedOn: 2,
      birth: BirthEvent(
        date: date("2027-01-20"), place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false),
      author: "AB")
    _ = try store.list()
    let rules = store.programmeRules
    var met = 0
    for entry in store.known.values {
      let facts = try #require(rules.decode(entry.programme)).programme
      let record = RecordProgramme(id: "", name: "", maskedCPR: "", level: nil, programme: facts, known: .init())
      for offset in 0..<400 {
        let day = date("2026-06-01").adding(days: offset)
        let days = day...day.adding(days: offset % 7)
        #expect(
          rules.meets(entry.programme, days.lowerBound.dayNumber...days.upperBound.dayNumber) == record.meets(days))
        if record.meets(days) { met += 1 }
      }
    }
    #expect(met > 100)
  }

  @Test("the index reads back a birth and items recorded done as the records have them")
  func indexAgreesAfterBirthAndAttendance() throws {
    let store = try temp.open()
    // Due 2026-11-20: the week-21 consultation's window is 2026-07-10…07-16.
    let attended = try woman("Åse Holm", store, seen: "2026-06-01", due: "2026-11-20")
    _ = try store.recordDone(
      attended, basedOn: nil, done: ItemDone(item: "midwife_21", date: "2026-07-12"), author: "AB",
      today: date("2026-07-20"))
    let born = try woman("Maja Møller", store, seen: "2026-06-01", due: "2026-11-20")
    _ = try store.recordBirth(
      born, basedOn: nil,
      birth: BirthEvent(
        date: date("2026-11-15"), place: .hospital, dischargeHours: 30, traumatic: false, childLoss: false),
      author: "AB")
    let fresh = try temp.open()
    let fromIndex = try fresh.programmes(meeting: date("2000-01-01")...date("2199-12-31"))
    let fromRecords = try [attended, born].map { id in
      try #require(RecordProgramme(record: try fresh.load(id), engine: engine))
    }
    #expect(fromIndex == fromRecords)
    #expect(fromIndex[0].known.recorded.map(\.id) == ["midwife_21"])
    #expect(fromIndex[1].programme.birthDate == date("2026-11-15"))
    #expect(!fromIndex[1].programme.windows.filter(\.isPostnatal).isEmpty)
  }

  @Test("a programme in the index that svangre did not write is not read (the record is read instead)")
  func damagedProgrammeLines() throws {
    let rules = ProgrammeRules(ruleSet: .bundled)
    let read = try #require(rules.decode("20500;20400;20300,20310;0:20100:20110:20120,1:20200:20210:;0:20105"))
    #expect(read.programme.dueDate.dayNumber == 20500 && read.programme.birthDate?.dayNumber == 20400)
    #expect(read.known.consultations.map(\.dayNumber) == [20300, 20310])
    #expect(read.programme.windows.map(\.latest?.dayNumber) == [20120, nil])
    #expect(read.programme.windows.map(\.to.dayNumber) == [20110, 20210])
    #expect(read.known.recorded.map(\.date.dayNumber) == [20105])
    #expect(rules.decode("20500;;;;")?.programme.windows.isEmpty == true)
    let damaged = [
      "", "20500", "20500;;;", "20500;;;;;", "x;;;;", "1234567890;;;;", "20500;;1,;;", "20500;;,1;;",
      "20500;;;0:1:2;", "20500;;;0:1:2:3:4;", "20500;;;\(rules.items.count):1:2:;", "20500;;;;0", "20500;;;;0:",
      "20500;;;;0:1,", "-1;;;;", "20500 ;;;;",
    ]
    for line in damaged { #expect(rules.decode(line) == nil, "\(line)") }
  }

  @Test("an index of the version before is rebuilt from the records once")
  func oldIndexRebuilt() throws {
    let store = try temp.open()
    try woman("Åse Holm", store)
    let path = temp.path("index.tsv")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    // Version 2 wrote 15 fields a line and no programme.
    let old =
      ["svangre-index\t2"] + lines.dropFirst().map { $0.split(separator: "\t").prefix(15).joined(separator: "\t") }
    try (old.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    let reopened = try temp.open()
    #expect(try reopened.worklist(engine: engine, today: today, range: week, filter: WorklistFilter()).rows.count == 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("svangre-index\t3\n"))
  }

  @Test("under another rule set the programme comes from the record, dated by that rule set")
  func anotherRuleSet() throws {
    let store = try temp.open()
    try woman("Åse Holm", store)
    var region = RuleSet.bundled
    region.version = "2099.1"
    let index = try #require(region.schedule.firstIndex { $0.id == "scan_18_20" })
    region.schedule[index].gaFrom = GestationalAge(weeks: 19, days: 0)
    let regional = try temp.open(ruleSets: [region, .bundled])
    let list = try regional.worklist(
      engine: AssessmentEngine(ruleSet: region), today: today, range: week, filter: WorklistFilter())
    #expect(list.rows.isEmpty)  // her scan opens on 2026-12-24 under the region's rules
    let next = CalendarDate(iso: "2026-12-24")!
    #expect(
      rows(
        try regional.worklist(
          engine: AssessmentEngine(ruleSet: region), today: next, range: next.week, filter: WorklistFilter()))
        == ["2026-12-24 due Åse Holm scan_18_20"])
  }
}

private func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
