import Foundation
import SvangreResources
import SvangreRules
import Testing

/// What the build-time generator (`svangre-embed`) compiled into the binary is what
/// `Resources/` holds: the generated rule sets are the values `RuleSet.load` makes of their
/// JSON, and every catalogue text came through the generator's escaping unchanged.
@Suite("Embedded resources")
struct EmbeddedResourcesTests {
  static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Resources")

  func files(_ folder: String) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(
      at: Self.resources.appendingPathComponent(folder), includingPropertiesForKeys: nil
    )
    .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// A rule set as canonical JSON: two rule sets are the same when these are equal.
  func canonical(_ ruleSet: RuleSet) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(ruleSet), as: UTF8.self)
  }

  @Test("Every rule set file is embedded, and the generated rule set equals its JSON loaded")
  func ruleSets() throws {
    let names = try files("rulesets").map { $0.deletingPathExtension().lastPathComponent }
    #expect(!names.isEmpty)
    #expect(EmbeddedResources.ruleSetNames == names)
    #expect(RuleSet.bundledIDs.count == names.count)
    for name in names {
      let json = try #require(EmbeddedResources.ruleSetJSON(named: name))
      let file = try Data(contentsOf: Self.resources.appendingPathComponent("rulesets/\(name).json"))
      #expect(Data(json) == file, "\(name): the embedded JSON is the file")
      let loaded = try RuleSet.load(file)
      let generated = try #require(RuleSet.bundled(id: loaded.id))
      #expect(try canonical(generated) == canonical(loaded), "\(name)")
      // The derived index is rebuilt too: every finding is found by its ID.
      for finding in loaded.findings {
        #expect(generated.finding(finding.id)?.id == finding.id)
      }
    }
    #expect(try canonical(RuleSet.bundled) == canonical(RuleSet.load(Data(EmbeddedResources.defaultRuleSet))))
    #expect(RuleSet.bundled(id: "no-such-rule-set") == nil)
  }

  @Test("Every catalogue text is embedded exactly as its file has it")
  func catalogues() throws {
    let names = try files("strings").map { $0.deletingPathExtension().lastPathComponent }
    let expected = (EmbeddedResources.catalogueNames + [EmbeddedResources.helpCatalogueName]).flatMap { name in
      Language.allCases.map { "\(name).\($0)" }
    }
    #expect(names.sorted() == expected.sorted(), "the catalogue files are the catalogues svangre reads")
    for name in names {
      let file = try Data(contentsOf: Self.resources.appendingPathComponent("strings/\(name).json"))
      let decoded = try JSONDecoder().decode([String: String].self, from: file)
      let parts = name.split(separator: ".").map(String.init)
      #expect(EmbeddedResources.strings(parts[0], language: parts[1]) == decoded, "\(name)")
    }
  }
}
