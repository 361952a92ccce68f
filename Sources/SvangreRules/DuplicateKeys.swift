import Foundation

/// Finds what Foundation's JSON parser forgives: a key given twice in one object.
///
/// `JSONSerialization` and `JSONDecoder` keep one of two equal keys and say nothing, and
/// no option turns that off. `{"findings": ["preeclampsia"], "findings": []}` would then
/// silently drop a criterion, and an imported record could carry two names of which a
/// reader sees one. So svangre walks the text once more, after it parsed, with this small
/// scanner, and refuses the input if any object repeats a key. Keys are compared as Swift
/// strings, as the parser compares them (`"\u00e9"` and `"e\u0301"` are the same key).
public enum DuplicateKeys {
  /// The path of the first key that appears twice in one object (`dating.lmp`,
  /// `records[3].woman.name`), or nil when there is none. Meant for text that already
  /// parsed as JSON: on anything else it stops and returns nil, because the parser has
  /// already said what is wrong.
  public static func first(in data: Data) -> String? {
    data.withUnsafeBytes { raw in
      var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
      return scanner.firstDuplicate()
    }
  }

  /// An open object or array. A class, so that adding a key changes it in place instead of
  /// copying it (an object with 100,000 keys must not cost 100,000 copies).
  private final class Frame {
    let isObject: Bool
    /// The member being read (an object's), or the element's position (an array's): the
    /// path is written from them only when a duplicate is found.
    var key = ""
    var index = 0
    /// The keys seen so far: compared one by one while they are few (a rule set's objects
    /// have up to a dozen), in a set beyond, so that a wide object is not quadratic. The
    /// same test either way: `==` on Swift strings, which the set's hashing agrees with.
    private var few: [String] = []
    private var many: Set<String>?

    static let fewest = 16

    init(object key: String) {
      isObject = true
      self.key = key
      few.append(key)
    }

    init(array: ()) { isObject = false }

    /// Whether `key` is new in this object; remembers it.
    func insert(_ key: String) -> Bool {
      self.key = key
      if many != nil { return many!.insert(key).inserted }
      if few.contains(key) { return false }
      few.append(key)
      if few.count > Self.fewest {
        many = Set(few)
        few = []
      }
      return true
    }
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// The open objects and arrays, innermost last.
    var frames: [Frame] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
      // A byte order mark is allowed before UTF-8 JSON.
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func firstDuplicate() -> String? {
      // Each turn reads one value, or closes what the value completed.
      guard skipValue() else { return nil }
      while let frame = frames.last {
        skipWhitespace()
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: ",") {
          if frame.isObject {
            skipWhitespace()
            guard let key = readKey() else { return nil }
            if !frame.insert(key) { return render() }
          } else {
            frame.index += 1
          }
          guard skipValue() else { return nil }
        } else if byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          frames.removeLast()
        } else {
          return nil
        }
      }
      return nil
    }

    /// Reads one value; an object or array is opened (its first member read) and left
    /// on the stack for `firstDuplicate` to continue. False on text that is not JSON.
    mutating func skipValue() -> Bool {
      while true {
        skipWhitespace()
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"):
          position += 1
          skipWhitespace()
          if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return true
          }
          guard let key = readKey() else { return false }
          frames.append(Frame(object: key))
        // Go on with the member's value.
        case UInt8(ascii: "["):
          position += 1
          skipWhitespace()
          if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return true
          }
          frames.append(Frame(array: ()))
        // Go on with the first element.
        case UInt8(ascii: "\""):
          return skipString()
        default:
          // A number, true, false or null: up to the next delimiter.
          let start = position
          while position < bytes.count, !Self.isDelimiter(bytes[position]) { position += 1 }
          return position > start
        }
      }
    }

    /// `"key"` followed by `:`.
    mutating func readKey() -> String? {
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = readString() else { return nil }
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
      position += 1
      return key
    }

    /// A string literal at `position`, unescaped.
    mutating func readString() -> String? {
      position += 1  // the opening quote
      var scalars = String.UnicodeScalarView()
      var start = position
      var plain = true
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\"") {
          let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
          position += 1
          if plain { return text }
          scalars.append(contentsOf: text.unicodeScalars)
          return String(scalars)
        }
        guard byte == UInt8(ascii: "\\") else {
          position += 1
          continue
        }
        plain = false
        scalars.append(
          contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            .unicodeScalars)
        position += 1
        guard let escaped = readEscape() else { return nil }
        scalars.append(escaped)
        start = position
      }
      return nil
    }

    /// Past a string value, which only keys need unescaped: no `String` is made. Fails
    /// where `readString` fails: a text that ends inside it, an escape `\u` without four
    /// hex digits (a surrogate pair is two such escapes; an unpaired half is read as U+FFFD).
    mutating func skipString() -> Bool {
      position += 1  // the opening quote
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: "\"") { return true }
        guard byte == UInt8(ascii: "\\") else { continue }
        guard position < bytes.count else { return false }
        let escaped = bytes[position]
        position += 1
        if escaped == UInt8(ascii: "u"), readHex() == nil { return false }
      }
      return false
    }

    /// The character after a backslash (and its hex digits, with a surrogate pair's second half).
    mutating func readEscape() -> Unicode.Scalar? {
      guard position < bytes.count else { return nil }
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "b"): return "\u{8}"
      case UInt8(ascii: "f"): return "\u{C}"
      case UInt8(ascii: "n"): return "\n"
      case UInt8(ascii: "r"): return "\r"
      case UInt8(ascii: "t"): return "\t"
      case UInt8(ascii: "u"):
        guard let unit = readHex() else { return nil }
        if (0xD800..<0xDC00).contains(unit), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
          bytes[position + 1] == UInt8(ascii: "u")
        {
          let saved = position
          position += 2
          if let low = readHex(), (0xDC00..<0xE000).contains(low) {
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
          }
          position = saved
        }
        return Unicode.Scalar(unit) ?? "\u{FFFD}"
      default: return Unicode.Scalar(byte)  // \" \\ \/
      }
    }

    mutating func readHex() -> UInt32? {
      guard position + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard let digit = Self.hexValue(bytes[position]) else { return nil }
        value = value << 4 | digit
        position += 1
      }
      return value
    }

    mutating func skipWhitespace() {
      while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// The path of the member being read: `records[3].woman.name`.
    func render() -> String {
      var text = ""
      for frame in frames {
        let component = frame.isObject ? Self.member(frame.key) : "[\(frame.index)]"
        text += component.hasPrefix("[") || text.isEmpty ? component : "." + component
      }
      return text
    }

    static func member(_ key: String) -> String { key.hasPrefix("[") ? "\"\(key)\"" : key }

    static func hexValue(_ byte: UInt8) -> UInt32? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
      default: nil
      }
    }

    /// JSON's whitespace. A switch, not a `Set`: building the set cost more than scanning
    /// an assessment.
    static func isWhitespace(_ byte: UInt8) -> Bool {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D: true
      default: false
      }
    }
    /// White space, `,`, `]` or `}`. A switch, not a `Set<UInt8>`: building the set's
    /// type at run time cost `svangre assess` 2 % of its start-up.
    static func isDelimiter(_ byte: UInt8) -> Bool {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): true
      default: false
      }
    }
  }
}
