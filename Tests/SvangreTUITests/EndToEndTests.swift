import Foundation
import Testing

/// The real binary in tmux: a consultation from a new record to a saved, re-found
/// visitation, and resizing down to the too-small message. Skipped only without tmux.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct EndToEndTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func consultationFromNewRecordToSavedPlan(width: Int, height: Int) throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.start(width: width, height: height)
    try tmux.waitFor("Svangre · Journaler", "I dag 2026-11-23")

    // A new record for Søs Æbelø Ørnsholt.
    try tmux.press("n")
    try tmux.waitFor("Ny journal")
    try tmux.type("Søs Æbelø Ørnsholt")
    try tmux.press("Enter")
    try tmux.type("010190-2000")
    try tmux.press("Enter")
    // The initials are asked once, before the first save, and then remembered.
    try tmux.waitFor("Dine initialer")
    try tmux.type("ab")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Visitation", "Søs Æbelø Ørnsholt", "· AB")

    // Dating, then tick "multiple pregnancy": the side panel goes to level 2 with the reason.
    try tmux.type("2027-05-20")
    try tmux.waitFor("GA 14+4", "Foreslået niveau 1")
    try tmux.focus("Flerfoldsgraviditet")
    try tmux.press("Space")
    try tmux.waitFor("[x] Flerfoldsgraviditet", "Foreslået niveau 2", "• Flerfoldsgraviditet (2)")

    // Override to 3 with a reason; save.
    try tmux.press("Enter")
    try tmux.waitFor("Reglerne foreslår niveau 2.")
    try tmux.press("3", "Tab")
    try tmux.type("Tvillinger og lang afstand til sygehus")
    let savedFrom = TmuxSession.wallDay
    try tmux.press("Enter")
    try tmux.waitFor("Visitation gemt: niveau 3, af AB.", "Besøgsprogram")
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")

    // Reopen, find her by typing "ørn", see her plan with dates and the visitation.
    try tmux.start(width: width, height: height)
    try tmux.waitFor("Svangre · Journaler", "· AB")
    try tmux.press("/")
    try tmux.type("ørn")
    try tmux.waitFor("Søs Æbelø Ørnsholt", "3*")
    try tmux.press("Enter", "Enter")
    try tmux.waitFor("Svangre · Plan", "Niveau 3 (valgt; forslag 2)", "2026-11-12–2026-12-02", "[udført]")
    try tmux.press("h")
    let history = try tmux.waitFor("Svangre · Historik", "2026-11-23  AB", "3*", "valgt: Tvillinger")
    // `--today` is the clinical date; when it was saved is the real clock's (a year ahead
    // under faketime), shown under it: the time alone on the same day, else with its date.
    let savedOn = Set([savedFrom, TmuxSession.wallDay]).map { $0 == tmux.today ? "gemt " : "gemt \($0) " }
    #expect(savedOn.contains { history.contains($0) }, "saved on \(savedOn) in:\n\(history)")
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test func resizeMidWalkthroughAndTooSmall() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.start(width: 80, height: 24)
    try tmux.waitFor("Svangre · Journaler")
    try tmux.press("n")
    try tmux.type("Ida Ærø")
    try tmux.press("Enter")
    try tmux.type("020290-4000")
    try tmux.press("Enter")
    try tmux.waitFor("Dine initialer")
    try tmux.type("IB")
    try tmux.press("Enter")
    try tmux.waitFor("Svangre · Visitation")
    try tmux.type("2027-05-20")
    try tmux.waitFor("GA 14+4")

    try tmux.resize(width: 120, height: 40)
    // Redrawn for the new size: the side panel's divider moves right, past column 80.
    // Wait for the whole frame, not just its first rows: tmux may be caught mid-redraw.
    let large = try tmux.waitUntil("the 120×40 layout") { screen in
      screen.split(separator: "\n").contains { $0.contains("│ Foreslået niveau 1") && $0.count > 80 }
        && screen.contains("Tidligere graviditetsdiabetes")
    }
    #expect(large.contains("Tidligere graviditeter og fødsler"))

    try tmux.resize(width: 60, height: 20)
    try tmux.waitFor("Terminalen er for lille: 60×20.")

    try tmux.resize(width: 80, height: 24)
    try tmux.waitFor("Datering", "2027-05-20", "GA 14+4")

    // Quitting with unsaved work asks first.
    try tmux.press("Down", "Down", "Down", "Down", "Down", "q")
    try tmux.waitFor("Afslut alligevel")
    try tmux.press("Enter")
    try tmux.waitFor("EXIT=0")
  }
}
