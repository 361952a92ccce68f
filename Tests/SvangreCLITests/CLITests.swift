import Foundation
import SvangreTestSupport
import Testing

/// The `svangre` executable built beside this test bundle.
let svangreBinary: URL = {
  if let path = ProcessInfo.processInfo.environment["SVANGRE_BINARY"] { return URL(fileURLWithPath: path) }
  return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent("svangre")
}()

/// The process tests never skip: without the binary they fail, and this says why.
@Test("The svangre binary is built beside the tests (or named by SVANGRE_BINARY)")
func theBinaryIsThere() {
  #expect(FileManager.default.isExecutableFile(atPath: svangreBinary.path), "no svangre at \(svangreBinary.path)")
}

typealias Run = ProcessRun

/// Runs `svangre` with standard input, a pinned environment and no terminal.
func svangre(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Run {
  try run(svangreBinary, arguments, stdin: stdin, environment: environment)
}

/// Runs `executable` with standard input, a pinned environment and no terminal.
func run(_ executable: URL, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws
  -> Run
{
  // No saved initials of the user's own: `--author` defaults to them.
  var env = [
    "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "XDG_CONFIG_HOME": "/nonexistent/svangre-test-config",
  ]
  env.merge(environment) { _, new in new }
  return try runProcess(executable, arguments, stdin: stdin, environment: env)
}

func object(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

let twins =
  #"{"reference_date": "2026-12-02", "parity": "multiparous", "dating": {"scan_date": "2026-12-02", "scan_ga": "12+3"}, "findings": ["multiple_pregnancy"]}"#

@Suite("svangre assess, as a process")
struct AssessProcessTests {
  @Test("JSON by default when the output is not a terminal")
  func json() throws {
    let run = try svangre(["assess"], stdin: twins)
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    let result = try object(run.stdout)
    #expect(result["contract"] as? String == "svangre.assessment/2")
    #expect(result["suggested_level"] as? Int == 2)
    #expect((result["dating"] as? [String: Any])?["due_date"] as? String == "2027-06-13")
  }

  @Test("Text for a person, Danish by default and English on request")
  func text() throws {
    let danish = try svangre(["assess", "--format", "text"], stdin: twins)
    #expect(danish.status == 0)
    #expect(danish.stdout.contains("Niveau 2"))
    #expect(danish.stdout.contains("Flerfoldsgraviditet"))
    #expect(danish.stdout.contains("2027-01-31–2027-02-06"))
    // One status word in one pair of brackets (the TUI's catalogue once won the merge: "[[NU]]").
    #expect(danish.stdout.contains("[NU]"))
    #expect(!danish.stdout.contains("[["))
    let english = try svangre(["assess", "--format", "text", "--lang", "en"], stdin: twins)
    #expect(english.stdout.contains("Level 2"))
    #expect(english.stdout.contains("Multiple pregnancy"))
    #expect(english.stdout.contains("[DUE NOW]"))
    #expect(!english.stdout.contains("[["))
    let fromLocale = try svangre(["assess", "--format", "text"], stdin: twins, environment: ["LANG": "en_GB.UTF-8"])
    #expect(fromLocale.stdout.contains("Level 2"))
  }

  @Test("Text fits the terminal: lines wrap between words, nothing is cut off", arguments: [50, 80, 132])
  func textWraps(columns: Int) throws {
    let run = try svangre(
      ["assess", "--format", "text", "--lang", "en"], stdin: twins, environment: ["COLUMNS": String(columns)])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= columns }, "\(lines.filter { $0.count > columns })")
    #expect(!run.stdout.contains("…"))
    // Every word of every explanation is there, in order, whatever the width.
    let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("Expecting more than one baby; obstetrician and a glucose test in weeks 24–28."))
    #expect(words.contains("Glucose tolerance test weeks 24–28"))
  }

  @Test("Input from a file, and a missing file is a clear refusal")
  func inputFile() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-cli-\(UUID()).json")
    try Data(twins.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try svangre(["assess", "--input", file.path]).status == 0)
    let missing = try svangre(["assess", "--input", "/nonexistent/x.json", "--lang", "en"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot be read"))
  }

  @Test("Refused input: exit 2, the error object on stdout, the message on stderr")
  func refused() throws {
    let run = try svangre(
      ["assess", "--format", "json", "--lang", "en"],
      stdin:
        #"{"reference_date": "2026-11-23", "parity": "nulliparous", "dating": {"lmp": "2026-09-26"}, "findings": ["twins"]}"#
    )
    #expect(run.status == 2)
    let error = try #require(try object(run.stdout)["error"] as? [String: Any])
    #expect(error["code"] as? String == "unknown_finding")
    #expect(error["field"] as? String == "findings[0]")
    #expect(run.stderr.contains("twins"))
    #expect(!run.stderr.contains("Fatal error"))
    let garbage = try svangre(["assess", "--format", "json"], stdin: "\u{0}\u{1}garbage")
    #expect(garbage.status == 2)
    #expect(try object(garbage.stdout)["error"] != nil)
  }

  @Test("Usage mistakes are refused input (exit 2), help is not")
  func usage() throws {
    let mistyped = try svangre(["assess", "--no-such-option"])
    #expect(mistyped.status == 2)
    // ArgumentParser's detail is English; the user's language says first what happened.
    #expect(mistyped.stderr.hasPrefix("svangre: kommandoen er ikke skrevet rigtigt"))
    #expect(try svangre(["assess", "--lang", "en", "--no-such-option"]).stderr.hasPrefix("svangre: the command is"))
    let count = try svangre(["training", "cases", "--count", "0"])
    #expect(count.status == 2)
    #expect(count.stderr.contains("fra 1 til 500"))
    #expect(try svangre(["assess", "--lang", "fr"], stdin: twins).status == 2)
    #expect(try svangre(["--help"]).status == 0)
  }

  @Test("--pretty indents the same JSON")
  func pretty() throws {
    let compact = try svangre(["assess"], stdin: twins)
    let pretty = try svangre(["assess", "--pretty"], stdin: twins)
    #expect(pretty.stdout.contains("\n  \"ruleset\": {"))
    #expect(NSDictionary(dictionary: try object(compact.stdout)) == NSDictionary(dictionary: try object(pretty.stdout)))
  }
}

@Suite("svangre rules")
struct RulesProcessTests {
  @Test("rules list shows every finding with level and source")
  func list() throws {
    let run = try svangre(["rules", "list", "--format", "json"])
    #expect(run.status == 0)
    let findings = try #require(try object(run.stdout)["findings"] as? [[String: Any]])
    #expect(findings.count == 41)
    let smoking = try #require(findings.first { $0["id"] as? String == "smoking" })
    #expect(smoking["level"] as? Int == 2)
    #expect(smoking["source"] as? String == "svangre: konservativt valg; FP sundhedsfremme")
    #expect(smoking["birth_risk"] as? Bool == false)
    let twins = try #require(findings.first { $0["id"] as? String == "multiple_pregnancy" })
    #expect(twins["birth_risk"] as? Bool == true)
    let english = try object(try svangre(["rules", "list", "--format", "json", "--lang", "en"]).stdout)
    let obstetric = try #require(
      (english["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "previous_complicated_birth" })
    #expect(obstetric["source"] as? String == "FP obstetrician; FP birth talk")
    let text = try svangre(["rules", "list", "--format", "text"])
    #expect(text.stdout.contains("multiple_pregnancy"))
    #expect(text.stdout.contains("Flerfoldsgraviditet"))
  }

  /// The bundled rule set, written out and broken by `edit`.
  func brokenRuleSet(_ edit: (inout [String: Any]) -> Void) throws -> URL {
    let list = try svangre(["rules", "list", "--format", "json"])
    #expect(list.status == 0)
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Resources/rulesets/region-syddanmark-2021.json")
    var json = try object(String(decoding: try Data(contentsOf: source), as: UTF8.self))
    edit(&json)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ruleset-\(UUID()).json")
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    return file
  }

  @Test("rules check accepts the bundled set and lists every problem of a broken one")
  func check() throws {
    let good = try brokenRuleSet { _ in }
    defer { try? FileManager.default.removeItem(at: good) }
    let ok = try svangre(["rules", "check", good.path, "--lang", "en"])
    #expect(ok.status == 0)
    #expect(ok.stdout.hasPrefix("OK: dk-rsyd-fodeplan"))

    let bad = try brokenRuleSet { json in
      var findings = json["findings"] as! [[String: Any]]
      findings.append(findings[0])
      findings[1]["offers"] = ["spa_day"]
      json["findings"] = findings
    }
    defer { try? FileManager.default.removeItem(at: bad) }
    let refused = try svangre(["rules", "check", bad.path, "--lang", "en"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("used twice"))
    #expect(refused.stderr.contains("spa_day"))
    // The same file given to assess is refused the same way, before any assessment.
    #expect(try svangre(["assess", "--rules", bad.path], stdin: twins).status == 2)
  }

  @Test("--rules uses a region's own rule set")
  func ownRuleSet() throws {
    let file = try brokenRuleSet { json in
      var findings = json["findings"] as! [[String: Any]]
      let index = findings.firstIndex { $0["id"] as? String == "multiple_pregnancy" }!
      findings[index]["level"] = 3
      json["findings"] = findings
      json["id"] = "dk-test-region"
    }
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try svangre(["assess", "--rules", file.path], stdin: twins)
    let result = try object(run.stdout)
    #expect(result["suggested_level"] as? Int == 3)
    #expect((result["ruleset"] as? [String: Any])?["id"] as? String == "dk-test-region")
  }
}

@Suite("svangre training")
struct TrainingProcessTests {
  @Test("The quiz asks for each level, explains the answer and keeps score")
  func quiz() throws {
    let cases = try svangre(["training", "cases", "--count", "3", "--seed", "11", "--today", "2026-11-23"])
    #expect(cases.status == 0)
    let list = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
    let levels = list.compactMap { ($0["expect"] as? [String: Any])?["suggested_level"] as? Int }
    #expect(levels.count == 3)
    // Answer the first right, the second wrong, then a typo, then the third right.
    let answers = [levels[0], levels[1] % 4 + 1].map(String.init) + ["x", String(levels[2])]
    let run = try svangre(
      ["training", "quiz", "--count", "3", "--seed", "11", "--today", "2026-11-23", "--lang", "en"],
      stdin: answers.joined(separator: "\n") + "\n")
    #expect(run.status == 0)
    #expect(run.stdout.contains("Case 3 of 3"))
    #expect(run.stdout.contains("Answer with a number from 1 to 4"))
    #expect(run.stdout.contains("Score: 2 of 3 right."))
  }

  @Test("Generated cases are acceptance cases: assessing their input gives their answer")
  func casesMatchAssess() throws {
    let cases = try svangre(["training", "cases", "--count", "5", "--seed", "5", "--today", "2027-01-15"])
    let list = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
    for item in list {
      let input = try JSONSerialization.data(withJSONObject: try #require(item["input"]))
      let result = try object(try svangre(["assess"], stdin: String(decoding: input, as: UTF8.self)).stdout)
      #expect(result["suggested_level"] as? Int == (item["expect"] as? [String: Any])?["suggested_level"] as? Int)
    }
  }
}

@Suite("svangre record birth")
struct RecordBirthProcessTests {
  @Test("A birth after today is refused; on or before today it is saved")
  func future() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-birth-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: store) }
    let created = try svangre([
      "--store", store, "record", "new", "--name", "Anna", "--cpr", "010190-1234", "--author", "AB",
    ])
    let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(created.status == 0)
    let early = [
      "--store", store, "--today", "2027-05-01", "--lang", "en", "record", "birth", id, "--place", "home", "--author",
      "AB",
    ]
    let refused = try svangre(early + ["--date", "2027-05-02"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("after today"))
    #expect(try svangre(early + ["--date", "2027-05-01"]).status == 0)
  }
}
