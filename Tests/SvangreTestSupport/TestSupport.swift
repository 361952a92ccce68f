import Foundation
import Glibc

// What the test targets share, once: a value shared with a helper thread, the CPU time of
// a piece of work, a temporary directory, and a run that cannot hang the test run. A
// library, not a test target, so that test targets can depend on it (docs/architecture.md).

/// A value shared with a helper thread or a closure.
public final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  public init(_ value: Value) { stored = value }
  public var value: Value { lock.withLock { stored } }
  public func set(_ value: Value) { lock.withLock { stored = value } }
  public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

/// Seconds this thread spent on the CPU in `body`: the work it did, whatever else the
/// machine is doing. A hang or a quadratic pass still fails; a loaded CI machine does not.
public func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
  func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
  let start = now()
  try body()
  return now() - start
}

/// A temporary directory removed at the end of the test; 0700, as the store requires of
/// a directory it is opened in.
public final class TemporaryDirectory {
  public let url: URL
  public init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("svangre-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(
      at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }
  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` on its own thread and waits for it without hanging the test run: after
/// `seconds`, any reader blocked on one of `fifos` is released (a writer opens and closes
/// it), until the body returns. `hung` tells whether that was needed; the caller expects
/// it false, on the test's own task (this library does not import Testing).
public func withoutHanging<T: Sendable>(
  seconds: Double = 5, fifos: [String], _ body: @escaping @Sendable () throws -> T
) -> (result: Result<T, any Error>, hung: Bool) {
  let result = Locked<Result<T, any Error>?>(nil)
  Thread.detachNewThread { result.set(Result { try body() }) }
  let deadline = Date().addingTimeInterval(seconds)
  var hung = false
  while result.value == nil {
    usleep(10_000)
    if Date() > deadline {
      hung = true
      for fifo in fifos {
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
      }
    }
  }
  return (result.value!, hung)
}

/// What a finished process wrote and how it ended.
public struct ProcessRun: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  /// True when the process was still running after the timeout and was killed.
  public var timedOut = false

  public init(status: Int32, stdout: String, stderr: String, timedOut: Bool = false) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
    self.timedOut = timedOut
  }
}

/// Runs `executable` with `stdin` as its standard input (nil: none, closed at once) and
/// exactly `environment` (nothing inherited unless the caller passes it), and waits for it;
/// with a `timeout`, kills it after that many seconds (a hang is a failure the test can
/// report, not a test run that never ends). Both pipes are read while it runs, so a large
/// output on either cannot block it.
public func runProcess(
  _ executable: URL, _ arguments: [String], stdin: String? = "", environment: [String: String],
  timeout: Double? = nil
) throws -> ProcessRun {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.environment = environment
  let input = Pipe()
  let output = Pipe()
  let error = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = error
  try process.run()
  let killed = Locked(false)
  let finished = Locked(false)
  defer { finished.set(true) }
  if let timeout {
    let pid = process.processIdentifier
    Thread.detachNewThread {
      let deadline = Date().addingTimeInterval(timeout)
      while !finished.value, Date() < deadline { usleep(10_000) }
      if !finished.value {
        killed.set(true)
        kill(pid, SIGKILL)
      }
    }
  }
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try input.fileHandleForWriting.close()
  let errors = Locked(Data())
  let errorReader = Thread { errors.set(error.fileHandleForReading.readDataToEndOfFile()) }
  errorReader.start()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  finished.set(true)
  while !errorReader.isFinished { usleep(1_000) }
  return ProcessRun(
    status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
    stderr: String(decoding: errors.value, as: UTF8.self), timedOut: killed.value)
}
