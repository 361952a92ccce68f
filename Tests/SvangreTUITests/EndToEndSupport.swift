import Foundation
import SvangreTestSupport

/// Drives the real `svangre` binary inside a private tmux server: fixed size, pinned
/// environment, keys sent with `send-keys`, screen read with `capture-pane`. Waits poll
/// the screen until the expected text shows, with a bound, instead of sleeping.
final class TmuxSession {
  static var isAvailable: Bool { executable("tmux") != nil }

  /// The `svangre` binary SwiftPM built next to this test bundle.
  static var svangreBinary: URL? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("svangre")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  let socket = "svangre-e2e-\(UUID().uuidString.prefix(8))"
  let directory: TemporaryDirectory
  var storeDirectory: URL { directory.url.appendingPathComponent("store") }
  var configDirectory: URL { directory.url.appendingPathComponent("config") }
  /// The clinical date the TUI is started on (`--today`).
  var today = "2026-11-23"

  init() {
    directory = TemporaryDirectory()
  }

  deinit { stop() }

  /// Ends the private tmux server and everything in it.
  func stop() { _ = try? tmux(["kill-server"]) }

  /// Starts `svangre` in a new window of `width`×`height`. The shell line after it
  /// prints the exit status and keeps the pane open so the test can read it.
  func start(width: Int, height: Int, language: String = "da") throws {
    guard let binary = TmuxSession.svangreBinary else { throw Failure("svangre binary not found") }
    let environment = [
      "HOME=\(directory.url.path)", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TERM=xterm-256color", "TZ=UTC",
      "XDG_CONFIG_HOME=\(configDirectory.path)",
    ]
    let arguments = [binary.path, "--store", storeDirectory.path, "--today", today, "--lang", language]
    let command = (["env", "-i"] + TmuxSession.fakedClock + environment + arguments).map(shellQuoted)
      .joined(separator: " ")
    let script = "\(command); echo \"EXIT=$?\"; sleep 600"
    if (try? tmux(["has-session", "-t", "main"])) != nil {
      _ = try tmux(["respawn-pane", "-k", "-t", "main", script])
    } else {
      _ = try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", script])
    }
  }

  /// Runs the real `svangre` CLI beside the TUI: on this session's store, clinical date
  /// and config (so `--author` defaults to the initials the TUI saved), in the TUI's
  /// environment. Its standard output, trimmed; any other exit than 0 throws with its
  /// standard error.
  @discardableResult
  func cli(_ arguments: [String], stdin: String = "") throws -> String {
    guard let binary = TmuxSession.svangreBinary else { throw Failure("svangre binary not found") }
    var environment = [
      "HOME": directory.url.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC",
      "XDG_CONFIG_HOME": configDirectory.path,
    ]
    for variable in TmuxSession.fakedClock {
      let parts = variable.split(separator: "=", maxSplits: 1).map(String.init)
      environment[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    let run = try runProcess(
      binary, ["--store", storeDirectory.path, "--today", today] + arguments, stdin: stdin, environment: environment)
    guard run.status == 0 else { throw Failure("svangre \(arguments) exited \(run.status): \(run.stderr)") }
    return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// libfaketime's variables, when the tests run under `faketime` (scripts/test runs
  /// them a year ahead): passed through `env -i`, so the app's clock is moved too.
  static var fakedClock: [String] {
    ProcessInfo.processInfo.environment.filter { $0.key == "LD_PRELOAD" || $0.key.hasPrefix("FAKETIME") }
      .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  }

  /// The date on this process's wall clock (moved with the app's under faketime) in UTC,
  /// the app's time zone here.
  static var wallDay: String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: Date())
  }

  /// Types text literally (UTF-8, so "Ø" arrives as one character).
  func type(_ text: String) throws { _ = try tmux(["send-keys", "-t", "main", "-l", text]) }

  /// Sends named keys: Enter, Escape, Tab, Space, Down, Right, F1...
  func press(_ keys: String...) throws {
    for key in keys { _ = try tmux(["send-keys", "-t", "main", key]) }
  }

  func resize(width: Int, height: Int) throws {
    _ = try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
  }

  func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

  /// The screen once it contains every one of `texts`; fails after `timeout` seconds with
  /// the last screen in the message.
  @discardableResult
  func waitFor(_ texts: String..., timeout: Double = 10) throws -> String {
    let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
    var screen = ""
    while ContinuousClock.now < deadline {
      screen = try capture()
      if texts.allSatisfy(screen.contains) { return screen }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure("timed out waiting for \(texts) on screen:\n\(screen)")
  }

  /// The screen once `condition` holds for it, polled like `waitFor`.
  @discardableResult
  func waitUntil(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
    let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
    var screen = ""
    while ContinuousClock.now < deadline {
      screen = try capture()
      if condition(screen) { return screen }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure("timed out waiting for \(what) on screen:\n\(screen)")
  }

  /// Presses Down until the focus marker ▶ is on the line with `label`.
  func focus(_ label: String, maximum: Int = 80) throws {
    for _ in 0..<maximum {
      let screen = try capture()
      if screen.split(separator: "\n").contains(where: { $0.contains("▶") && $0.contains(label) }) { return }
      let before = screen
      try press("Down")
      // Wait for the frame to change before looking again.
      let deadline = ContinuousClock.now.advanced(by: .seconds(2))
      while ContinuousClock.now < deadline, try capture() == before { Thread.sleep(forTimeInterval: 0.01) }
    }
    throw Failure("could not focus \(label)")
  }

  /// Runs one tmux command and returns what it printed. Spawned with posix_spawn and
  /// reaped with waitpid: Foundation's `Process` waits for its own pipe to close, and the
  /// tmux server that the first command forks keeps that pipe open for ever.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    guard let path = TmuxSession.executable("tmux") else { throw Failure("tmux not installed") }
    let outputPath = directory.url.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = [path.path, "-u", "-L", socket, "-f", "/dev/null"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment.removeValue(forKey: "TMUX")
    let envp = environment.map { "\($0.key)=\($0.value)" }
    var cArguments = argv.map { strdup($0) } + [nil]
    var cEnvironment = envp.map { strdup($0) } + [nil]
    defer {
      for pointer in cArguments { free(pointer) }
      for pointer in cEnvironment { free(pointer) }
    }
    // A clean signal state: the test runner's threads block signals that the tmux server
    // (and so the app under test) would otherwise inherit.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    guard posix_spawn(&pid, path.path, &actions, &attributes, &cArguments, &cEnvironment) == 0 else {
      throw Failure("cannot start tmux")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    guard status == 0 else { throw Failure("tmux \(arguments.first ?? "") failed") }
    return output
  }

  static func executable(_ name: String) -> URL? {
    for directory in ["/usr/bin", "/usr/local/bin", "/bin"] {
      let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}
