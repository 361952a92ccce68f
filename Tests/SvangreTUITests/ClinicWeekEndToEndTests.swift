import Foundation
import Testing

/// The clinic's week with the real binary in tmux, as a midwife works it on Monday
/// 2027-01-11: the worklist shows a woman's week-21 consultation in its window; she is opened
/// from it at that item, it is marked done, and the worklist's counts change. Her calendar,
/// exported with the CLI before and after and read by a real iCalendar parser (Debian's
/// python3-icalendar), loses that event and keeps every other one with the same UID.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ClinicWeekEndToEndTests {
  /// One calendar event as the parser reads it.
  struct Event: Decodable, Equatable {
    var uid, start, end, summary: String
  }

  /// Her calendar exported to a new file (0600, no CPR number in its name), then parsed.
  func exportedCalendar(_ tmux: TmuxSession, record id: String, file: String) throws -> [Event] {
    let path = tmux.directory.url.appendingPathComponent(file).path
    try tmux.cli(["export", "plan", id, "--format", "ics", "--output", path])
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let parser = """
      import json, sys
      from icalendar import Calendar
      calendar = Calendar.from_ical(open(sys.argv[1], 'rb').read())
      print(json.dumps([{'uid': str(e['UID']), 'start': e.decoded('DTSTART').isoformat(),
                         'end': e.decoded('DTEND').isoformat(), 'summary': str(e['SUMMARY'])}
                        for e in calendar.walk('VEVENT')]))
      """
    let process = Process()
    // Debian's interpreter: python3-icalendar is installed for it by scripts/setup.
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", parser, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "icalendar could not read \(file)")
    return try JSONDecoder().decode([Event].self, from: data)
  }

  /// The worklist's count of `status` ("I vindue", "udført", …) on `screen`.
  func count(_ status: String, on screen: String) -> Int? {
    guard let line = screen.split(separator: "\n").first(where: { $0.contains("udført:") }),
      let range = line.range(of: status + ": ")
    else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isNumber })
  }

  @Test func markedDoneFromTheWorklistCountsAndLeavesHerCalendar() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    let id = try tmux.cli(["record", "new", "--name", "Søs Æbelø Ørnsholt", "--cpr", "010190-2000", "--author", "AB"])
    try tmux.cli(
      ["record", "assess", id, "--input", "-", "--author", "AB"],
      stdin: #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#)
    tmux.today = "2027-01-11"
    let before = try exportedCalendar(tmux, record: id, file: "plan-before.ics")
    let consultation = try #require(before.first { $0.start == "2027-01-07" })
    #expect(consultation.end == "2027-01-14")  // the day after 2027-01-13, as RFC 5545 has it

    try tmux.start(width: 100, height: 40)
    try tmux.waitFor("Svangre · Journaler", "Søs Æbelø Ørnsholt")
    try tmux.press("u")
    let week = try tmux.waitFor("Ugens kalender 2027-01-11 – 2027-01-17", "Søs Æbelø", "i vindue")
    let due = try #require(count("I vindue", on: week))
    let done = try #require(count("udført", on: week))
    #expect(due >= 1)

    // Enter opens her plan on the row's item (the initials first: the opening is logged).
    try tmux.press("Enter")
    try tmux.waitFor("Dine initialer")
    try tmux.type("cd")
    try tmux.press("Enter")
    try tmux.waitUntil("her plan, the cursor on the week-21 consultation") { screen in
      screen.contains("Svangre · Plan")
        && screen.split(separator: "\n").contains { $0.hasPrefix("▸") && $0.contains("2027-01-07–2027-01-13") }
    }
    try tmux.press("d")
    try tmux.waitFor("Dato: [2027-01-11")
    try tmux.press("Enter")
    try tmux.waitFor("Registreret: Jordemoderkonsultation uge 21 udført 2027-01-11.")

    try tmux.press("Escape")
    try tmux.waitFor("Svangre · Journaler")
    try tmux.press("u")
    let after = try tmux.waitUntil("the worklist counts the consultation done") { screen in
      screen.contains("Ugens kalender 2027-01-11 – 2027-01-17") && count("udført", on: screen) == done + 1
    }
    #expect(count("I vindue", on: after) == due - 1)
    // The status filter's last step shows what was done: her consultation, on the day.
    try tmux.press("s", "s", "s", "s")
    // Waited for as a whole: on a loaded machine the heading can be drawn before the rows.
    try tmux.waitUntil("her consultation listed as done, on the day") { screen in
      screen.contains("Vist: alle faggrupper; udført") && screen.contains("Mandag 2027-01-11")
        && screen.split(separator: "\n").contains { $0.contains("udført") && $0.contains("Søs Æbelø") }
    }
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")

    // Her calendar holds what is still ahead: the consultation is gone, the rest unchanged.
    let later = try exportedCalendar(tmux, record: id, file: "plan-after.ics")
    #expect(later == before.filter { $0.uid != consultation.uid })
    #expect(Set(later.map(\.uid)).count == later.count)
  }
}
