import Foundation
import Glibc
import Testing

@testable import SvangreStore

/// The one writer of private files outside a record save (config, drafts, exports).
@Suite("Private files")
struct PrivateFileTests {
  func mode(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
  }

  @Test("0600 under umask 000; create never overwrites; replace swaps the whole file and leaves no temp file")
  func privateAndWhole() throws {
    let temp = TemporaryStore()
    try FileManager.default.createDirectory(atPath: temp.directory, withIntermediateDirectories: true)
    let old = umask(0)
    defer { umask(old) }
    let path = temp.path("export.json")
    try PrivateFile.create(Data("one".utf8), at: path)
    #expect(mode(path) == 0o600)
    #expect(throws: StoreError.system(operation: "open", errno: EEXIST)) {
      try PrivateFile.create(Data("two".utf8), at: path)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
    try PrivateFile.replace(Data("three".utf8), at: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
    #expect(mode(path) == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temp.directory) == ["export.json"])
  }

  @Test("a link planted at the file or at the temp name is not written through")
  func noLinks() throws {
    let temp = TemporaryStore()
    try FileManager.default.createDirectory(atPath: temp.directory, withIntermediateDirectories: true)
    let target = temp.path("target")
    try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
    symlink(target, temp.path("link.json"))
    #expect(throws: StoreError.self) { try PrivateFile.create(Data("x".utf8), at: temp.path("link.json")) }
    symlink(target, temp.path(".config.json.\(getpid()).tmp"))
    try PrivateFile.replace(Data("new".utf8), at: temp.path("config.json"))
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    #expect(try String(contentsOfFile: temp.path("config.json"), encoding: .utf8) == "new")
  }
}
