import Foundation
import Testing

/// The real binary in tmux: a visit marked done from the plan changes its status at once.
/// The record is made with the CLI (a visitation on 2026-11-23, due 2027-05-20); the TUI
/// opens on 2027-01-20, when the week-21 midwife visit (2027-01-07–01-13) is missing.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct MarkDoneEndToEndTests {
  @Test func aVisitMarkedDoneFromThePlanChangesItsStatus() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    let id = try tmux.cli(
      ["record", "new", "--name", "Søs Æbelø Ørnsholt", "--cpr", "010190-2000", "--author", "AB"])
    let input = #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}}"#
    try tmux.cli(["record", "assess", id, "--input", "-", "--author", "AB"], stdin: input)

    tmux.today = "2027-01-20"
    try tmux.start(width: 100, height: 40)
    try tmux.waitFor("Svangre · Journaler", "Søs Æbelø Ørnsholt")
    // Opening the record asks who opens it (the access log names her), so marking an
    // item later needs no initials.
    try tmux.press("Enter")
    try tmux.waitFor("Dine initialer")
    try tmux.type("cd")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Plan", "Besøgsprogram")
    // The cursor starts on the next visit (week 25); one up is the missing week-21 visit.
    try tmux.press("Up")
    let before = try tmux.waitUntil("the cursor on the week-21 visit") { screen in
      screen.split(separator: "\n").contains { $0.hasPrefix("▸") && $0.contains("2027-01-07–2027-01-13") }
    }
    #expect(before.split(separator: "\n").contains { $0.contains("2027-01-07–2027-01-13") && $0.contains("! mangler") })

    try tmux.press("d")
    try tmux.waitFor("Dato: [2027-01-20")
    for _ in 0..<10 { try tmux.press("BSpace") }
    try tmux.type("2027-01-12")
    try tmux.press("Enter")
    let after = try tmux.waitFor("Registreret: Jordemoderkonsultation uge 21 udført 2027-01-12.")
    let row = after.split(separator: "\n").first { $0.contains("2027-01-07–2027-01-13") }
    #expect(row?.contains("[udført]") == true)
    #expect(after.contains("→ udført 2027-01-12"))

    // The CLI reads back what the TUI saved, with who and the clinical date.
    let show = try tmux.cli(["record", "show", id, "--format", "json"])
    #expect(show.contains(#""item":"midwife_21""#) && show.contains(#""date":"2027-01-12""#))
    #expect(show.contains(#""author":"CD""#))
  }
}
