import Foundation
@testable import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

/// Her calendar, read back by a real iCalendar parser (Debian's python3-icalendar), and
/// compared with the engine's programme for her on the day.
@Suite struct CalendarTests {
  /// Parses each file with icalendar and prints, per file, its events as JSON.
  static let parser = #"""
    import json, sys
    from icalendar import Calendar
    out = []
    for path in sys.argv[1:]:
        calendar = Calendar.from_ical(open(path, 'rb').read())
        events = []
        for event in calendar.walk('VEVENT'):
            events.append({
                'uid': str(event['UID']),
                'start': event.decoded('DTSTART').isoformat(),
                'end': event.decoded('DTEND').isoformat(),
                'stamp': event.decoded('DTSTAMP').isoformat(),
                'summary': str(event['SUMMARY']),
                'description': str(event['DESCRIPTION']),
            })
        out.append({'version': str(calendar['VERSION']), 'events': events})
    print(json.dumps(out))
    """#

  struct Event: Decodable {
    var uid, start, end, stamp, summary, description: String
  }
  struct Parsed: Decodable {
    var version: String
    var events: [Event]
  }

  /// Writes each calendar to a file and parses them all in one run of the parser.
  func parse(_ calendars: [String], in scratch: Scratch) throws -> [Parsed] {
    let paths = try calendars.enumerated().map { index, text in
      let path = scratch.file("plan-\(index).ics")
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      return path
    }
    let result = try run(try tool("/usr/bin/python3"), ["-c", Self.parser] + paths)
    #expect(result.status == 0, "icalendar refused a file: \(result.err)")
    return try JSONDecoder().decode([Parsed].self, from: Data(result.out.utf8))
  }

  func calendar(_ source: DocumentSource, _ language: Language = .da, stamp: Date = testInstant) -> String {
    PlanCalendar(source, strings: StringCatalog(language: language), ruleSet: .bundled, stamp: stamp).ics
  }

  /// The engine's items still ahead for her: the visits, the tests that are not also
  /// visits, the postnatal contacts.
  func expectedWindows(_ assessment: Assessment, today: CalendarDate) -> [(id: String, start: String, end: String)] {
    let ahead: Set<VisitStatus> = [.upcoming, .due, .late]
    let visits = assessment.schedule.filter { ahead.contains($0.status) }.map {
      ($0.id, $0.from, $0.status == .late ? ($0.latest ?? $0.to) : $0.to, $0.status)
    }
    let visitIDs = Set(assessment.schedule.map(\.id))
    let tests = assessment.prenatalDiagnostics.items.compactMap {
      item -> (String, CalendarDate, CalendarDate, VisitStatus)? in
      guard !visitIDs.contains(item.id), let from = item.from, let to = item.to, let status = item.status,
        ahead.contains(status)
      else { return nil }
      return (item.id, from, status == .late ? (item.latest ?? to) : to, status)
    }
    let postnatal = assessment.postnatal.filter { ahead.contains($0.status) }.map {
      ($0.id, $0.from, $0.status == .late ? ($0.latest ?? $0.to) : $0.to, $0.status)
    }
    return (visits + tests + postnatal).map { id, from, last, status in
      let first = status == .late ? max(from, today) : from
      return (id, first.iso, last.adding(days: 1).iso)
    }
  }

  @Test("Every event is an all-day event over the engine's window, DTEND the day after; DTSTAMP is the clock's")
  func datesAreTheEnginesWindows() throws {
    let clinic = try Clinic()
    let scratch = Scratch()
    let records = try [
      clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins),
      clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.plain),
      clinic.woman(Women.names[2], cpr: Women.cprs[2], Women.many),
    ]
    let sources = try records.map { try clinic.source($0, on: "2026-12-20") }
    let parsed = try parse(sources.map { calendar($0) }, in: scratch)
    #expect(parsed.count == sources.count)
    for (source, file) in zip(sources, parsed) {
      #expect(file.version == "2.0")
      let expected = expectedWindows(source.assessment, today: source.today)
      #expect(!expected.isEmpty)
      #expect(file.events.map { $0.start + "/" + $0.end }.sorted() == expected.map { $0.start + "/" + $0.end }.sorted())
      // Antenatal items in the order they start, postnatal contacts after them.
      let antenatal = file.events.prefix(file.events.count - source.assessment.postnatal.count).map(\.start)
      #expect(antenatal == antenatal.sorted())
      // DTEND is exclusive: every event lasts at least one day.
      #expect(file.events.allSatisfy { $0.end > $0.start })
      #expect(file.events.allSatisfy { $0.stamp == "2026-11-23T09:00:00+00:00" })
      #expect(Set(file.events.map(\.uid)).count == file.events.count, "a UID twice in one calendar")
    }
  }

  @Test("The same record and item keep their UID on every export; another record's differ")
  func uidsAreStable() throws {
    let clinic = try Clinic()
    let scratch = Scratch()
    let first = try clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins)
    let second = try clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.twins)
    let parsed = try parse(
      [
        calendar(try clinic.source(first, on: "2026-11-23")),
        // A week later, from another clock, in English: the items still ahead keep their UIDs.
        calendar(try clinic.source(first, on: "2026-11-30"), .en, stamp: testInstant.addingTimeInterval(7 * 86400)),
        calendar(try clinic.source(second, on: "2026-11-23")),
      ], in: scratch)
    let now = Dictionary(uniqueKeysWithValues: parsed[0].events.map { ($0.start, $0.uid) })
    let later = Dictionary(uniqueKeysWithValues: parsed[1].events.map { ($0.start, $0.uid) })
    let shared = Set(now.keys).intersection(later.keys)
    #expect(shared.count >= 5)
    for start in shared { #expect(now[start] == later[start]) }
    #expect(Set(parsed[0].events.map(\.uid)).isDisjoint(with: parsed[2].events.map(\.uid)))
  }

  @Test("Items she has done are left out; after the birth her postnatal contacts are in")
  func doneItemsLeftOutPostnatalIn() throws {
    let clinic = try Clinic()
    let scratch = Scratch()
    let seen = try clinic.woman(Women.names[3], cpr: Women.cprs[3], Women.seenEarly)
    let seenSource = try clinic.source(seen, on: "2026-11-23")
    let done = seenSource.assessment.schedule.filter { $0.status == .done }
    #expect(!done.isEmpty, "the first GP visit should be done by her visitation in its window")
    let born = try clinic.woman(
      Women.names[1], cpr: Women.cprs[1], Women.plain,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 30, traumatic: false, childLoss: false
      ))
    let bornSource = try clinic.source(born, on: "2027-05-19")
    let parsed = try parse([calendar(seenSource), calendar(bornSource)], in: scratch)
    let summaries = parsed[0].events.map(\.summary)
    for item in done { #expect(!summaries.contains(item.label.da), "\(item.id) is done but in her calendar") }
    let postnatal = bornSource.assessment.postnatal.filter { [.upcoming, .due].contains($0.status) }
    #expect(!postnatal.isEmpty)
    #expect(postnatal.allSatisfy { item in parsed[1].events.contains { $0.summary == item.label.da } })
  }

  @Test("No CPR number and no name anywhere; CRLF lines of at most 75 octets")
  func nothingPersonalAndFolded() throws {
    let clinic = try Clinic()
    for (index, input) in [Women.twins, Women.plain, Women.many].enumerated() {
      let record = try clinic.woman(Women.names[index], cpr: Women.cprs[index], input)
      for language in Language.allCases {
        let text = calendar(try clinic.source(record, on: "2026-11-23"), language)
        let cpr = Women.cprs[index]
        #expect(!text.contains(cpr) && !text.contains(cpr.replacingOccurrences(of: "-", with: "")))
        #expect(!CPRNumber.appears(in: text))
        #expect(!text.contains(record.id), "the record id is hashed into the UIDs")
        for part in Women.names[index].split(separator: " ") { #expect(!text.contains(part)) }
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") && !$0.contains("\r") })
        // Long descriptions really were folded.
        #expect(lines.contains { $0.hasPrefix(" ") })
      }
    }
  }

  @Test("TEXT values escape backslash, semicolon, comma and line breaks; a fold never splits a character")
  func escapingAndFolding() {
    #expect(PlanCalendar.escape("a,b;c\\d\ne\u{1B}f") == "a\\,b\\;c\\\\d\\nef")
    let folded = PlanCalendar.fold("SUMMARY:" + String(repeating: "æ", count: 80))
    let lines = folded.components(separatedBy: "\r\n").dropLast()
    #expect(lines.count == 3)
    #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    #expect(
      lines.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }.joined() == "SUMMARY:"
        + String(repeating: "æ", count: 80))
  }
}
