import Dispatch
import Foundation
import Glibc

/// The few system calls the store's guarantees rest on, done by hand because Foundation's
/// atomic write on Linux does not fsync the directory, leaves O_CLOEXEC off and creates
/// the file 0666 − umask (see docs/store.md).
enum FileIO {
  /// Opens a directory for `*at` calls and fsync.
  static func openDirectory(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  }

  /// Atomically replaces `name` in `directory` with `bytes`, durably:
  /// temp (O_EXCL, O_CLOEXEC, 0600) → write → fsync → rename → fsync(directory).
  ///
  /// The caller holds the store lock, so a temp file that already exists was left by a
  /// writer that died mid-save (never acknowledged) and is removed first.
  /// `beforeRename` gets the new file's identity, which becomes the record's once renamed:
  /// the index is told before the rename so that it can never describe a file that is
  /// not there yet as if it were (see `StoreIndex`).
  static func replaceDurably(
    directory: Int32, name: String, bytes: [UInt8], beforeRename: (FileIdentity) -> Void = { _ in }
  ) throws(StoreError) {
    let temp = "." + name + ".tmp"
    if unlinkat(directory, temp, 0) != 0 && errno != ENOENT {
      throw .system(operation: "unlink", errno: errno)
    }
    let fd = openat(directory, temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .system(operation: "create", errno: errno) }
    var ok = false
    defer {
      if !ok {
        close(fd)
        unlinkat(directory, temp, 0)
      }
    }
    // The mode given to open is filtered by the umask; an explicit fchmod makes 0600
    // hold under any umask (e.g. 0277 would otherwise give 0400).
    guard fchmod(fd, 0o600) == 0 else { throw .system(operation: "chmod", errno: errno) }
    try writeAll(fd, bytes)
    guard fsync(fd) == 0 else { throw .system(operation: "fsync", errno: errno) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .system(operation: "stat", errno: errno) }
    ok = true
    guard close(fd) == 0 else {
      unlinkat(directory, temp, 0)
      throw .system(operation: "close", errno: errno)
    }
    beforeRename(FileIdentity(info))
    guard renameat(directory, temp, directory, name) == 0 else {
      let code = errno
      unlinkat(directory, temp, 0)
      throw .system(operation: "rename", errno: code)
    }
    guard fsync(directory) == 0 else { throw .system(operation: "fsync", errno: errno) }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(StoreError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw .system(operation: "write", errno: errno)
      }
      offset += written
    }
  }

  /// The whole file, or the errno that stopped reading it.
  static func read(directory: Int32, name: String) -> Result<[UInt8], Errno> {
    let fd = openat(directory, name, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(Errno(code: errno)) }
    defer { close(fd) }
    return readAll(fd)
  }

  static func readAll(_ fd: Int32) -> Result<[UInt8], Errno> {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(Errno(code: errno)) }
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count)) }
      let got = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return .failure(Errno(code: errno))
      }
      if got == 0 { break }
      count += got
    }
    bytes.removeLast(bytes.count - count)
    return .success(bytes)
  }

  /// The entries of a directory with their inode numbers, from one readdir pass.
  static func listDirectory(_ directory: Int32) throws(StoreError) -> [(name: String, inode: UInt64)] {
    var result: [(String, UInt64)] = []
    try scanDirectory(directory) { name, inode, _ in result.append((String(cString: name), inode)) }
    return result
  }

  /// The record files (`*.json`, not hidden) of a directory with their identities: one
  /// readdir pass, then an fstatat per file spread over the machine's cores (at 100,000
  /// files the stat calls are most of the time to open a store).
  static func listRecordFiles(_ directory: Int32) throws(StoreError) -> [(id: String, file: FileIdentity?)] {
    var ids: [String] = []
    try scanDirectory(directory) { name, _, length in
      // "x.json": at least one character before ".json", and not hidden.
      guard length > 5, name[0] != 0x2E,
        name[length - 5] == 0x2E, name[length - 4] == 0x6A, name[length - 3] == 0x73,
        name[length - 2] == 0x6F, name[length - 1] == 0x6E
      else { return }
      let id = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: length - 5)
      ids.append(String(decoding: id, as: UTF8.self))
    }
    let names = ids
    var files = [FileIdentity?](repeating: nil, count: names.count)
    let workers = names.count < 2_000 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    files.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        // Each worker fills its own slice of `output`: no two write the same element.
        var index = worker
        while index < names.count {
          output[index] = FileIdentity.of(names[index] + ".json", in: directory)
          index += workers
        }
      }
    }
    return Array(zip(ids, files))
  }

  private static func scanDirectory(
    _ directory: Int32, _ body: (UnsafePointer<CChar>, UInt64, Int) -> Void
  ) throws(StoreError) {
    let copy = dup(directory)
    guard copy >= 0, let stream = fdopendir(copy) else {
      throw .system(operation: "readdir", errno: errno)
    }
    defer { closedir(stream) }
    rewinddir(stream)
    while let entry = readdir(stream) {
      let inode = UInt64(entry.pointee.d_ino)
      withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: 256) { name in
          body(name, inode, strlen(name))
        }
      }
    }
  }
}

/// A failed system call's errno.
struct Errno: Error {
  var code: Int32
}

extension FileIO {
  /// The type of the file system holding `path` (`ext4`, `nfs4`, `cifs`, …), from the
  /// longest matching mount point in /proc/self/mounts; nil when unknown.
  static func fileSystemType(of path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    let full = String(cString: resolved)
    free(resolved)
    guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
    var best: (length: Int, type: String)?
    for line in mounts.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3 else { continue }
      // Mount points escape spaces as \040.
      let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
      let matches = point == "/" || full == point || full.hasPrefix(point + "/")
      if matches, point.count > (best?.length ?? -1) { best = (point.count, String(fields[2])) }
    }
    return best?.type
  }
}

/// What tells one version of a file from another without reading it: inode, size and
/// modification time in nanoseconds. Every save renames a new inode into place; a file
/// replaced by hand (a restore, an editor) may get the freed inode back, but not also
/// the same size and nanosecond mtime.
struct FileIdentity: Hashable, Sendable {
  var inode: UInt64
  var size: Int64
  var mtime: Int64

  init(inode: UInt64, size: Int64, mtime: Int64) {
    self.inode = inode
    self.size = size
    self.mtime = mtime
  }

  init(_ info: stat) {
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
  }

  /// The identity of `name` in `directory`, nil when it cannot be stat'ed.
  static func of(_ name: String, in directory: Int32) -> FileIdentity? {
    var info = stat()
    guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
    return FileIdentity(info)
  }
}
