import Foundation
import Glibc

/// The one writer of private files outside a record save: the TUI's config and drafts and
/// an export's `--output`. Like a record save (`StoreDirectory.replace`): created 0600
/// whatever the umask, never through a symbolic link, written in full (short writes and
/// EINTR retried), fsynced before it counts as written.
public enum PrivateFile {
  /// Writes a new file at `path`; refuses when something is there already (`O_EXCL`).
  /// - Throws: `.system` with the failing call (`open`, `write`, `fsync`, `close`) and errno.
  public static func create(_ data: Data, at path: String) throws(StoreError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .system(operation: "open", errno: errno) }
    try finish(fd, data)
  }

  /// Replaces the file at `path` atomically: a temp file of this process's beside it,
  /// fsynced, renamed over it, and the directory fsynced, so a crash leaves the old file
  /// or the new one, never half of one, and two processes never share a temp file.
  public static func replace(_ data: Data, at path: String) throws(StoreError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = (directory as NSString).appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    // A leftover of a process with this pid that died; unlink removes a link, not its target.
    unlink(temporary)
    do throws(StoreError) {
      try create(data, at: temporary)
      guard rename(temporary, path) == 0 else { throw .system(operation: "rename", errno: errno) }
    } catch {
      unlink(temporary)
      throw error
    }
    let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryFD >= 0 {
      fsync(directoryFD)
      close(directoryFD)
    }
  }

  private static func finish(_ fd: Int32, _ data: Data) throws(StoreError) {
    var closed = false
    defer { if !closed { close(fd) } }
    fchmod(fd, 0o600)
    try FileIO.writeAll(fd, [UInt8](data))
    guard fsync(fd) == 0 else { throw .system(operation: "fsync", errno: errno) }
    closed = true
    guard close(fd) == 0 else { throw .system(operation: "close", errno: errno) }
  }
}
