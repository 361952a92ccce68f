import Foundation

/// Monotonic wall-clock time in seconds.
func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The median of some measurements.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// A release-built executable next to this one (`svangre` beside `svangre-bench`).
func siblingExecutable(_ name: String) -> String {
  URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent(name).path
}

func formatted(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

/// How long a whole process took: wall time from spawn to exit, and the processor time
/// (user + system) the kernel accounted to it.
struct ProcessTime {
  var wall: Double
  var cpu: Double
}

/// Runs a program to its end with standard input from a file and output discarded;
/// returns its times, or nil if it could not start or failed. posix_spawn and wait4
/// directly: Foundation's `Process` adds tens of milliseconds of polling.
func timeProcess(_ path: String, _ arguments: [String], stdin: String) -> ProcessTime? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  let argv = ([path] + arguments).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid = pid_t()
  let started = now()
  guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let elapsed = now() - started
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return status == 0 ? ProcessTime(wall: elapsed, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime)) : nil
}
