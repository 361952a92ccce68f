import Foundation
import SvangreRules

// What the rules module leaves to its callers, on purpose: it imports nothing but
// Foundation, so the bundled rule set's bytes and the wording of its refusals live here,
// beside the data they come from.

extension RuleSet {
  /// The rule set compiled into svangre: Region Syddanmark's Fødeplan 2021.
  public static let bundled: RuleSet = {
    do throws(RuleSetError) {
      return try RuleSet.load(Data(EmbeddedResources.defaultRuleSet))
    } catch {
      // The bundled rule set is validated by the test suite; failing here means the
      // build itself is broken, not the user's input.
      fatalError("svangre's bundled rule set is invalid: \(error.problems.map(\.entry))")
    }
  }()
}

extension AssessmentEngine {
  /// An engine on the bundled rule set.
  public init() { self.init(ruleSet: .bundled) }
}

extension InputError {
  /// A sentence for the user in the catalogue's language: what is wrong and how to fix it.
  public func message(_ strings: StringCatalog) -> String {
    var arguments = self.arguments
    arguments["field"] = field ?? ""
    let key = detailKey ?? "error.\(code.rawValue)"
    return strings(key, arguments)
  }
}

extension InputError {
  /// The contract's error object: `{"error": {"code", "field", "message"}}`.
  public func contractJSON(_ strings: StringCatalog) -> OrderedJSON {
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
