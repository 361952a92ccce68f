/// A JSON value whose objects keep their keys in the order written, so that output is
/// stable and reads in a sensible order (contract first, details last).
public indirect enum OrderedJSON: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([OrderedJSON])
  case object([(String, OrderedJSON)])

  public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// JSON text: compact, or indented by two spaces when `pretty`.
  public func serialized(pretty: Bool = false) -> String {
    var output = ""
    write(to: &output, pretty: pretty, indent: 0)
    return output
  }

  private func write(to output: inout String, pretty: Bool, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .number(let value):
      if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
        output += String(Int64(value))
      } else if value.isFinite {
        output += String(value)
      } else {
        output += "null"
      }
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let items):
      writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &output, pretty: pretty, indent: indent)
    case .object(let members):
      writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &output, pretty: pretty, indent: indent)
    }
  }

  private func writeContainer(
    _ members: [(String?, OrderedJSON)], open: String, close: String, to output: inout String,
    pretty: Bool, indent: Int
  ) {
    output += open
    guard !members.isEmpty else {
      output += close
      return
    }
    let inner = String(repeating: " ", count: (indent + 1) * 2)
    for (index, (key, value)) in members.enumerated() {
      if index > 0 { output += "," }
      if pretty { output += "\n" + inner }
      if let key {
        Self.writeString(key, to: &output)
        output += pretty ? ": " : ":"
      }
      value.write(to: &output, pretty: pretty, indent: indent + 1)
    }
    if pretty { output += "\n" + String(repeating: " ", count: indent * 2) }
    output += close
  }

  private static func writeString(_ value: String, to output: inout String) {
    output += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
