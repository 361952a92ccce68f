import Dispatch
import Foundation

/// Work on a store of 100,000 records split over the machine's cores: `svangre due` and a
/// listing `stat` every file, read the index and work out every programme, each part
/// independent of the others. Dispatch's `concurrentPerform` rather than tasks: these are
/// synchronous calls from synchronous code, and it runs the parts on the calling thread
/// and its worker pool without a runtime of its own.
public enum Parallel {
  /// The number of parts `count` items are worth splitting into: one below `minimum` items
  /// (a thread costs more than it saves), else one a core, at most eight.
  public static func parts(for count: Int, minimum: Int = 2_000) -> Int {
    count < minimum ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
  }

  /// `body` of each of `parts` parts, run at once, the answers in the parts' order. The
  /// parts run on several threads: `body` may read what it captures, and change only what
  /// its own part made.
  public static func run<Part>(parts: Int, _ body: (_ part: Int) -> Part) -> [Part] {
    guard parts > 1 else { return [body(0)] }
    var answers = [Part?](repeating: nil, count: parts)
    // Not `Sendable` to the compiler, safe by the rule above (each caller's `body` keeps to it).
    nonisolated(unsafe) let body = body
    answers.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        output[part] = body(part)  // each part writes its own element only
      }
    }
    return answers.map { $0! }
  }

  /// `body` of consecutive ranges of `0..<count`, the answers in order. Four ranges a core:
  /// a core another process holds for a while leaves its ranges to the others instead of
  /// holding up the answer (on a busy 2-core machine, one range a core made the parallel
  /// work no faster than one thread).
  public static func chunks<Part>(of count: Int, minimum: Int = 2_000, _ body: (Range<Int>) -> Part) -> [Part] {
    let cores = parts(for: count, minimum: minimum)
    let parts = cores == 1 ? 1 : min(4 * cores, max(1, count / 256))
    return run(parts: parts) { part in body(count * part / parts..<count * (part + 1) / parts) }
  }

  /// `transform` of each of `0..<count`, in parts over the cores, each answer made in its
  /// place: joining parts' arrays copies every element again (and retains what it holds),
  /// at 37,000 worklist rows a tenth of making them.
  public static func map<Element>(_ count: Int, minimum: Int = 2_000, _ transform: (Int) -> Element) -> [Element] {
    Array(unsafeUninitializedCapacity: count) { buffer, initialized in
      // Each part initializes its own range only, every index exactly once.
      nonisolated(unsafe) let buffer = buffer
      _ = chunks(of: count, minimum: minimum) { range in
        for index in range { (buffer.baseAddress! + index).initialize(to: transform(index)) }
      }
      initialized = count
    }
  }

  /// Frees `value` on another thread, later: at 100,000 records the arrays a worklist is
  /// made from hold tens of thousands of objects, and freeing them one by one held up the
  /// answer by a tenth. In a process that ends right after its answer
  /// (`endsAfterAnswer`), nothing is freed: the system takes it all back at once, and the
  /// cores are left to the answer.
  public static func releaseLater<Value>(_ value: consuming Value) {
    if endsAfterAnswer {
      _ = Unmanaged.passRetained(Kept(value))
      return
    }
    nonisolated(unsafe) let value = value
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
  }

  /// Set once, at the start, by a command that ends right after it has written its answer
  /// (`svangre due`).
  nonisolated(unsafe) public static var endsAfterAnswer = false

  private final class Kept<Value> {
    let value: Value
    init(_ value: consuming Value) { self.value = value }
  }
}
