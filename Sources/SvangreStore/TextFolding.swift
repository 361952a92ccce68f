import Foundation

/// Search keys: case- and accent-insensitive enough for Danish names.
///
/// A midwife types "ornsholt" or "ørn" on whatever keyboard she has; both must find
/// "Søs Æbelø Ørnsholt". Letters are decomposed, combining marks dropped, lower-cased,
/// and the Nordic letters without a decomposition mapped by hand (ø → o, æ → ae).
///
/// The Turkish i's as a Danish keyboard types them: "İ" decomposes to I + a combining dot
/// and so folds to "i"; the dotless "ı" has no decomposition and is mapped by hand, so
/// "yildiz", "YILDIZ" and "Yıldız" find one another.
public enum TextFolding {
  public static func fold(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.utf8.count)
    for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
      switch scalar.value {
      case 0x0300...0x036F: continue  // combining diacritical marks
      case 0x00F8: result.unicodeScalars.append("o")  // ø
      case 0x00E6: result += "ae"  // æ
      case 0x0153: result += "oe"  // œ
      case 0x00DF: result += "ss"  // ß
      case 0x00F0, 0x0111: result.unicodeScalars.append("d")  // ð, đ
      case 0x00FE: result += "th"  // þ
      case 0x0142: result.unicodeScalars.append("l")  // ł
      case 0x0131: result.unicodeScalars.append("i")  // ı (dotless i)
      case 0x0009, 0x000A, 0x000D: result.unicodeScalars.append(" ")
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
