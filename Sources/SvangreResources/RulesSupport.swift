import Foundation
import SvangreRules

// What the rules module leaves to its callers, on purpose: it imports nothing but
// Foundation, so the bundled rule set's bytes and the wording of its refusals live here,
// beside the data they come from.

extension RuleSet {
  /// The rule set compiled into svangre: Region Syddanmark's Fødeplan 2021.
  ///
  /// Built by code generated from its JSON at build time, after the same validation
  /// `RuleSet.load` gives a file passed with `--rules` (a test checks that the two agree).
  public static let bundled: RuleSet = {
    guard let ruleSet = bundled(named: EmbeddedResources.defaultRuleSetName) else {
      // Only a build without Resources/rulesets/region-syddanmark-2021.json gets here.
      fatalError("svangre was built without its bundled rule set")
    }
    return ruleSet
  }()

  /// Every rule set compiled into svangre (each `Resources/rulesets/*.json`), by `id`, in
  /// file name order.
  public static var bundledIDs: [String] { GeneratedRuleSets.all.map(\.id) }

  /// The bundled rule set with this `id` (`dk-rsyd-fodeplan`), nil if none.
  public static func bundled(id: String) -> RuleSet? {
    GeneratedRuleSets.all.first { $0.id == id }?.make()
  }

  /// The bundled rule set from `Resources/rulesets/NAME.json`, nil if none.
  static func bundled(named name: String) -> RuleSet? {
    GeneratedRuleSets.all.first { $0.name == name }?.make()
  }
}

extension AssessmentEngine {
  /// An engine on the bundled rule set.
  public init() { self.init(ruleSet: .bundled) }
}

extension InputError {
  /// A sentence for the user in the catalogue's language: what is wrong and how to fix it.
  ///
  /// The field is named as a clinician names it ("GA ved scanning", `field.*` in the core
  /// catalogue), never by its JSON path: the path stays in `field` for programs.
  public func message(_ strings: StringCatalog) -> String {
    var arguments = self.arguments
    if let field {
      let path = FieldPath(field)
      if let number = path.number { arguments["number"] = String(number) }
      if code == .unknownField {
        // The field is the user's own (mistyped) name; its parent is ours.
        arguments["name"] = path.last
        arguments["where"] =
          path.parent.map { strings("error.unknown_field.where", ["parent": $0.name(strings)]) } ?? ""
      } else {
        let name = path.name(strings)
        arguments["field"] = name
        arguments["Field"] = name.prefix(1).uppercased() + name.dropFirst()
      }
    }
    // A field with its own wording for this code (`error.missing_field.dating`) uses it.
    let fieldKey = field.map { "error.\(code.rawValue).\($0)" }
    let key = detailKey ?? fieldKey.flatMap { strings.has($0) ? $0 : nil } ?? "error.\(code.rawValue)"
    return strings(key, arguments)
  }
}

/// A contract field path (`dating.scan_ga`, `findings[3]`, `attendance.done[0].id`) and its
/// name for people: catalogue key `field.` + the path with indices left out
/// (`field.findings[]`), with `{number}` the 1-based position in the list.
struct FieldPath {
  var components: [String]
  /// The last index in the path, counted from 1 as people count.
  var number: Int?

  init(_ path: String) {
    var components: [String] = []
    var number: Int?
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var name = String(part)
      if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
        number = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]).map { $0 + 1 }
        name = String(name[..<open]) + "[]"
      }
      components.append(name)
    }
    self.components = components
    self.number = number
  }

  var last: String { components.last.map { $0.replacingOccurrences(of: "[]", with: "") } ?? "" }

  var parent: FieldPath? {
    guard components.count > 1 else { return nil }
    return FieldPath(components: Array(components.dropLast()), number: number)
  }

  private init(components: [String], number: Int?) {
    self.components = components
    self.number = number
  }

  /// "GA ved scanning"; a path the catalogue does not name (a key the user made up) shows
  /// as itself in quotes, so that a gap is visible (and a test finds it).
  func name(_ strings: StringCatalog) -> String {
    let key = "field." + components.joined(separator: ".")
    guard strings.has(key) else { return "'" + components.joined(separator: ".") + "'" }
    return strings(key, number.map { ["number": String($0)] } ?? [:])
  }
}

extension InputError {
  /// The contract's error object: `{"error": {"code", "field", "message"}}`.
  public func contractJSON(_ strings: StringCatalog) -> JSONValue {
    .object([
      (
        "error",
        .object([
          ("code", .string(code.rawValue)), ("field", field.map { .string($0) } ?? .null),
          ("message", .string(message(strings))),
        ])
      )
    ])
  }
}

extension RuleSetError {
  /// One line per problem, in the catalogue's language.
  public func lines(_ strings: StringCatalog) -> [String] {
    problems.map { problem in
      var arguments = problem.arguments
      arguments["entry"] = problem.entry
      return strings(problem.key, arguments)
    }
  }
}
