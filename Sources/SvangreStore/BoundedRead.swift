import Foundation
import Glibc
import SvangreRules

/// Why a bounded read gave up.
public enum ReadRefusal: Error, Equatable, Sendable {
  /// There is more than `limit` bytes: nothing beyond the limit was read.
  case tooLarge(limit: Int)
  /// The file cannot be opened or read; `errno` says why.
  case unreadable(errno: Int32)
}

/// The one way svangre reads standard input and the files a user names (`--input`,
/// `--rules`, `import`, the TUI's config and drafts): never more than a limit.
///
/// Foundation's `readDataToEndOfFile` and `Data(contentsOf:)` read whatever comes, so
/// `head -c 2G /dev/zero | svangre assess` filled the memory and ended in a backtrace.
/// Here a regular file larger than the limit is refused from its size, and a pipe is
/// read in chunks and refused as soon as it passes the limit.
public enum BoundedRead {
  /// Standard input for nil or `-`, else the file at `path`.
  public static func input(_ path: String?, limit: Int) -> Result<Data, ReadRefusal> {
    guard let path, path != "-" else { return descriptor(STDIN_FILENO, limit: limit).map { Data($0) } }
    return file(path, limit: limit)
  }

  /// The whole file at `path`, if it is at most `limit` bytes.
  public static func file(_ path: String, limit: Int) -> Result<Data, ReadRefusal> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(.unreadable(errno: errno)) }
    defer { close(fd) }
    return descriptor(fd, limit: limit).map { Data($0) }
  }

  /// A file svangre wrote itself (the TUI's config and drafts): read only when it is a
  /// regular file, never through a symbolic link, and without waiting. A FIFO planted where
  /// the config belongs would otherwise hang the TUI's start in `open` until a writer came;
  /// it is refused with `EINVAL`, a link with `ELOOP`. (A file the user names, `--input`,
  /// `--rules`, may well be a pipe, `<(…)`: those are read with `file`.)
  public static func ownFile(_ path: String, limit: Int) -> Result<Data, ReadRefusal> {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { return .failure(.unreadable(errno: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.unreadable(errno: errno)) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable(errno: EINVAL)) }
    return descriptor(fd, limit: limit).map { Data($0) }
  }

  /// Everything `fd` gives until end of file, if it is at most `limit` bytes.
  public static func descriptor(_ fd: Int32, limit: Int) -> Result<[UInt8], ReadRefusal> {
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
      return .failure(.tooLarge(limit: limit))
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      // One byte past the limit is enough to know it was passed.
      let wanted = min(chunk.count, limit + 1 - bytes.count)
      let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, wanted) }
      if got < 0 {
        if errno == EINTR { continue }
        return .failure(.unreadable(errno: errno))
      }
      if got == 0 { return .success(bytes) }
      bytes.append(contentsOf: chunk[0..<got])
      if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
    }
  }

  /// One line from `fd` (without its line end; nil at end of input), read byte by byte
  /// so that nothing after it is consumed, and refused past `limit` bytes.
  public static func line(_ fd: Int32, limit: Int) -> Result<String?, ReadRefusal> {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let got = Glibc.read(fd, &byte, 1)
      if got < 0 {
        if errno == EINTR { continue }
        return .failure(.unreadable(errno: errno))
      }
      if got == 0 { return .success(bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)) }
      if byte == 0x0A { break }
      bytes.append(byte)
      if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
    }
    if bytes.last == 0x0D { bytes.removeLast() }
    return .success(String(decoding: bytes, as: UTF8.self))
  }

}
