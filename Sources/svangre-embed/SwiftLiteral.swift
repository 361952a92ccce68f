// Writes a value as Swift source that rebuilds it, by reflection: a struct as a call of
// its memberwise factory (`memberwise(...)`, SvangreRules/RuleSet+Memberwise.swift),
// an enum case by name, arrays and dictionaries as literals. Long arrays of structs become
// helper functions that append one element per statement, so the compiler type-checks
// many small expressions instead of one huge one.

/// A Swift string literal of `text`, escaped so that the compiler reads back the same text.
func swiftStringLiteral(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      out += "\\u{" + String(scalar.value, radix: 16) + "}"
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

struct SwiftLiteralWriter {
  /// Stored properties that are derived from the others and rebuilt by the initialiser.
  static let derived: Set<String> = ["SvangreRules.RuleSet.findingIndex", "SvangreRules.RuleSet.sourceIndex"]

  /// The helper functions written so far, each a complete declaration.
  private(set) var helpers: [String] = []
  /// Prefix of the helper functions' names, unique per generated value.
  let prefix: String

  init(prefix: String) { self.prefix = prefix }

  enum Failure: Error { case unsupported(String) }

  mutating func expression(_ value: Any) throws(Failure) -> String {
    switch value {
    case let flag as Bool: return flag ? "true" : "false"
    case let number as Int: return String(number)
    case let number as Double:
      guard number.isFinite else { throw .unsupported("a non-finite number") }
      return "\(number)"
    case let text as String: return swiftStringLiteral(text)
    case let range as ClosedRange<Int>: return "\(range.lowerBound)...\(range.upperBound)"
    default: break
    }
    let mirror = Mirror(reflecting: value)
    let typeName = String(reflecting: mirror.subjectType)
    switch mirror.displayStyle {
    case .optional:
      guard let wrapped = mirror.children.first?.value else { return "nil" }
      return try expression(wrapped)
    case .collection:
      return try array(mirror, typeName: typeName)
    case .dictionary:
      var entries: [String] = []
      for entry in mirror.children {
        let parts = Array(Mirror(reflecting: entry.value).children)
        guard parts.count == 2 else { throw .unsupported("a dictionary entry of \(typeName)") }
        entries.append(try expression(parts[0].value) + ": " + expression(parts[1].value))
      }
      return entries.isEmpty ? "[:]" : "[" + entries.sorted().joined(separator: ", ") + "]"
    case .enum:
      // The case's name as the compiler knows it: a type with its own description would
      // print something else.
      guard !(value is CustomStringConvertible), !(value is CustomDebugStringConvertible) else {
        throw .unsupported("enum \(typeName) with a custom description")
      }
      guard let payload = mirror.children.first else { return "\(typeName).\(value)" }
      guard let name = payload.label else { throw .unsupported("an unnamed case of \(typeName)") }
      let inner = Mirror(reflecting: payload.value)
      if inner.displayStyle == .tuple {
        return "\(typeName).\(name)(" + (try arguments(inner)) + ")"
      }
      return "\(typeName).\(name)(" + (try expression(payload.value)) + ")"
    case .struct:
      return "\(typeName).memberwise(" + (try arguments(mirror, skippingDerivedOf: typeName)) + ")"
    default:
      throw .unsupported("\(typeName) (\(mirror.displayStyle.map { "\($0)" } ?? "no display style"))")
    }
  }

  /// `label: value, ...` for a struct's stored properties or a tuple's elements.
  private mutating func arguments(_ mirror: Mirror, skippingDerivedOf typeName: String = "") throws(Failure)
    -> String
  {
    var parts: [String] = []
    for child in mirror.children {
      let label = child.label ?? ""
      if Self.derived.contains(typeName + "." + label) { continue }
      let value = try expression(child.value)
      // Tuple elements without a name are reflected as ".0", ".1".
      parts.append(label.isEmpty || label.hasPrefix(".") ? value : "\(label): \(value)")
    }
    return parts.joined(separator: ", ")
  }

  private mutating func array(_ mirror: Mirror, typeName: String) throws(Failure) -> String {
    var elements: [String] = []
    var composite = false
    for child in mirror.children {
      let style = Mirror(reflecting: child.value).displayStyle
      composite = composite || style == .struct || style == .enum
      elements.append(try expression(child.value))
    }
    guard composite, elements.count > 3 else { return "[" + elements.joined(separator: ", ") + "]" }
    let name = "\(prefix)\(helpers.count)"
    let lines =
      [
        "  private static func \(name)() -> \(typeName) {", "    var items: \(typeName) = []",
        "    items.reserveCapacity(\(elements.count))",
      ]
      + elements.map { "    items.append(\($0))" } + ["    return items", "  }"]
    helpers.append(lines.joined(separator: "\n"))
    return "\(name)()"
  }
}
