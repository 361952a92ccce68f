import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreStore

/// `PregnancyRecord.currentInput`: the one place a record's corrections become the input
/// every screen and command assesses.
@Suite("A record's current state after corrections")
struct CurrentStateTests {
  /// A visitation as `record assess` stores it: LMP-dated, twins, no override.
  static func visitation(lmp: String = "2026-08-13", parity: String = "nulliparous") -> Visitation {
    Visitation(
      input: .sortedObject([
        "reference_date": .string("2026-11-23"), "parity": .string(parity),
        "dating": .sortedObject(["lmp": .string(lmp)]), "findings": .array([.string("multiple_pregnancy")]),
      ]),
      ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: 2, level: 2, overrideReason: nil,
      dueDate: "2027-05-20", gestationalAge: "14+4")
  }

  func recordWithVisitation(_ temp: TemporaryStore) throws -> (FileRecordStore, PregnancyRecord) {
    let store = try temp.open()
    let record = try store.createRecord(name: "A B", cpr: "010190-1234", author: "AB")
    return (
      store, try store.appendVisitation(record.id, basedOn: 1, visitation: Self.visitation(), author: "AB")
    )
  }

  @Test("before the first visitation there is nothing to assess")
  func noVisitation() throws {
    let temp = TemporaryStore()
    let record = try temp.open().createRecord(
      name: "A B", cpr: "010190-1234", author: "AB", parity: "nulliparous", dueDate: "2027-05-20")
    #expect(record.currentInput(ruleSet: .bundled) == nil)
  }

  @Test("without corrections it is the newest visitation's input as saved")
  func uncorrected() throws {
    let temp = TemporaryStore()
    let (_, record) = try recordWithVisitation(temp)
    let input = try #require(record.currentInput(ruleSet: .bundled))
    #expect(input == (try AssessmentInput(json: Self.visitation().input, ruleSet: .bundled)))
    #expect(input.override == nil && input.birth == nil)
  }

  @Test("a corrected due date and parity count, and the LMP stays as a fact")
  func dueDateAndParity() throws {
    let temp = TemporaryStore()
    var (store, record) = try recordWithVisitation(temp)
    record = try store.amend(
      record.id, basedOn: 2, field: .dueDate, value: "2027-06-03", reason: "Nakkefoldsscanning",
      author: "CD")
    record = try store.amend(
      record.id, basedOn: 3, field: .parity, value: "multiparous", reason: "Fejl", author: "CD")
    let input = try #require(record.currentInput(ruleSet: .bundled))
    #expect(input.dating.dueDate == CalendarDate(iso: "2027-06-03"))
    #expect(input.dating.lastPeriod == CalendarDate(iso: "2026-08-13"))
    #expect(input.parity == .multiparous)
    #expect(input.findings == ["multiple_pregnancy"])
    // The rules date her by the corrected due date (it wins over the LMP).
    var today = input
    today.referenceDate = CalendarDate(iso: "2026-11-23")!
    let assessment = try AssessmentEngine().assess(today)
    #expect(assessment.dueDate.iso == "2027-06-03" && assessment.gestationalAge.description == "12+4")
    #expect(record.dueDate == "2027-06-03" && record.parity == "multiparous")
  }

  @Test("a later visitation's own dating and parity win over an earlier correction")
  func laterVisitationWins() throws {
    let temp = TemporaryStore()
    var (store, record) = try recordWithVisitation(temp)
    record = try store.amend(
      record.id, basedOn: 2, field: .dueDate, value: "2027-06-03", reason: "Fejl", author: "CD")
    record = try store.amend(
      record.id, basedOn: 3, field: .parity, value: "multiparous", reason: "Fejl", author: "CD")
    record = try store.appendVisitation(
      record.id, basedOn: 4, visitation: Self.visitation(lmp: "2026-08-20"), author: "AB")
    let input = try #require(record.currentInput(ruleSet: .bundled))
    #expect(input.dating.dueDate == nil && input.dating.lastPeriod == CalendarDate(iso: "2026-08-20"))
    #expect(input.parity == .nulliparous)
  }

  @Test("a corrected level is an override with the correction's reason; back to the suggestion, none")
  func level() throws {
    let temp = TemporaryStore()
    var (store, record) = try recordWithVisitation(temp)
    record = try store.amend(
      record.id, basedOn: 2, field: .level, target: 1, value: "4", reason: "Kendt hjertesygdom",
      author: "CD")
    #expect(record.currentInput(ruleSet: .bundled)?.override == LevelOverride(level: 4, reason: "Kendt hjertesygdom"))
    #expect(record.lastLevel == 4)
    record = try store.amend(
      record.id, basedOn: 3, field: .level, target: 1, value: "2", reason: "Fejl", author: "CD")
    #expect(record.currentInput(ruleSet: .bundled)?.override == nil)
    // A correction of an earlier visitation's level does not touch the newest one.
    record = try store.appendVisitation(record.id, basedOn: 4, visitation: Self.visitation(), author: "AB")
    record = try store.amend(
      record.id, basedOn: 5, field: .level, target: 1, value: "3", reason: "Fejl", author: "CD")
    #expect(record.currentInput(ruleSet: .bundled)?.override == nil)
  }

  @Test("the birth as corrected")
  func birth() throws {
    let temp = TemporaryStore()
    var (store, record) = try recordWithVisitation(temp)
    record = try store.recordBirth(
      record.id, basedOn: 2,
      birth: BirthEvent(
        date: CalendarDate(iso: "2027-05-18")!, place: .hospital, dischargeHours: 20, traumatic: false, childLoss: false
      ),
      author: "AB")
    let fields: [(AmendableField, String)] = [
      (.birthDate, "2027-05-17"), (.birthPlace, "home"), (.birthDischargeHours, "30"), (.birthTraumatic, "true"),
      (.birthChildLoss, "true"),
    ]
    for (field, value) in fields {
      record = try store.amend(
        record.id, basedOn: record.revision, field: field, value: value, reason: "Fejl", author: "CD")
    }
    let expected = Birth(
      date: CalendarDate(iso: "2027-05-17")!, place: .home, dischargeHours: 30, traumatic: true, childLoss: true)
    #expect(record.currentBirth == expected)
    #expect(record.currentInput(ruleSet: .bundled)?.birth == expected)
  }
}
