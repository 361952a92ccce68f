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

  /// A string with nothing to escape (nearly every one) is copied whole, the others run by
  /// run: appending one scalar at a time made writing strings most of the time of printing
  /// an assessment.
  private static func writeString(_ value: String, to output: inout String) {
    func escaped(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 }
    var text = value
    output += "\""
    guard text.withUTF8({ $0.contains(where: escaped) }) else {
      output += value
      output += "\""
      return
    }
    let utf8 = value.utf8
    var run = utf8.startIndex
    for index in utf8.indices where escaped(utf8[index]) {
      // Only ASCII is escaped, so every cut falls between whole characters.
      output += value[run..<index]
      switch utf8[index] {
      case UInt8(ascii: "\""): output += "\\\""
      case UInt8(ascii: "\\"): output += "\\\\"
      case UInt8(ascii: "\n"): output += "\\n"
      case UInt8(ascii: "\r"): output += "\\r"
      case UInt8(ascii: "\t"): output += "\\t"
      case let byte:
        let hex = String(byte, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
      run = utf8.index(after: index)
    }
    output += value[run...]
    output += "\""
  }
}
