import Foundation
import SvangreStore
import Testing

/// The real binary in tmux: a note, closing a record, and — after quitting and starting
/// again — reopening it, each saved and shown in the history. Skipped only without tmux.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct RecordHandlingEndToEndTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func noteCloseAndReopenFromTheHistory(width: Int, height: Int) throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.start(width: width, height: height)
    try tmux.waitFor("Svangre · Journaler")
    try tmux.press("n")
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
    try tmux.press("Enter", "Enter")
    try tmux.waitFor("Visitation gemt: niveau 1, af AB.")

    // A note from the history: a dialog that looks like a text field.
    try tmux.press("h")
    try tmux.waitFor("Svangre · Historik", "n notat", "c luk")
    try tmux.press("n")
    try tmux.waitFor("Nyt notat", "Notat: [")
    try tmux.type("Ringer om scanning i morgen")
    try tmux.press("Enter")
    try tmux.waitFor("Notatet er gemt.", "Notat #2: Ringer om scanning i morgen")

    // Closing, with a reason.
    try tmux.press("c")
    try tmux.waitFor("Luk journalen", "Begrundelse: [")
    try tmux.type("Flyttet til anden region")
    try tmux.press("Enter")
    try tmux.waitFor("Journalen er lukket.", "Journalen lukket #3", "c genåbn")
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")

    // Started again: still closed; reopened by a correction with a reason.
    try tmux.start(width: width, height: height)
    try tmux.waitFor("Svangre · Journaler", "· AB")
    try tmux.press("/")
    try tmux.type("ørn")
    try tmux.waitFor("Søs Æbelø Ørnsholt")
    try tmux.press("Enter", "Enter")
    try tmux.waitFor("Svangre · Plan")
    try tmux.press("h")
    try tmux.waitFor("Journalen er lukket (", "Flyttet til anden region")
    try tmux.press("c")
    try tmux.waitFor("Genåbn journalen")
    try tmux.type("Flytter ikke alligevel")
    try tmux.press("Enter")
    try tmux.waitFor("Journalen er genåbnet.", "lukning #3: lukket → genåbnet", "c luk")
    try tmux.press("q")
    try tmux.waitFor("EXIT=0")

    // On disk: every entry, the closure kept beside its correction.
    let store = try FileRecordStore(directory: tmux.storeDirectory.path, clock: .system)
    let record = try store.load(try #require(store.list().first?.id))
    #expect(record.history.map(\.content.kind) == ["visitation", "note", "close", "amendment"])
    #expect(record.status == .open)
    #expect(record.history.allSatisfy { $0.author == "AB" })
  }
}
