import Foundation
import Testing

extension EndToEndTests {
  /// The real binary in tmux with `set-clipboard on`: `s` on the plan shows the record
  /// note and copies it with OSC 52, which tmux keeps as a paste buffer; reading the buffer
  /// back gives the note as shown. Then `r` copies the referral the same way.
  @Test func recordNoteAndReferralReachTheClipboard() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.start(width: 100, height: 30)
    try tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
    try tmux.waitFor("Svangre · Journaler")
    try tmux.press("n")
    try tmux.waitFor("Ny journal")
    try tmux.type("Søs Æbelø Ørnsholt")
    try tmux.press("Enter")
    try tmux.type("010190-2000")
    try tmux.press("Enter")
    try tmux.waitFor("Dine initialer")
    try tmux.type("ab")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Visitation")
    try tmux.type("2027-05-20")
    try tmux.waitFor("GA 14+4")
    try tmux.focus("Flerfoldsgraviditet")
    try tmux.press("Space")
    try tmux.waitFor("Foreslået niveau 2")
    try tmux.press("Enter")
    try tmux.waitFor("Reglerne foreslår niveau 2.")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Plan", "s notat")

    try tmux.press("s")
    try tmux.waitFor("Svangre · Journalnotat", "Journalnotat kopieret til udklipsholderen.")
    let note = try tmux.tmux(["show-buffer"])
    #expect(note.hasPrefix("Svangreomsorg – journalnotat\n"), "the buffer: \(note)")
    #expect(
      note.contains("Niveau 2 efter Fødeplanen") && note.contains("Flerfoldsgraviditet (niveau 2; FP Skema 1; LH)"))
    #expect(!note.contains("010190") && !note.contains("Ørnsholt"))

    try tmux.press("p")
    try tmux.waitFor("Svangre · Plan")
    try tmux.press("r")
    try tmux.waitFor("Svangre · Henvisning", "Henvisning kopieret til udklipsholderen.")
    let referral = try tmux.tmux(["show-buffer"])
    #expect(referral.hasPrefix("Henvisning til fødested – graviditet\n"), "the buffer: \(referral)")
    #expect(referral.contains("Terminsdato: 20.05.2027"))
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")
  }
}
