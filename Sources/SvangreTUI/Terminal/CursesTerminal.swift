import CNcursesw
import CTerminalGuard
import Foundation

/// What the terminal reported while the app waited for input.
public enum TerminalEvent: Sendable {
  case key(Key)
  /// Nothing within the timeout: a moment to save the draft.
  case idle
  /// The terminal went away (its input closed).
  case lost
  /// A signal asked the program to end: SIGHUP (the terminal hung up), SIGTERM, SIGINT.
  case signal(Int32)
}

/// The thin ncurses edge: opens the terminal, turns ncurses key codes into `Key`, copies a
/// `ScreenBuffer` to the screen, and restores the terminal. No screen logic lives here.
public final class CursesTerminal {
  private let screen: OpaquePointer
  /// ncurses' own output stream: requests beyond a frame go through it, after the frame.
  private let output: UnsafeMutablePointer<FILE>
  private let useColor: Bool
  private var previous: ScreenBuffer?
  private var closed = false
  private var fastErrors = 0

  /// Opens ncursesw (not linked: CNcursesw/include/shim.h); false when it cannot be loaded.
  /// Before any other use of this type.
  public static func loadCurses() -> Bool { cnc_load() }

  /// Opens the terminal named by `TERM`, or returns nil when ncurses does not know it (so
  /// the caller can print a clear message instead of ncurses exiting the process).
  public init?(colorAllowed: Bool) {
    setlocale(LC_ALL, "")  // without it ncurses stops printing at the first "ø"
    // A locale the machine does not have (LANG=en_GB.UTF-8 with only C.UTF-8 installed)
    // leaves a 7-bit character set, and every ø, ≥ and ↓ would vanish: fall back to
    // C.UTF-8 for the characters, keeping the rest of the user's locale.
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    cnc_unblock_terminal_signals()  // resizes must reach ncurses even if a parent blocked them
    terminal_guard_save_modes(0)  // what a signal that cannot wait for the app loop restores
    terminal_guard_install(Self.signalGraceMilliseconds)  // before newterm: ncurses leaves the signals to us
    guard let output = fdopen(1, "w"), let input = fdopen(0, "r"),
      let screen = newterm(nil, output, input)
    else { return nil }
    self.screen = screen
    self.output = output
    set_term(screen)
    Self.noteResetStrings()
    raw()  // Ctrl-C arrives as a key, so the app can keep the draft before leaving
    noecho()
    nonl()
    keypad(cnc_stdscr(), true)
    set_escdelay(25)  // Esc would otherwise wait a full second for a possible sequence
    curs_set(0)
    wtimeout(cnc_stdscr(), 250)
    useColor = colorAllowed && has_colors()
    if useColor {
      start_color()
      use_default_colors()
      init_pair(1, Int16(COLOR_CYAN), -1)
    }
  }

  deinit { close() }

  /// Restores the terminal. Safe to call twice; also called from `deinit`.
  public func close() {
    guard !closed else { return }
    closed = true
    endwin()
    delscreen(screen)
  }

  public var size: (width: Int, height: Int) {
    (Int(getmaxx(cnc_stdscr())), Int(getmaxy(cnc_stdscr())))
  }

  /// Waits up to the input timeout for one key.
  public func readEvent() -> TerminalEvent {
    if let signal = Self.takeSignal() { return .signal(signal) }
    var character: wint_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let result = get_wch(&character)
    if let signal = Self.takeSignal() { return .signal(signal) }
    switch result {
    case OK:
      fastErrors = 0
      return Self.key(character: character).map(TerminalEvent.key) ?? .idle
    case KEY_CODE_YES:
      fastErrors = 0
      return Self.key(code: Int32(character), size: size).map(TerminalEvent.key) ?? .idle
    default:
      // A timeout takes 250 ms. Errors that come back at once, again and again, mean
      // the input is gone (a closed pseudo-terminal reads as end of file).
      let elapsed = DispatchTime.now().uptimeNanoseconds - started
      fastErrors = elapsed < 50_000_000 ? fastErrors + 1 : 0
      return fastErrors >= 5 ? .lost : .idle
    }
  }

  private static func takeSignal() -> Int32? {
    let signal = terminal_guard_take_signal()
    return signal == 0 ? nil : signal
  }

  /// How long a signal waits for the app loop before the guard ends the program itself:
  /// the loop sees a signal within one input timeout (250 ms) unless it is busy, and the
  /// whole must stay under a second.
  static let signalGraceMilliseconds: Int32 = 700

  /// Gives the guard what `endwin` would send: end attributes, show the cursor, leave the
  /// keypad mode and the alternate screen, from terminfo ("$<…>" padding left out).
  private static func noteResetStrings() {
    var bytes: [UInt8] = []
    for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
      guard let text = tigetstr(name), Int(bitPattern: text) != -1 else { continue }
      var raw = Array(String(cString: text).utf8)
      while let start = raw.indices.first(where: {
        raw[$0] == UInt8(ascii: "$") && $0 + 1 < raw.count && raw[$0 + 1] == UInt8(ascii: "<")
      }),
        let end = raw[start...].firstIndex(of: UInt8(ascii: ">"))
      {
        raw.removeSubrange(start...end)
      }
      bytes += raw
    }
    bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { terminal_guard_set_reset($0, buffer.count) }
      }
    }
  }

  static func key(character: wint_t) -> Key? {
    switch character {
    case 3: return .ctrlC
    case 8, 127: return .backspace
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .esc
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
      return .char(Character(scalar))
    }
  }

  static func key(code: Int32, size: (width: Int, height: Int)) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize(width: size.width, height: size.height)
    default:
      for number in 1...12 where code == cnc_key_f(Int32(number)) { return .function(number) }
      return nil
    }
  }

  /// Copies `buffer` to the terminal, writing only the cells that changed since the last
  /// frame (ncurses then sends only what differs on screen).
  public func draw(_ buffer: ScreenBuffer) {
    let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
    if full { werase(cnc_stdscr()) }
    var characters = [wchar_t](repeating: 0, count: 6)
    for row in 0..<buffer.height {
      for column in 0..<buffer.width {
        let cell = buffer[row, column]
        if cell.isContinuation { continue }
        if !full, let previous, previous[row, column] == cell { continue }
        var count = 0
        for scalar in cell.text.unicodeScalars where count < 5 {
          characters[count] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
        characters[count] = 0
        let (attributes, pair) = curses(cell.style)
        _ = cnc_put_cell(Int32(row), Int32(column), characters, attributes, pair)
      }
    }
    previous = buffer
    wrefresh(cnc_stdscr())
  }

  /// Does what the app asked of the terminal (`TerminalRequest`). Written after the
  /// frame through ncurses' stream, so it never lands inside a frame's sequences; OSC 52
  /// moves no cursor and draws nothing, so ncurses' idea of the screen stays true.
  public func perform(_ request: TerminalRequest) {
    switch request {
    case .clipboard(let text):
      let bytes = TerminalClipboard.sequence(text)
      _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, output) }
      fflush(output)
    }
  }

  /// After a resize ncurses' idea of the screen is stale: redraw everything next time.
  public func invalidate() {
    previous = nil
    clearok(cnc_stdscr(), true)
  }

  private func curses(_ style: TextStyle) -> (attr_t, Int16) {
    var attributes = cnc_a_normal()
    if style.contains(.bold) { attributes |= cnc_a_bold() }
    if style.contains(.reverse) { attributes |= cnc_a_reverse() }
    if style.contains(.underline) { attributes |= cnc_a_underline() }
    if style.contains(.dim) { attributes |= cnc_a_dim() }
    guard style.contains(.accent) else { return (attributes, 0) }
    // Accent is colour when allowed, bold otherwise; the text always says it too.
    return useColor ? (attributes, 1) : (attributes | cnc_a_bold(), 0)
  }

  /// Whether colour may be used: never with `NO_COLOR` set (https://no-color.org), to any
  /// value, or on a terminal that reports no colours.
  public static func colorAllowed(environment: [String: String]) -> Bool {
    environment["NO_COLOR"].map(\.isEmpty) ?? true
  }
}
