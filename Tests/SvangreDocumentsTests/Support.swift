import Foundation
import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

/// The audit time of the tests' stores and the calendars' DTSTAMP: 2026-11-23 09:00 UTC.
let testInstant = Date(timeIntervalSince1970: 1_795_424_400)

/// A temporary store with the tests' women in it, saved as the TUI and `record assess`
/// save them: the engine assesses the input, the store keeps it.
final class Clinic {
  let directory = NSTemporaryDirectory() + "svangre-documents-test-" + UUID().uuidString.lowercased()
  let store: FileRecordStore
  let engine = AssessmentEngine()

  init() throws {
    store = try FileRecordStore(directory: directory, clock: .fixed(testInstant), ruleSets: [.bundled])
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// A new record with one visitation of `input` (contract JSON), and a birth if given.
  func woman(_ name: String, cpr: String, _ input: String, birth: BirthEvent? = nil) throws -> PregnancyRecord {
    var record = try store.createRecord(name: name, cpr: cpr, author: "AB")
    let parsed = try AssessmentInput(json: try #require(JSONValue.parse(Data(input.utf8))), ruleSet: engine.ruleSet)
    let assessment = try engine.assess(parsed)
    let visitation = Visitation(
      input: parsed.json, ruleSetID: assessment.ruleSetID, ruleSetVersion: assessment.ruleSetVersion,
      suggestedLevel: assessment.suggestedLevel, level: assessment.level,
      overrideReason: assessment.overridden ? assessment.overrideReason : nil,
      dueDate: assessment.dueDate.iso, gestationalAge: assessment.gestationalAge.description)
    record = try store.appendVisitation(
      record.id, basedOn: record.revision, visitation: visitation, author: "AB")
    if let birth {
      record = try store.recordBirth(record.id, basedOn: record.revision, birth: birth, author: "CD")
    }
    return record
  }

  /// What the documents are made from on `today`: the record's state now, assessed.
  func source(_ record: PregnancyRecord, on today: String) throws -> DocumentSource {
    try DocumentSource(record: record, engine: engine, today: try #require(CalendarDate(iso: today)))
  }
}

/// The tests' women (every fact comes from the engine; these are only their inputs).
enum Women {
  /// Twins, a home birth wished, diabetes in the family; the level raised to 3 with a
  /// reason that holds HTML's special characters.
  static let twins = #"""
    {"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-08-13"},
     "findings": ["multiple_pregnancy", "home_birth_wish", "family_diabetes"],
     "override": {"level": 3, "reason": "Tvillinger & <b>lang vej</b> til sygehus"}}
    """#
  /// Nothing found: level 1, dated by her due date, second child.
  static let plain = #"""
    {"reference_date": "2026-11-23", "parity": "multiparous", "dating": {"due_date": "2027-05-20"}}
    """#
  /// Many findings: the longest page the tests print.
  static let many = #"""
    {"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"scan_date": "2026-11-20", "scan_ga": "12+3"},
     "bmi": 36, "findings": ["multiple_pregnancy", "previous_complicated_birth", "smoking", "fear_of_childbirth",
       "previous_child_loss", "language_barrier", "alcohol_use", "home_birth_wish", "pregestational_diabetes",
       "rhd_negative", "family_diabetes", "hereditary_risk", "severe_social_problems"]}
    """#
  /// Seen early (gp_6_10 at 8+2, so done), assessed weeks later.
  static let seenEarly = #"""
    {"reference_date": "2026-10-05", "parity": "nulliparous", "dating": {"due_date": "2027-05-15"}}
    """#

  static let names = ["Søs <Æbelø> & Ørnsholt", "Ida Ærø", "Mette O'Brien", "Kim Lund"]
  static let cprs = ["010190-2000", "020290-4000", "030390-6000", "040490-8000"]
}

/// A program a test runs, found where Debian installs it: a missing one fails the test
/// (`scripts/setup` installs it), it is never a reason to skip.
func tool(_ path: String) throws -> String {
  try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: run scripts/setup")
  return path
}

/// Runs `executable` to the end; standard output and error, and the status. Standard
/// error goes to a file, so that neither pipe can fill up and stop the program.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
  let errorPath = NSTemporaryDirectory() + "svangre-documents-stderr-" + UUID().uuidString
  _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
  defer { try? FileManager.default.removeItem(atPath: errorPath) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let output = Pipe()
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = output
  process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
  try process.run()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let err = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
  return (process.terminationStatus, String(decoding: out, as: UTF8.self), err)
}

/// A directory under /tmp for a test's files, removed after it.
final class Scratch {
  let path = NSTemporaryDirectory() + "svangre-documents-files-" + UUID().uuidString.lowercased()
  init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
  deinit { try? FileManager.default.removeItem(atPath: path) }
  func file(_ name: String) -> String { path + "/" + name }
}
