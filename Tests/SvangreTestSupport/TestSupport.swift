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

  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Runs `executable` with `stdin` as its standard input and exactly `environment` (nothing
/// inherited, so no test depends on the shell it was started from), and waits for it.
/// Standard error is read after standard output: the programs under test write at most a
/// message there, well under a pipe's buffer.
public func runProcess(
  _ executable: URL, _ arguments: [String], stdin: String = "", environment: [String: String]
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
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  let out = output.fileHandleForReading.readDataToEndOfFile()
  let err = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessRun(
    status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
    stderr: String(decoding: err, as: UTF8.self))
}
