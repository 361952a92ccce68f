/// JSON text from a `JSONValue`: svangre's own writer, for every JSON it prints.
extension JSONValue {
  /// JSON text: compact, or indented by two spaces when `pretty`.
  public func serialized(pretty: Bool = false) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    write(to: &output, pretty: pretty, indent: 0)
    return String(decoding: output, as: UTF8.self)
  }

  // Written as UTF-8 bytes: appending to a String cost `svangre assess` a twentieth of its
  // start-up, four times as much as this.
  private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): output.append(contentsOf: String(value).utf8)
    case .number(let value):
      if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
        output.append(contentsOf: String(Int64(value)).utf8)
      } else if value.isFinite {
        output.append(contentsOf: String(value).utf8)
      } else {
        output.append(contentsOf: "null".utf8)
      }
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let items):
      output.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        Self.startMember(index, to: &output, pretty: pretty, indent: indent)
        item.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      Self.close(UInt8(ascii: "]"), empty: items.isEmpty, to: &output, pretty: pretty, indent: indent)
    case .object(let members):
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        Self.startMember(index, to: &output, pretty: pretty, indent: indent)
        Self.writeString(key, to: &output)
        output.append(contentsOf: (pretty ? ": " : ":").utf8)
        value.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      Self.close(UInt8(ascii: "}"), empty: members.isEmpty, to: &output, pretty: pretty, indent: indent)
    }
  }

  /// The comma before every member but the first; pretty: a new line, indented.
  private static func startMember(_ index: Int, to output: inout [UInt8], pretty: Bool, indent: Int) {
    if index > 0 { output.append(UInt8(ascii: ",")) }
    if pretty { newLine(indent + 1, to: &output) }
  }

  private static func close(_ bracket: UInt8, empty: Bool, to output: inout [UInt8], pretty: Bool, indent: Int) {
    if pretty, !empty { newLine(indent, to: &output) }
    output.append(bracket)
  }

  private static func newLine(_ indent: Int, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  /// A string with nothing to escape (nearly every one) is copied whole, the others run by
  /// run. Only `"`, `\` and control characters are escaped (ASCII), so every cut falls
  /// between whole characters.
  private static func writeString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = value
    text.withUTF8 { bytes in
      var run = 0
      for (index, byte) in bytes.enumerated()
      where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
        default:
          let hex = String(byte, radix: 16)
          output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
        run = index + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
    output.append(UInt8(ascii: "\""))
  }
}
