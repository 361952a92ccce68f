import Foundation
import Glibc
import SvangreResources
import Testing
@testable import SvangreStore

/// What an attacker plants in a store directory, for the tests that try it.
enum Plant {
  /// A file outside the store that a planted link points at, with bytes that must stay.
  static func victim(_ temp: TemporaryStore) throws -> String {
    let path = temp.directory + "-victim"
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func symlink(_ path: String, to target: String) {
    unlink(path)
    #expect(Glibc.symlink(target, path) == 0, "symlink \(path)")
  }

  static func fifo(_ path: String) {
    unlink(path)
    #expect(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
  }

  /// A character device with the numbers of /dev/null (1, 3): reading it gives no bytes,
  /// so a store that opened it would call the record empty rather than refuse it.
  /// Needs root (CAP_MKNOD), as in this project's CI; false otherwise.
  static func device(_ path: String) -> Bool {
    unlink(path)
    return mknod(path, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0
  }

  /// A Unix socket bound at `path` (the descriptor stays open until the test ends).
  static func socket(_ path: String) -> Int32 {
    unlink(path)
    let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      let bytes = Array(path.utf8.prefix(buffer.count - 1))
      buffer.copyBytes(from: bytes)
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    #expect(bound == 0, "bind \(path)")
    return fd
  }

  static func contents(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>"
  }

  static func isSymlink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }
}

/// The CLI's message in Danish (the default) and in English.
func messages(_ temp: TemporaryStore, _ arguments: [String]) throws -> (da: ProcessResult, en: ProcessResult) {
  (
    try runProduct("svangre", ["--store", temp.directory] + arguments, timeout: 20),
    try runProduct("svangre", ["--store", temp.directory, "--lang", "en"] + arguments, timeout: 20)
  )
}
