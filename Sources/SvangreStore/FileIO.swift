import Dispatch
import Foundation
import Glibc

/// The few system calls the store's guarantees rest on, done by hand because Foundation's
/// atomic write on Linux does not fsync the directory, leaves O_CLOEXEC off and creates
/// the file 0666 − umask (see docs/store.md). Opening files is `StoreDirectory`'s alone.
enum FileIO {
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

  /// One `read` into `buffer` from `offset` (again after a signal): the bytes read, 0 at
  /// the end of the file, nil on an error.
  static func readSome(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, from offset: Int) -> Int? {
    while true {
      let got = Glibc.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
      if got >= 0 { return got }
      if errno != EINTR { return nil }
    }
  }

  /// The whole file, or the errno that stopped reading it (`EFBIG` past `limit` bytes: a
  /// file may grow while it is read).
  static func readAll(_ fd: Int32, limit: Int) -> Result<[UInt8], Errno> {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(Errno(code: errno)) }
    // One byte more than the size, to see the end at once; a file that grew since reads on.
    var bytes = [UInt8]()
    var chunk = min(max(Int(info.st_size), 0), limit) + 1
    while true {
      var failure: Int32 = 0
      var ended = false
      // Read into memory not zero-filled first: filling the 44 MB index with zeros cost as
      // much as reading it.
      let part = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, count in
        count = 0
        while count < buffer.count {
          let got = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
          if got < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          if got == 0 {
            ended = true
            return
          }
          count += got
        }
      }
      if failure != 0 { return .failure(Errno(code: failure)) }
      if bytes.isEmpty { bytes = part } else { bytes.append(contentsOf: part) }
      if ended { break }
      guard bytes.count <= limit else { return .failure(Errno(code: EFBIG)) }
      chunk = min(bytes.count, limit + 1 - bytes.count)
    }
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
  /// A file that is not a regular file owned by this user and closed to others' writes
  /// gets no identity, so no index line can vouch for it.
  static func listRecordFiles(_ store: StoreDirectory) throws(StoreError) -> [(id: String, file: FileIdentity?)] {
    var ids: [String] = []
    try scanDirectory(store.fd) { name, _, length in
      // "x.json": at least one character before ".json", and not hidden.
      guard length > 5, name[0] != 0x2E,
        name[length - 5] == 0x2E, name[length - 4] == 0x6A, name[length - 3] == 0x73,
        name[length - 2] == 0x6F, name[length - 1] == 0x6E
      else { return }
      let id = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: length - 5)
      ids.append(String(decoding: id, as: UTF8.self))
    }
    return Array(zip(ids, identities(of: ids, in: store)))
  }

  /// The identity of each record's file in `store` (nil for one missing or not to be
  /// trusted: another user's, open to others, not a regular file): one `fstatat` each,
  /// spread over the cores, since at 100,000 files the path lookups are most of the time.
  static func identities(of ids: [String], in store: StoreDirectory) -> [FileIdentity?] {
    Parallel.chunks(of: ids.count) { range in range.map { store.identity(of: ids[$0] + ".json") } }.flatMap { $0 }
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
}
