import Foundation
import Testing

/// ESC with a screen clear, an OSC window title ended by BEL, an OSC 8 hyperlink, a CR that
/// would let the rest overwrite the line, the bidirectional override and isolate, DEL, a
/// C1 CSI (U+009B) and NEL.
let hostile =
  "Mia\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}]8;;http://x.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\\rX\u{202E}lave\u{2066}\u{7F}\u{9B}31m\u{85}end"

/// The characters a terminal acts on, as they appear in what svangre wrote (line breaks
/// between its own lines excepted).
func terminalControls(in text: String) -> [String] {
  text.unicodeScalars.filter { scalar in
    let value = scalar.value
    return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value)
      || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(value) || (0x202A...0x202E).contains(value)
      || (0x2066...0x2069).contains(value)
  }.map { String(format: "U+%04X", $0.value) }
}

@Suite(
  "No terminal escape reaches the terminal from data")
struct EscapeTests {
  let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-escape-\(UUID())").path

  func run(_ arguments: [String], stdin: String = "") throws -> Run {
    try svangre(["--store", store, "--lang", "en", "--today", "2026-11-23"] + arguments, stdin: stdin)
  }

  /// Every byte svangre wrote is free of terminal controls.
  func expectClean(_ run: Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(terminalControls(in: run.stdout) == [], "stdout of \(what)", sourceLocation: sourceLocation)
    #expect(terminalControls(in: run.stderr) == [], "stderr of \(what)", sourceLocation: sourceLocation)
  }

  @Test("Notes, reasons and corrections typed with ESC, OSC, BEL, CR and bidi overrides are shown, never obeyed")
  func typedText() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try run(["record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let escapedReason = String(data: try JSONEncoder().encode(hostile), encoding: .utf8)!
    let input =
      #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"due_date": "2027-05-20"}, "override": {"level": 3, "reason": "#
      + escapedReason + "}}"
    for text in ["record", "json"] {
      expectClean(try run(["record", "assess", id, "--author", "AB", "--format", text], stdin: input), "assess")
    }
    #expect(try run(["record", "note", id, "--author", "AB", "--text", hostile]).status == 0)
    let amend = try run([
      "record", "amend", id, "--field", "note", "--entry", "2", "--value", hostile + "2", "--reason", hostile,
      "--author", "AB",
    ])
    #expect(amend.status == 0)
    #expect(try run(["record", "close", id, "--author", "AB", "--reason", hostile]).status == 0)

    let show = try run(["record", "show", id, "--format", "text"])
    #expect(show.status == 0)
    expectClean(show, "record show")
    // Shown, not dropped: a clinician sees that something odd was typed.
    #expect(show.stdout.contains("Mia␛[2J␛]0;pwned␇"))
    #expect(show.stdout.contains("X�lave�␡�31m end"))
    // One line per history entry: the CR and NEL did not start new ones.
    #expect(show.stdout.split(separator: "\n").filter { $0.contains("pwned") }.count == 5)
    for arguments in [
      ["record", "show", id, "--format", "json"], ["record", "list", "--format", "text"],
      ["record", "list", "--format", "json"], ["export", id], ["store", "check", "--format", "text"],
    ] {
      let output = try run(arguments)
      #expect(output.status == 0, "\(arguments)")
      expectClean(output, arguments.joined(separator: " "))
    }
    // The JSON still holds the text exactly: the escapes are JSON's own.
    let json = try object(try run(["record", "show", id, "--format", "json"]).stdout)
    #expect((json["closed"] as? [String: Any])?["reason"] as? String == hostile)
  }

  @Test("A record file made elsewhere, with controls and NUL in the name and the initials, cannot reach the terminal")
  func plantedRecord() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    let id = try run(["record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try run(["record", "note", id, "--author", "AB", "--text", "kort"]).status == 0)
    let file = URL(fileURLWithPath: store).appendingPathComponent(id + ".json")
    var record = try object(String(decoding: try Data(contentsOf: file), as: UTF8.self))
    record["woman"] = ["name": hostile + "\u{0}", "cpr": "010190-1234"]
    record["created_by"] = hostile
    var history = try #require(record["history"] as? [[String: Any]])
    history[0]["author"] = "A\u{1B}[2JB"
    record["history"] = history
    try JSONSerialization.data(withJSONObject: record).write(to: file)

    for arguments in [
      ["record", "show", id, "--format", "text"], ["record", "show", id, "--format", "json"],
      ["record", "list", "--format", "text"], ["record", "list", "--search", "mia", "--format", "text"],
      ["record", "list", "--format", "json"], ["export"], ["store", "check", "--format", "text"],
      ["store", "check", "--format", "json"],
      // A stale copy names who changed the record last: the planted initials.
      ["record", "note", id, "--expect-revision", "1", "--author", "AB", "--text", "x"],
    ] {
      expectClean(try run(arguments), arguments.joined(separator: " "))
    }
  }

  @Test("Error messages that quote what was given show it harmlessly")
  func messages() throws {
    defer { try? FileManager.default.removeItem(atPath: store) }
    expectClean(try run(["assess", "--format", "json"], stdin: #"{"reference_date": "\u001b]0;x\u0007"}"#), "assess")
    expectClean(try run(["assess", "--input", "/nonexistent/\u{1B}[2J", "--format", "text"]), "missing file")
    expectClean(try run(["record", "show", "p2kc7qehc\u{1B}[2J"]), "unknown id")
    expectClean(try run(["record", "list", "--format", "\u{1B}]0;x\u{07}"]), "usage error")
  }
}
