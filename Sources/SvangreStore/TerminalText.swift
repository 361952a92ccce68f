import SvangreRules

/// Text from a record (a name, a note, a reason, initials) as it may reach a terminal.
///
/// A record can hold anything a person, a script or an import put into it, and a
/// terminal obeys what it prints: ESC starts a command (clear the screen, retitle the
/// window, write the clipboard, a hyperlink with OSC 8), BEL rings, CR returns to the line's
/// start so that a later text overwrites an earlier one, and the bidirectional overrides
/// (U+202E) reorder what is shown. The CLI's text output, its messages and every cell the
/// TUI draws go through `safe`, so data is always shown and never obeyed.
public enum TerminalText {
  /// `text` with every character a terminal would act on made harmless:
  /// - line and tab characters (LF, CR, TAB, VT, FF, NEL, U+2028, U+2029) become a space,
  ///   so that a text keeps to its line and a Windows line end in a pasted note reads well;
  /// - the other C0 controls and DEL become their visible pictures (ESC → ␛, BEL → ␇,
  ///   NUL → ␀, DEL → ␡), so that a clinician sees that something odd was typed;
  /// - C1 controls (U+0080–U+009F) and the bidirectional controls (U+061C, U+200E,
  ///   U+200F, U+202A–U+202E, U+2066–U+2069) become U+FFFD "�".
  /// Everything else, Danish letters, emoji and combining marks included, is unchanged,
  /// and `safe(safe(x)) == safe(x)`.
  public static func safe(_ text: String) -> String {
    guard mayNeedShowing(text), text.unicodeScalars.contains(where: { shown($0) != nil }) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { result.append(shown(scalar) ?? scalar) }
    return String(result)
  }

  /// False when no scalar of `text` can be one `shown` changes, judged on its UTF-8 bytes:
  /// no C0 control or DEL, and no lead byte of the blocks that hold the others (U+0080–
  /// U+00BF for C1 and NEL, U+0600–U+063F, U+2000–U+207F). A look at every scalar of
  /// every line was most of printing a long text (`svangre due` prints 37,000 rows).
  private static func mayNeedShowing(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      bytes.contains { byte in byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 }
    }
  }

  /// What `safe` shows instead of `scalar`, or nil when it is shown as it is.
  public static func shown(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    let value = scalar.value
    if value >= 0x20 && value < 0x7F { return nil }  // the fast path: printable ASCII
    switch value {
    case 0x09...0x0D, 0x85, 0x2028, 0x2029: return " "
    case 0x00...0x1F: return Unicode.Scalar(0x2400 + value)
    case 0x7F: return "\u{2421}"
    case 0x80...0x9F: return "\u{FFFD}"
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"
    default: return nil
    }
  }

  /// Serialised JSON with DEL, the C1 and the bidirectional controls, and U+2028/U+2029
  /// written as `\uXXXX` escapes: the same JSON to a program, and nothing a terminal acts
  /// on when a person prints it (the JSON writers already escape the C0 controls). Outside
  /// strings JSON is plain ASCII, so the escapes can only land inside strings.
  public static func escapingJSON(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: escapedInJSON) else { return json }
    var result = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      if escapedInJSON(scalar) {
        let hex = String(scalar.value, radix: 16)
        result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether `escapingJSON` writes `scalar` as an escape: what a `JSONWriter` for a
  /// terminal escapes (`JSONWriter.forTerminal`).
  public static func escapedInJSON(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x7F && shown(scalar) != nil
  }
}

extension JSONWriter {
  /// A writer whose strings escape what `TerminalText.escapingJSON` escapes, as they are
  /// written: the same text as `escapingJSON` of the plain writer's, without a second pass.
  public static func forTerminal(pretty: Bool = false, capacity: Int = 4096, depth: Int = 0) -> JSONWriter {
    JSONWriter(pretty: pretty, capacity: capacity, depth: depth, escaping: TerminalText.escapedInJSON)
  }
}
