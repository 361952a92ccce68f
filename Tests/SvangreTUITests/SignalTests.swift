import Foundation
import Testing

@_spi(Benchmark) import SvangreStore

extension TmuxSession {
  /// Starts `svangre` like `start`, and after it prints its exit status and whether the
  /// terminal's modes are back as they were (`TTY=same`).
  func startCheckingTerminal(width: Int = 100, height: Int = 30) throws {
    guard let binary = TmuxSession.svangreBinary else { throw Failure("svangre binary not found") }
    let environment = [
      "HOME=\(directory.url.path)", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TERM=xterm-256color", "TZ=UTC",
      "XDG_CONFIG_HOME=\(configDirectory.path)",
    ]
    let arguments = [binary.path, "--store", storeDirectory.path, "--today", today]
    let command = (["env", "-i"] + TmuxSession.fakedClock + environment + arguments).map(shellQuoted)
      .joined(separator: " ")
    let script =
      "before=$(stty -g); \(command); status=$?; "
      + "if [ \"$(stty -g)\" = \"$before\" ]; then echo TTY=same; else echo TTY=changed; fi; "
      + "echo \"EXIT=$status\"; sleep 600"
    if (try? tmux(["has-session", "-t", "main"])) != nil {
      _ = try tmux(["respawn-pane", "-k", "-t", "main", script])
    } else {
      _ = try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", script])
    }
  }

  /// The process id of `svangre` in the pane (the shell's child).
  func appProcess(timeout: Double = 10) throws -> pid_t {
    let shell = try tmux(["display", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
    while ContinuousClock.now < deadline {
      let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
      for child in children.split(separator: " ").compactMap({ pid_t($0) }) {
        let name = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8)) ?? ""
        if name.hasPrefix("svangre") { return child }
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    throw Failure("svangre did not start")
  }

  /// Whether tmux shows the pane in the alternate screen (the TUI's), and the cursor.
  func paneFlags() throws -> (alternate: Bool, cursor: Bool) {
    let flags = try tmux(["display", "-p", "-t", "main", "#{alternate_on} #{cursor_flag}"])
      .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    return (flags.first == "1", flags.last == "1")
  }

  /// Sends `signal` to `process` and returns the seconds until it had ended.
  func signal(_ signal: Int32, _ process: pid_t, timeout: Double = 30) throws -> Double {
    let start = ContinuousClock.now
    kill(process, signal)
    while kill(process, 0) == 0 {
      if ContinuousClock.now - start > .seconds(timeout) { throw Failure("still running after \(timeout) s") }
      Thread.sleep(forTimeInterval: 0.005)
    }
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}

/// SIGTERM and SIGHUP end the TUI within a second, even while it computes, with the
/// terminal restored; what was typed is kept.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SignalTests {
  @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129)])
  func aSignalEndsTheTUIAtOnceAndKeepsTheDraft(signal: Int32, status: Int) throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    try tmux.startCheckingTerminal()
    try tmux.waitFor("Svangre · Journaler")
    try tmux.press("n")
    try tmux.type("Søs Signal")
    Thread.sleep(forTimeInterval: 0.6)  // a pause: the draft is written
    let seconds = try tmux.signal(signal, try tmux.appProcess())
    #expect(seconds < 1)
    try tmux.waitFor("EXIT=\(status)", "TTY=same")
    #expect(try tmux.paneFlags() == (false, true))
    try tmux.startCheckingTerminal()
    try tmux.waitFor("Kladde fundet", "en ny")
  }

  @Test func aSignalWhileTheStoreIsReadEndsWithinASecond() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    // Thousands of records and no index: opening reads every file, seconds of work in a
    // debug build, during which the app loop does not look at its signal flag.
    try FileManager.default.createDirectory(at: tmux.directory.url, withIntermediateDirectories: true)
    _ = try StoreBenchmarkSupport.seed(directory: tmux.storeDirectory.path, count: 8_000)
    try tmux.startCheckingTerminal()
    let process = try tmux.appProcess()
    try tmux.waitUntil("the TUI's screen", timeout: 20) { _ in (try? tmux.paneFlags().alternate) == true }
    Thread.sleep(forTimeInterval: 0.2)
    let busy = !(try tmux.capture().contains("Journaler"))
    let seconds = try tmux.signal(SIGTERM, process)
    #expect(seconds < 1)
    try tmux.waitFor("EXIT=143", "TTY=same")
    #expect(try tmux.paneFlags() == (false, true))
    if !busy { Issue.record("the store was read before the signal came: nothing was computing; seed more records") }
  }
}

/// `record new --cpr -` at a terminal asks for the number instead of taking it from the
/// command line.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct CPRPromptTests {
  @Test func theNumberIsAskedFor() throws {
    let tmux = TmuxSession()
    defer { tmux.stop() }
    let binary = try #require(TmuxSession.svangreBinary)
    let command = [
      binary.path, "--store", tmux.storeDirectory.path, "--lang", "en", "record", "new", "--name", "Anna", "--cpr", "-",
      "--author", "AB",
    ].map(tmux.shellQuoted).joined(separator: " ")
    _ = try tmux.tmux([
      "new-session", "-d", "-s", "main", "-x", "80", "-y", "10", "\(command); echo \"EXIT=$?\"; sleep 600",
    ])
    try tmux.waitFor("CPR number:")
    try tmux.type("010190-1234")
    try tmux.press("Enter")
    try tmux.waitFor("EXIT=0")
  }
}
