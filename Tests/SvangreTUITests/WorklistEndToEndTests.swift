import Foundation
import Testing

/// The real binary in tmux: a woman whose scan is due this week is opened from the
/// worklist at her plan. Skipped only without tmux.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct WorklistEndToEndTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func openAWomanFromTheWorklist(width: Int, height: Int) throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    // Seen today (2026-11-23) at 18+0: her scan 18–20 is due from today.
    let id = try tmux.cli(
      ["record", "new", "--name", "Søs Æbelø Ørnsholt", "--cpr", "010190-2000", "--author", "AB"])
    try tmux.cli(
      ["record", "assess", id, "--author", "AB", "--format", "json"],
      stdin: #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-04-26"}}"#)
    try tmux.start(width: width, height: height)
    try tmux.waitFor("Svangre · Journaler", "Søs Æbelø Ørnsholt")
    try tmux.press("u")
    try tmux.waitFor("Svangre · Ugens kalender", "Mandag 2026-11-23", "Søs Æbelø", "010190-XXXX", "18+0", "i vindue")
    try tmux.press("Enter")
    // Opening her record asks who opens it: the access log names her.
    try tmux.waitFor("Dine initialer")
    try tmux.type("ab")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Plan", "Søs Æbelø", "010190-XXXX", "[NU]", "18+0–20+0")
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")
  }
}
