import Foundation
import Testing

/// `--cpr -`: the CPR number comes from standard input, so it never stands in the process
/// list, where any user of the machine can read it (`ps`, /proc/PID/cmdline).
@Suite(
  "A CPR number from standard input, not the process list")
struct CPRInputTests {
  let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-cpr-\(UUID())").path

  @Test func theProcessListNeverHoldsTheNumber() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let process = Process()
    process.executableURL = svangreBinary
    process.arguments = ["--store", store, "record", "new", "--name", "Anna", "--cpr", "-", "--author", "AB"]
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    // While it waits for the number, read its command line as another user would.
    let cmdline = "/proc/\(process.processIdentifier)/cmdline"
    var seen = ""
    for _ in 0..<100 where seen.isEmpty {
      seen = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: cmdline))) ?? Data(), as: UTF8.self)
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(seen.contains("--cpr"))
    #expect(!seen.contains("010190"))
    input.fileHandleForWriting.write(Data("010190-1234\n".utf8))
    try input.fileHandleForWriting.close()
    let id = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let shown = try object(try svangre(["--store", store, "record", "show", id, "--format", "json"]).stdout)
    #expect(shown["cpr"] as? String == "010190-1234")
  }

  @Test func aCorrectionAndASearchTakeItTheSameWay() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let base = ["--store", store, "--lang", "en"]
    let id = try svangre(
      base + ["record", "new", "--name", "Anna", "--cpr", "-", "--author", "AB"], stdin: "010190-1234\n"
    )
    .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let amend = try svangre(
      base + ["record", "amend", id, "--field", "cpr", "--value", "-", "--reason", "typo", "--author", "AB"],
      stdin: "020290-1234\n")
    #expect(amend.status == 0)
    let found = try svangre(base + ["record", "list", "--search", "-", "--format", "json"], stdin: "0202\n")
    #expect(found.stdout.contains(id))
    // Nothing on standard input is a missing number, refused as one.
    let none = try svangre(base + ["record", "new", "--name", "Bodil", "--cpr", "-", "--author", "AB"], stdin: "")
    #expect(none.status == 2)
    #expect(none.stderr.contains("CPR number"))
  }
}
