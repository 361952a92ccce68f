import Foundation

/// What the app asks of the terminal beyond drawing a frame. `AppModel` collects these
/// (`terminalRequests`); the runner hands them to `CursesTerminal.perform` after the
/// frame, so that nothing but this edge writes to the terminal.
public enum TerminalRequest: Equatable, Sendable {
  /// Put the text on the system clipboard (OSC 52).
  case clipboard(String)
}

/// Copying to the clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`),
/// which xterm, iTerm2, Windows Terminal, kitty, WezTerm and tmux (`set-clipboard on`)
/// honour, also over SSH. A terminal cannot say whether it did, so svangre falls back to a
/// private file where the terminal is known not to (the Linux console, `dumb`, the old
/// DEC terminals), where the user says so (`SVANGRE_CLIPBOARD=file`), and for a text past
/// the smallest cap terminals put on the sequence.
public enum TerminalClipboard {
  /// The longest text sent: its base64 stays under 100 KB, the smallest cap known
  /// (a record note is about 2 KB).
  public static let maximumBytes = 74_000

  /// The escape sequence that asks the terminal to copy `text`.
  public static func sequence(_ text: String) -> [UInt8] {
    Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
  }

  /// Whether `text` may go to the terminal's clipboard.
  public static func fits(_ text: String) -> Bool { text.utf8.count <= maximumBytes }

  /// Whether the terminal named by `environment` is worth asking.
  public static func isLikelySupported(environment: [String: String]) -> Bool {
    if environment["SVANGRE_CLIPBOARD"] == "file" { return false }
    let term = environment["TERM"] ?? ""
    return !(term.isEmpty || ["linux", "dumb", "vt100", "vt102", "vt220", "cons25", "ansi"].contains(term))
  }

  /// Where copies the terminal cannot take are written: `$XDG_STATE_HOME/svangre/copies`,
  /// else `~/.local/state/svangre/copies` (0700, made when first needed).
  public static func fallbackDirectory(environment: [String: String]) -> URL {
    let base: URL
    if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
      base = URL(fileURLWithPath: xdg)
    } else {
      base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
    }
    return base.appendingPathComponent("svangre/copies")
  }
}
