import Foundation
import SvangreRules

// Build-time tool of the EmbedResources plugin: compiles the package's top-level
// `Resources/` into one Swift file for SvangreResources, so that `Resources/` stays data
// only, an installed `svangre` is one self-contained file, and svangre decodes no JSON at
// start-up.
//
//   svangre-embed OUTPUT.swift FILE.json ...   (each FILE under rulesets/ or strings/)
//
// Each rule set is loaded and validated exactly as `--rules FILE` is (`RuleSet.load`): a
// bundled rule set with a problem fails the build, naming every problem. It is written as
// Swift that builds the same value, and its JSON is kept too (tests compare the two).
// Each string catalogue must be one JSON object of texts with no key twice; it is written
// as a dictionary literal.

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("error: svangre-embed: \(message)\n".utf8))
  exit(1)
}

struct ResourceFile {
  var name: String
  var path: String
  var data: Data
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else { fail("usage: svangre-embed OUTPUT.swift FILE.json ...") }

var ruleSetFiles: [ResourceFile] = []
var stringFiles: [ResourceFile] = []
for path in arguments.dropFirst() {
  let url = URL(fileURLWithPath: path)
  guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot be read") }
  let file = ResourceFile(name: url.deletingPathExtension().lastPathComponent, path: path, data: data)
  switch url.deletingLastPathComponent().lastPathComponent {
  case "rulesets": ruleSetFiles.append(file)
  case "strings": stringFiles.append(file)
  default: fail("\(path): not under rulesets/ or strings/")
  }
}
ruleSetFiles.sort { $0.name < $1.name }
stringFiles.sort { $0.name < $1.name }

/// The flat key → text map of a catalogue file, or the build fails.
func catalogue(_ file: ResourceFile) -> [String: String] {
  if let key = DuplicateKeys.first(in: file.data) { fail("\(file.path): the key \"\(key)\" is there twice") }
  guard let entries = try? JSONDecoder().decode([String: String].self, from: file.data) else {
    fail("\(file.path): not one JSON object of texts (\"key\": \"text\")")
  }
  return entries
}

let catalogues = stringFiles.map { (file: $0, entries: catalogue($0)) }

/// A rule set problem in English, worded by the core catalogue as `rules check` words it.
func describe(_ problem: RuleSetError.Problem) -> String {
  var text = catalogues.first { $0.file.name == "core.en" }?.entries[problem.key] ?? problem.key
  for (name, value) in problem.arguments.merging(["entry": problem.entry], uniquingKeysWith: { $1 }) {
    text = text.replacingOccurrences(of: "{\(name)}", with: value)
  }
  return "\(problem.entry): \(text)"
}

var ruleSetSource: [String] = []
var ruleSetTable: [String] = []
var helpers: [String] = []
var seenIDs: [String: String] = [:]
for (index, file) in ruleSetFiles.enumerated() {
  let ruleSet: RuleSet
  do throws(RuleSetError) {
    ruleSet = try RuleSet.load(file.data)
  } catch {
    fail("\(file.path) is not a valid rule set:\n" + error.problems.map { "  " + describe($0) }.joined(separator: "\n"))
  }
  if let other = seenIDs.updateValue(file.path, forKey: ruleSet.id) {
    fail("\(file.path): rule set id \"\(ruleSet.id)\" is also the id of \(other)")
  }
  var writer = SwiftLiteralWriter(prefix: "ruleSet\(index)Part")
  let expression: String
  do throws(SwiftLiteralWriter.Failure) {
    expression = try writer.expression(ruleSet)
  } catch {
    fail("\(file.path): cannot be written as Swift: \(error)")
  }
  helpers += writer.helpers
  ruleSetSource.append("  static func ruleSet\(index)() -> RuleSet {\n    \(expression)\n  }")
  ruleSetTable.append(
    "    (\(swiftStringLiteral(file.name)), \(swiftStringLiteral(ruleSet.id)), ruleSet\(index), "
      + "\(swiftStringLiteral(String(decoding: file.data, as: UTF8.self)))),")
}

var catalogueSource: [String] = []
var catalogueCases: [String] = []
for (index, (file, entries)) in catalogues.enumerated() {
  let lines = entries.sorted { $0.key < $1.key }.map {
    "      \(swiftStringLiteral($0.key)): \(swiftStringLiteral($0.value)),"
  }
  catalogueSource.append(
    "  static func catalogue\(index)() -> [String: String] {\n    [\n" + lines.joined(separator: "\n")
      + "\n    ]\n  }")
  catalogueCases.append("    case \(swiftStringLiteral(file.name)): catalogue\(index)()")
}

let source = """
  // Generated at build time by svangre-embed from the package's Resources/. Do not edit.
  import SvangreRules

  /// The bundled rule sets (`Resources/rulesets/*.json`), each validated at build time.
  enum GeneratedRuleSets {
    /// By file name without `.json`, in name order: the rule set's id, a function that
    /// builds it, and its JSON as shipped.
    static let all: [(name: String, id: String, make: @Sendable () -> RuleSet, json: StaticString)] = [
  \(ruleSetTable.joined(separator: "\n"))
    ]

  \(ruleSetSource.joined(separator: "\n\n"))

  \(helpers.joined(separator: "\n\n"))
  }

  /// The string catalogues (`Resources/strings/*.json`), each checked at build time.
  enum GeneratedStrings {
    /// Catalogue `name` (`core.da`): key → text.
    static func catalogue(_ name: String) -> [String: String]? {
      switch name {
  \(catalogueCases.joined(separator: "\n"))
      default: nil
      }
    }

  \(catalogueSource.joined(separator: "\n\n"))
  }

  """
do {
  try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
  fail("\(output): \(error.localizedDescription)")
}
