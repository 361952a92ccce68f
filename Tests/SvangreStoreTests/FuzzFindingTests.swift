import Foundation
import Glibc
import Testing

@testable import SvangreStore

/// What the fuzz targets found (docs/fuzzing.md), each kept as a test of the code that was
/// wrong; the inputs are in Fuzz/regressions, which `scripts/fuzz` replays and fuzzes from.
@Suite("Fuzz findings")
struct FuzzFindingTests {
  static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

  /// A record file whose only entry is numbered 3 and corrects entry 2: `structuralProblems`
  /// looked entry 2 up by position and trapped (index out of range), so one such file made
  /// `store check`, `record list` and `record show` crash instead of naming it.
  @Test("an amendment whose target lies past the history's end is damage, not a crash")
  func amendmentTargetPastHistory() throws {
    let bytes = Array(
      try Data(contentsOf: Self.regressions.appendingPathComponent("record/amendment-target-past-history.json")))
    let record = try JSONDecoder().decode(PregnancyRecord.self, from: Data(bytes))
    #expect(record.history.count == 1)
    #expect(record.structuralProblems(expectedID: record.id).contains("amendment_target"))

    // In a store: the file is named as damaged, the other records stay readable.
    let temp = TemporaryStore()
    let store = try temp.open()
    let good = try store.createRecord(name: "Anne Hansen", cpr: "020290-1234", author: "AB")
    let path = temp.path(record.id + ".json")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o600)
    let report = try temp.open().check()
    #expect(report.problems == [RecordProblem(id: record.id, damage: .invalid)])
    #expect(throws: StoreError.damaged(id: record.id, damage: .invalid)) { try temp.open().load(record.id) }
    #expect(try temp.open().load(good.id) == good)
  }
}
