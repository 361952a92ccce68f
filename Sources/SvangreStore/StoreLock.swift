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
  static func acquire(directory: StoreDirectory, timeout: Double, now: Date) throws(StoreError) -> StoreLock {
    let fd: Int32
    switch directory.openFile(fileName, O_RDWR | O_CREAT) {
    case .success(let opened): fd = opened
    case .failure(let failure):
      throw failure.storeError(path: (directory.path as NSString).appendingPathComponent(fileName))
    }
    do {
      try lock(fd, timeout: timeout, now: now)
    } catch {
      close(fd)
      throw error
    }
    var text = "\(getpid())\n\(Timestamp.iso(now))\n\(StoreError.userName)\n"
    ftruncate(fd, 0)
    _ = text.withUTF8 { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return StoreLock(fd: fd)
  }

  /// Takes `flock(LOCK_EX)` on `fd`, waiting at most `timeout` seconds; `.locked` naming
  /// the holder when it is still held then.
  static func lock(_ fd: Int32, timeout: Double, now: Date) throws(StoreError) {
    // A wait is measured on the monotonic clock: a wall clock set back (NTP, a test's
    // faked time) neither stretches nor cuts it.
    let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
    var pause: UInt32 = 1_000
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      guard code == EWOULDBLOCK || code == EINTR else { throw .system(operation: "lock", errno: code) }
      if ContinuousClock.now >= deadline {
        let holder = describeHolder(fd, now: now)
        throw .locked(holder: holder.holder, since: holder.since)
      }
      usleep(pause)
      // Short first sleeps keep two busy terminals fast; longer later ones keep a long
      // wait from spinning.
      pause = min(pause * 2, 20_000)
    }
  }

  /// Tries once without waiting; nil when another process has it or the lock file
  /// cannot be used (`check` reports why).
  static func tryAcquire(directory: StoreDirectory, now: Date) -> StoreLock? {
    try? acquire(directory: directory, timeout: 0, now: now)
  }

  func release() {
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// Who holds the lock on `fd`'s file, as the kernel says (`/proc/locks`), and since
  /// when, as the holder wrote it. The file alone is not enough: it names the last
  /// process that wrote it, which need not be the one holding the lock now (a program
  /// that takes the lock without writing, or one that has not written yet). Nil parts
  /// are unknown, and the message says so rather than name the wrong person.
  static func describeHolder(_ fd: Int32, now: Date, locks: String = "/proc/locks") -> (holder: String?, since: String?)
  {
    var info = stat()
    guard fstat(fd, &info) == 0, let pid = lockHolder(of: info, in: readSmallFile(locks)) else { return (nil, nil) }
    let holder = "\(userName(ofProcess: pid)) (process \(pid))"
    // The holder's own line gives the time, but only if the holder wrote it.
    let lines = FileIO.readAll(fd, limit: 4_096).map { String(decoding: $0, as: UTF8.self) }
    guard case .success(let text) = lines else { return (holder, nil) }
    let fields = text.split(separator: "\n").map(String.init)
    guard fields.count >= 2, fields[0] == String(pid) else { return (holder, nil) }
    return (holder, Timestamp.short(fields[1], on: String(Timestamp.iso(now).prefix(10))))
  }

  /// The pid holding a flock on the file `info` describes, from the text of /proc/locks
  /// (`1: FLOCK  ADVISORY  WRITE 4242 fe:00:5358745 0 EOF`; waiters are marked `->`).
  static func lockHolder(of info: stat, in locks: String?) -> pid_t? {
    guard let locks else { return nil }
    let device = UInt64(info.st_dev)
    let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
    let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
    for line in locks.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE" else { continue }
      let file = fields[5].split(separator: ":")
      guard file.count == 3, UInt64(file[0], radix: 16) == major, UInt64(file[1], radix: 16) == minor,
        UInt64(file[2]) == UInt64(info.st_ino), let pid = pid_t(fields[4]), pid > 0
      else { continue }
      return pid
    }
    return nil
  }

  private static func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    guard case .success(let bytes) = FileIO.readAll(fd, limit: 4 << 20) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The owner of a running process, by name when the system knows it.
  private static func userName(ofProcess pid: pid_t) -> String {
    var info = stat()
    guard stat("/proc/\(pid)", &info) == 0 else { return "?" }
    if let entry = getpwuid(info.st_uid), let name = entry.pointee.pw_name { return String(cString: name) }
    return String(info.st_uid)
  }
}
