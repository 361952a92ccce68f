import Foundation
import Glibc

/// The store's writer lock: `flock` on a separate `store.lock`.
///
/// flock, not fcntl: a classic fcntl lock is silently dropped when this process closes
/// any other descriptor of the file, which Foundation does behind our back. The lock file
/// holds who has it and since when, so a refused writer can say "in use by … since …"
/// instead of hanging. The kernel drops the lock when the holder dies, so a killed
/// process never leaves the store locked.
final class StoreLock {
  static let fileName = "store.lock"
  private let fd: Int32

  private init(fd: Int32) { self.fd = fd }

  /// Takes the lock, waiting at most `timeout` seconds; `now` (the store's clock) is
  /// written into the lock file as the holder's start time.
  static func acquire(directory: Int32, timeout: Double, now: Date) throws(StoreError) -> StoreLock {
    let fd = openat(directory, fileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .system(operation: "open lock", errno: errno) }
    fchmod(fd, 0o600)
    // A wait is measured on the monotonic clock: a wall clock set back (NTP, a test's
    // faked time) neither stretches nor cuts it.
    let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
    var pause: UInt32 = 1_000
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      guard code == EWOULDBLOCK || code == EINTR else {
        close(fd)
        throw .system(operation: "lock", errno: code)
      }
      if ContinuousClock.now >= deadline {
        let holder = describeHolder(fd, now: now)
        close(fd)
        throw .locked(holder: holder.holder, since: holder.since)
      }
      usleep(pause)
      // Short first sleeps keep two busy terminals fast; longer later ones keep a long
      // wait from spinning.
      pause = min(pause * 2, 20_000)
    }
    var text = "\(getpid())\n\(Timestamp.iso(now))\n\(userName())\n"
    ftruncate(fd, 0)
    _ = text.withUTF8 { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return StoreLock(fd: fd)
  }

  /// Tries once without waiting; nil when another process has it.
  static func tryAcquire(directory: Int32, now: Date) -> StoreLock? {
    try? acquire(directory: directory, timeout: 0, now: now)
  }

  func release() {
    flock(fd, LOCK_UN)
    close(fd)
  }

  private static func describeHolder(_ fd: Int32, now: Date) -> (holder: String, since: String) {
    guard case .success(let bytes) = FileIO.readAll(fd) else { return ("?", "?") }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    guard lines.count >= 2 else { return ("?", "?") }
    let user = lines.count >= 3 ? lines[2] : "?"
    return ("\(user) (process \(lines[0]))", Timestamp.short(lines[1], on: String(Timestamp.iso(now).prefix(10))))
  }

  private static func userName() -> String {
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return String(getuid())
  }
}
