import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreTUI

/// Enter on the birth screen when the birth is already saved: a correction with a reason.
@Suite("Birth correction in the TUI")
struct BirthCorrectionTests {
  @Test func enterAfterTheBirthIsSavedAsksForAReasonAndSavesACorrection() {
    var (model, repository) = ScreenTests().savedModel(width: 100, height: 30)
    model.press(.char("b"))
    model.type("2026-11-21")
    model.press(.down, .down)
    model.type("20")
    model.press(.enter)
    #expect(model.message == "Fødslen er gemt.")
    let saved = repository.records[0].revision

    // Traumatic after all: Enter asks why instead of refusing.
    model.press(.down, .char(" "), .enter)
    #expect(model.dialog == .text(.birthCorrection, TextField(maxLength: InputLimits.freeTextCharacters)))
    #expect(model.screenText.contains("Ret fødslen"))
    // No reason, no correction; Esc leaves the birth as it was.
    model.press(.enter)
    #expect(model.message == "Skriv begrundelsen for rettelsen.")
    model.press(.esc)
    #expect(model.dialog == nil && repository.birthCorrections.isEmpty)
    #expect(repository.records[0].revision == saved)

    model.press(.enter)
    model.type("Oplyst ved efterfødselssamtale")
    model.press(.enter)
    #expect(model.dialog == nil)
    #expect(model.message == "Rettelsen af fødslen er gemt.")
    #expect(repository.birthCorrections.map(\.reason) == ["Oplyst ved efterfødselssamtale"])
    #expect(repository.birthCorrections.map(\.author) == ["AB"])
    #expect(repository.records[0].birth?.traumatic == true)
    #expect(repository.records[0].revision == saved + 1)
  }

  @Test func theStoreRepositorySavesOneCorrectionOfEveryChangedField() throws {
    let directory = NSTemporaryDirectory() + "svangre-tui-birth-" + UUID().uuidString.lowercased()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try FileRecordStore(directory: directory, clock: .fixed(Date(timeIntervalSince1970: 1_795_000_000)))
    let repository = StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .en))
    let id = try repository.create(name: "A B", cpr: "010190-1234", author: "AB")
    let home = Birth(
      date: CalendarDate(iso: "2026-11-21")!, place: .home, dischargeHours: nil, traumatic: false, childLoss: false)
    #expect(throws: RepositoryError.self) {
      try repository.amendBirth(recordID: id, birth: home, reason: "x", author: "AB", expectedRevision: 1)
    }
    try repository.recordBirth(recordID: id, birth: home, author: "AB", expectedRevision: 1)
    var moved = home
    moved.place = .hospital
    moved.dischargeHours = 30
    moved.date = CalendarDate(iso: "2026-11-20")!
    try repository.amendBirth(recordID: id, birth: moved, reason: "Overflyttet", author: "CD", expectedRevision: 2)
    #expect(try repository.record(id: id).birth == moved)
    let record = try store.load(id)
    #expect(record.recordedBirth?.birth.place == .home)
    #expect(
      record.birthAmendments.map(\.amendment.field) == [.birthDischargeHours, .birthDate, .birthPlace])
    #expect(record.birthAmendments.allSatisfy { $0.amendment.reason == "Overflyttet" && $0.author == "CD" })
    // Nothing changed, or a stale copy: refused with the store's message.
    do {
      try repository.amendBirth(recordID: id, birth: moved, reason: "x", author: "CD", expectedRevision: 3)
      Issue.record("an unchanged correction was saved")
    } catch {
      #expect(error.message.contains("same as the current one"))
    }
    do {
      try repository.amendBirth(recordID: id, birth: home, reason: "x", author: "CD", expectedRevision: 2)
      Issue.record("a stale correction was saved")
    } catch {
      #expect(error.message.contains("changed by CD at"))
    }
    // The three fields were one save, one entry and one revision; a colleague's note after
    // the record was opened refuses a whole new correction, not just its later fields.
    #expect(record.revision == 3 && record.birthAmendments.map(\.seq) == [2, 2, 2])
    _ = try store.addNote(id, basedOn: 3, text: "Kollega", author: "EF")
    #expect(throws: RepositoryError.self) {
      try repository.amendBirth(recordID: id, birth: home, reason: "x", author: "CD", expectedRevision: 3)
    }
    #expect(try store.load(id).birthAmendments.count == 3)
  }
}
