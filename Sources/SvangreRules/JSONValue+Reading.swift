import Foundation

extension JSONValue {
  /// Parses JSON text; nil when it is not JSON.
  ///
  /// Plain UTF-8 JSON — what svangre reads in practice — is read in one pass over the bytes
  /// (`JSONReader`). Anything that reader does not take goes to Foundation's `JSONDecoder`
  /// as before, which stays the judge of what is JSON: text that is not JSON, a byte order
  /// mark or UTF-16, a key given twice in one object, a lone surrogate, a number no `Double`
  /// holds, nesting deeper than 64. Where the reader answers it gives the value
  /// `JSONDecoder` gives (`JSONReadingTests` compares the two on every fuzz input kept).
  /// `JSONDecoder` and `Decodable` cost a fifth of a `svangre assess` process's own
  /// instructions (docs/performance.md).
  public static func parse(_ data: Data) -> JSONValue? {
    if let value = read(data) { return value }
    return try? JSONDecoder().decode(JSONValue.self, from: data)
  }

  /// The one-pass reader alone: nil where it leaves the text to `JSONDecoder`.
  static func read(_ data: Data) -> JSONValue? {
    data.withUnsafeBytes { raw in
      var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
      return reader.document()
    }
  }
}

/// Reads one JSON document (RFC 8259, UTF-8) into a `JSONValue`, objects with their keys
/// sorted as `init(from:)` sorts them. Returns nil both for text that is not JSON and for
/// JSON it leaves to `JSONDecoder` (see `JSONValue.parse`).
private struct JSONReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0
  var depth = 0
  static let maximumDepth = 64

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func document() -> JSONValue? {
    skipWhitespace()
    guard let value = value() else { return nil }
    skipWhitespace()
    return position == bytes.count ? value : nil
  }

  private var next: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = next, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard next == byte else { return false }
    position += 1
    return true
  }

  private mutating func value() -> JSONValue? {
    guard let byte = next else { return nil }
    switch byte {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
    default: return nil
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
    let count = word.utf8CodeUnitCount
    guard bytes.count - position >= count,
      memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
    else { return nil }
    position += count
    return value
  }

  private mutating func object() -> JSONValue? {
    position += 1
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else { return nil }
    var members: [(String, JSONValue)] = []
    skipWhitespace()
    if take(UInt8(ascii: "}")) { return .object(members) }
    repeat {
      skipWhitespace()
      guard next == UInt8(ascii: "\""), let key = string() else { return nil }
      skipWhitespace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipWhitespace()
      guard let value = value() else { return nil }
      members.append((key, value))
      skipWhitespace()
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "}")) else { return nil }
    members.sort { $0.0 < $1.0 }
    // Equal keys end up side by side: which of them counts is Foundation's to say.
    for index in members.indices.dropFirst() where members[index - 1].0 == members[index].0 { return nil }
    return .object(members)
  }

  private mutating func array() -> JSONValue? {
    position += 1
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else { return nil }
    var items: [JSONValue] = []
    skipWhitespace()
    if take(UInt8(ascii: "]")) { return .array(items) }
    repeat {
      skipWhitespace()
      guard let item = value() else { return nil }
      items.append(item)
      skipWhitespace()
    } while take(UInt8(ascii: ","))
    return take(UInt8(ascii: "]")) ? .array(items) : nil
  }

  /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, as a finite `Double`.
  private mutating func number() -> JSONValue? {
    let start = position
    _ = take(UInt8(ascii: "-"))
    if !take(UInt8(ascii: "0")) {
      guard digits() else { return nil }
    }
    if take(UInt8(ascii: ".")) {
      guard digits() else { return nil }
    }
    let exponent = take(UInt8(ascii: "e")) || take(UInt8(ascii: "E"))
    if exponent {
      if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
      guard digits() else { return nil }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else { return nil }
    // Foundation refuses some zeros with an exponent (`0e4`, `0.00e10`) and takes others
    // (`0e10`, `0.0e4`): found by the import fuzzer; such a zero is left to it.
    if exponent, value == 0 { return nil }
    // Foundation refuses a number that underflows (`1e-400`): below the normal range, only
    // a written zero is read here.
    if value.magnitude < Double.leastNormalMagnitude,
      bytes[start..<position].prefix(while: { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") })
        .contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
    {
      return nil
    }
    return .number(value)
  }

  /// One or more decimal digits.
  private mutating func digits() -> Bool {
    let start = position
    while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
    return position > start
  }

  /// A string from its opening quote: escapes decoded, valid UTF-8 only, no control
  /// characters, no lone surrogates.
  private mutating func string() -> String? {
    position += 1
    let start = position
    while let byte = next, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
    if take(UInt8(ascii: "\"")) {
      return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
    }
    var utf8 = Array(bytes[start..<position])
    while let byte = next {
      position += 1
      switch byte {
      case UInt8(ascii: "\""): return String(validating: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"): guard escape(into: &utf8) else { return nil }
      case ..<0x20: return nil
      default: utf8.append(byte)
      }
    }
    return nil
  }

  /// The escape after a backslash, appended as UTF-8.
  private mutating func escape(into utf8: inout [UInt8]) -> Bool {
    guard let byte = next else { return false }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
    case UInt8(ascii: "b"): utf8.append(0x08)
    case UInt8(ascii: "f"): utf8.append(0x0C)
    case UInt8(ascii: "n"): utf8.append(0x0A)
    case UInt8(ascii: "r"): utf8.append(0x0D)
    case UInt8(ascii: "t"): utf8.append(0x09)
    case UInt8(ascii: "u"):
      guard var code = hex() else { return false }
      if (0xD800...0xDBFF).contains(code) {
        guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex(), (0xDC00...0xDFFF).contains(low)
        else { return false }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(code) else { return false }
      utf8.append(contentsOf: UTF8.encode(scalar)!)
    default: return false
    }
    return true
  }

  /// Four hexadecimal digits.
  private mutating func hex() -> UInt32? {
    guard bytes.count - position >= 4 else { return nil }
    var code: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      code = code << 4 | UInt32(digit)
      position += 1
    }
    return code
  }
}
