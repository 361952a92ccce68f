import Foundation
import Glibc

/// The one writer of private files, for a record save (`StoreDirectory.replace`), the
/// index, the TUI's config and drafts and an export's `--output`: created 0600 whatever
/// the umask, never through a symbolic link, written in full (short writes and EINTR
/// retried), fsynced, and the directory fsynced, before it counts as written.
/// Written by hand because Foundation's atomic write on Linux does not fsync the
/// directory, leaves O_CLOEXEC off and creates the file 0666 − umask (docs/store.md).
public enum PrivateFile {
  /// Writes a new file at `path`; refuses when something is there already (`O_EXCL`).
  /// - Throws: `.system` with the failing call (`open`, `write`, `fsync`, `close`) and errno.
  public static func create(_ data: Data, at path: String) throws(StoreError) {
    let directory = try openDirectory(of: path)
    defer { close(directory) }
    let file = openat(directory, name(of: path), newFileFlags, 0o600)
    guard file >= 0 else { throw .system(operation: "open", errno: errno) }
    _ = try fill(file, [UInt8](data))
    guard fsync(directory) == 0 else { throw .system(operation: "fsync", errno: errno) }
  }

  /// Replaces the file at `path` atomically (`replace(_:named:in:temp:)`), through a temp
  /// file of this process's beside it, so two processes never share one.
  public static func replace(_ data: Data, at path: String) throws(StoreError) {
    let directory = try openDirectory(of: path)
    defer { close(directory) }
    let name = name(of: path)
    try replace(
      [UInt8](data), named: name, in: directory, at: URL(fileURLWithPath: path).deletingLastPathComponent().path,
      temp: ".\(name).\(getpid()).tmp")
  }

  /// Replaces `name` in the open `directory` (at `directoryPath`, for messages) with `bytes`, durably: temp (O_EXCL,
  /// O_NOFOLLOW, 0600) → write → fsync → rename → fsync(directory). A crash leaves the old
  /// file or the new one, never half of one.
  ///
  /// A file already at `temp` was left by a writer that died mid-write (never
  /// acknowledged) and is removed first; `unlinkat` removes a link planted there, never
  /// its target. `beforeRename` gets the new file's identity before it takes `name`. The
  /// rename replaces whatever was at `name` (a planted link included) without following it.
  static func replace(
    _ bytes: [UInt8], named name: String, in directory: Int32, at directoryPath: String, temp: String,
    beforeRename: (FileIdentity) -> Void = { _ in }
  ) throws(StoreError) {
    if unlinkat(directory, temp, 0) != 0 && errno != ENOENT {
      let code = errno
      if code == EISDIR {
        throw .untrustedFile(path: (directoryPath as NSString).appendingPathComponent(temp), problem: .notAFile)
      }
      throw .system(operation: "unlink", errno: code)
    }
    let file = openat(directory, temp, newFileFlags, 0o600)
    guard file >= 0 else { throw .system(operation: "open", errno: errno) }
    let identity: FileIdentity
    do throws(StoreError) {
      identity = try fill(file, bytes)
    } catch {
      unlinkat(directory, temp, 0)
      throw error
    }
    beforeRename(identity)
    guard renameat(directory, temp, directory, name) == 0 else {
      let code = errno
      unlinkat(directory, temp, 0)
      throw .system(operation: "rename", errno: code)
    }
    guard fsync(directory) == 0 else { throw .system(operation: "fsync", errno: errno) }
  }

  /// A new file only, never followed through a link, not inherited by child processes.
  private static let newFileFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC

  /// Makes the new file `fd` 0600 (open's mode is filtered by the umask), writes `bytes`,
  /// fsyncs and closes it; its identity as written.
  private static func fill(_ fd: Int32, _ bytes: [UInt8]) throws(StoreError) -> FileIdentity {
    var closed = false
    defer { if !closed { close(fd) } }
    fchmod(fd, 0o600)
    try FileIO.writeAll(fd, bytes)
    guard fsync(fd) == 0 else { throw .system(operation: "fsync", errno: errno) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .system(operation: "stat", errno: errno) }
    closed = true
    guard close(fd) == 0 else { throw .system(operation: "close", errno: errno) }
    return FileIdentity(info)
  }

  private static func openDirectory(of path: String) throws(StoreError) -> Int32 {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw .system(operation: "open", errno: errno) }
    return fd
  }

  private static func name(of path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
