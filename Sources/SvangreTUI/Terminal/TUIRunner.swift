import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// The app loop: read a key, update the model, draw the frame. Also the guards around
/// it: no terminal, an unknown `TERM`, Ctrl-C and a lost terminal.
public enum TUIRunner {
  /// Exit status 2: the TUI could not start (no terminal, no ncursesw, unknown TERM); see the message.
  public static let cannotStart: Int32 = 2

  /// Whether standard input and output are a terminal. Without one, `get_wch` would
  /// return errors in a busy loop; the caller prints `tui.noTerminal` instead.
  public static var hasTerminal: Bool { isatty(0) != 0 && isatty(1) != 0 }

  /// Runs the TUI until the user quits. Returns the process exit status.
  public static func run(context: AppContext, environment: [String: String]) -> Int32 {
    let strings = context.strings
    guard hasTerminal else {
      printError(strings("tui.noTerminal"))
      return cannotStart
    }
    guard CursesTerminal.loadCurses() else {
      printError(strings("tui.noCurses"))
      return cannotStart
    }
    guard let terminal = CursesTerminal(colorAllowed: CursesTerminal.colorAllowed(environment: environment)) else {
      printError(strings("tui.unknownTerm", ["term": environment["TERM"] ?? ""]))
      return cannotStart
    }
    let configURL = context.configURL
    let size = terminal.size
    let config = (configURL.map(UserConfig.load(from:)) ?? UserConfig()).signedIn(to: context.repository)
    var model = AppModel(context: context, width: size.width, height: size.height, config: config)
    terminal.draw(model.render())

    while model.ending == nil {
      switch terminal.readEvent() {
      case .key(let key):
        if case .resize = key { terminal.invalidate() }
        model.handle(key)
        if model.ending == nil { terminal.draw(model.render()) }
        for request in model.takeTerminalRequests() { terminal.perform(request) }
      case .idle:
        model.saveDraftIfNeeded()
        if model.tick() { terminal.draw(model.render()) }
      case .lost:
        // Keep what was typed first: the terminal may be gone for good.
        model.markDirty()
        model.saveDraftIfNeeded()
        terminal.close()
        printError(strings("tui.lost"))
        return 129
      case .signal(let signal):
        // Asked to end (SIGTERM, SIGHUP, SIGINT): keep what was typed, restore the
        // terminal, and exit as a program ended by that signal does (128 + its number).
        // Should this loop be busy when the signal comes, the terminal's guard ends the
        // program within a second instead (see CNcursesw/shim.h).
        model.markDirty()
        model.saveDraftIfNeeded()
        terminal.close()
        printError(strings(signal == SIGHUP ? "tui.lost" : "tui.stopped"))
        return 128 + signal
      }
    }
    if model.ending == .interrupted {
      model.markDirty()
      model.saveDraftIfNeeded()
      terminal.close()
      if model.draft != nil { printError(strings("tui.interrupted")) }
      return 130
    }
    terminal.close()
    return 0
  }

  public static func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.safe(text) + "\n").utf8))
  }
}
