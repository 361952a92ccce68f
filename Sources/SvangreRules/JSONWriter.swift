/// JSON text written as it is produced: svangre's one JSON writer. `JSONValue.serialized`
/// writes a tree through it; a long answer (`svangre due`'s worklist of tens of thousands of
/// rows) writes its members one by one through it instead of building a tree first, which
/// at 37,000 rows cost as much as writing the text.
///
/// Written as UTF-8 bytes: appending to a String cost `svangre assess` a twentieth of its
/// start-up, four times as much as this.
public struct JSONWriter {
  /// The text so far.
  public private(set) var bytes: [UInt8] = []
  private let pretty: Bool
  /// Scalars written as `\uXXXX` besides `"`, `\` and the C0 controls (which JSON requires),
  /// asked only of DEL and non-ASCII scalars: what a terminal would act on
  /// (`TerminalText`), so that the text is the same JSON to a program and harmless when a
  /// person prints it.
  private let escapes: ((Unicode.Scalar) -> Bool)?
  /// Members written so far in each open container, innermost last.
  private var members: [Int] = []
  /// A key was just written: the next value is its value, not a new member.
  private var afterKey = false
  /// The depth of the containers the text will stand in (`place()`).
  private let outerDepth: Int

  /// Compact, or indented by two spaces when `pretty`; a value to stand `depth` containers
  /// deep in another writer's text (`place()`) is indented for that place.
  public init(
    pretty: Bool = false, capacity: Int = 4096, depth: Int = 0, escaping escapes: ((Unicode.Scalar) -> Bool)? = nil
  ) {
    self.pretty = pretty
    self.escapes = escapes
    outerDepth = depth
    bytes.reserveCapacity(capacity)
  }

  /// Starts an object; its members follow as `key` and a value each, then `endObject`.
  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  /// Starts an array; its values follow, then `endArray`.
  public mutating func beginArray() { open(UInt8(ascii: "[")) }
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// The next member's key, in an object.
  public mutating func key(_ name: String) {
    startMember()
    writeString(name)
    endKey()
  }

  /// A key of svangre's own (ASCII, nothing to escape), copied as it is: a long answer
  /// writes hundreds of thousands.
  public mutating func key(_ name: StaticString) {
    startMember()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    endKey()
  }

  private mutating func endKey() {
    bytes.append(UInt8(ascii: ":"))
    if pretty { bytes.append(UInt8(ascii: " ")) }
    afterKey = true
  }

  public mutating func string(_ value: String) {
    startValue()
    writeString(value)
  }

  public mutating func int(_ value: Int) {
    startValue()
    bytes.append(contentsOf: String(value).utf8)
  }

  public mutating func null() {
    startValue()
    bytes.append(contentsOf: "null".utf8)
  }

  /// The place of a value written apart (by a writer made with this place's `depth`): the
  /// offset in `bytes` where it goes, for a caller that puts the pieces together itself.
  /// Lets parts of a long text be written apart, on several cores.
  public mutating func place() -> Int {
    startValue()
    return bytes.count
  }

  /// A whole value.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let value):
      startValue()
      bytes.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): int(value)
    case .number(let value):
      startValue()
      if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
        bytes.append(contentsOf: String(Int64(value)).utf8)
      } else if value.isFinite {
        bytes.append(contentsOf: String(value).utf8)
      } else {
        bytes.append(contentsOf: "null".utf8)
      }
    case .string(let value): string(value)
    case .array(let items):
      beginArray()
      for item in items { self.value(item) }
      endArray()
    case .object(let members):
      beginObject()
      for (name, member) in members {
        key(name)
        self.value(member)
      }
      endObject()
    }
  }

  private mutating func open(_ bracket: UInt8) {
    startValue()
    bytes.append(bracket)
    members.append(0)
  }

  private mutating func close(_ bracket: UInt8) {
    let count = members.removeLast()
    if pretty, count > 0 { newLine(outerDepth + members.count) }
    bytes.append(bracket)
  }

  /// A value in an array is a member of its own; after a key it is that member's value.
  private mutating func startValue() {
    if afterKey {
      afterKey = false
    } else if !members.isEmpty {
      startMember()
    }
  }

  /// The comma before every member but the first; pretty: a new line, indented.
  private mutating func startMember() {
    if members[members.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
    members[members.count - 1] += 1
    if pretty { newLine(outerDepth + members.count) }
  }

  private mutating func newLine(_ indent: Int) {
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  /// A string with nothing to escape (nearly every one) is copied whole, the others run by
  /// run. Every escaped byte is ASCII or starts a scalar, so every cut falls between whole
  /// characters. Eight bytes at a time are looked at as one word first: at 10 MB of
  /// answer, a look at every byte was most of the writing.
  private mutating func writeString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = value
    text.withUTF8 { utf8 in
      guard let base = utf8.baseAddress else { return }
      var run = 0
      var index = 0
      while index < utf8.count {
        if index + 8 <= utf8.count,
          !Self.mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self), nonASCII: escapes != nil)
        {
          index += 8
          continue
        }
        let byte = utf8[index]
        var length = 1
        var escape: UInt32?
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
          escape = UInt32(byte)
        } else if byte >= 0x7F, let escapes {
          let (scalar, count) = Self.scalar(at: index, in: utf8)
          length = count
          if escapes(scalar) { escape = scalar.value }
        }
        if let escape {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
          writeEscape(escape)
          run = index + length
        }
        index += length
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether any of the eight bytes of `word` is `"`, `\`, a C0 control, or (when
  /// `nonASCII`) DEL or a byte of a non-ASCII scalar: the classic tests for a zero byte
  /// and a byte below a bound, which never miss one (they may name the wrong byte, so
  /// the bytes are then looked at one by one).
  private static func mayNeedEscape(_ word: UInt64, nonASCII: Bool) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    let below = (word &- ones &* 0x20) & ~word & highs != 0
    if below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) { return true }
    return nonASCII && (word & highs != 0 || hasZero(word ^ (ones &* 0x7F)))
  }

  private mutating func writeEscape(_ value: UInt32) {
    switch value {
    case UInt32(UInt8(ascii: "\"")): bytes.append(contentsOf: #"\""#.utf8)
    case UInt32(UInt8(ascii: "\\")): bytes.append(contentsOf: #"\\"#.utf8)
    case UInt32(UInt8(ascii: "\n")): bytes.append(contentsOf: #"\n"#.utf8)
    case UInt32(UInt8(ascii: "\r")): bytes.append(contentsOf: #"\r"#.utf8)
    case UInt32(UInt8(ascii: "\t")): bytes.append(contentsOf: #"\t"#.utf8)
    case 0x10000...:
      // Beyond the basic plane JSON escapes a scalar as its UTF-16 surrogate pair.
      let offset = value - 0x10000
      writeEscape(0xD800 + offset >> 10)
      writeEscape(0xDC00 + offset & 0x3FF)
    default:
      let hex = String(value, radix: 16)
      bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }
  }

  /// The scalar whose encoding starts at `index` of valid UTF-8 (a `String`'s), and its
  /// length in bytes.
  private static func scalar(at index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
    let lead = utf8[index]
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }
}
