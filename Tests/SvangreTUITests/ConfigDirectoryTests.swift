import Foundation
import Glibc
import SvangreTestSupport
import Testing

@testable import SvangreTUI

@Suite struct ConfigDirectoryTests {
  @Test("~/.config and ~/.config/svangre, when svangre makes them, are 0700 even under umask 000")
  func privateUnderAnyUmask() throws {
    let home = TemporaryDirectory()
    let old = umask(0)
    defer { umask(old) }
    let url = UserConfig.path(environment: ["HOME": home.url.path])
    try UserConfig(initials: "AB").save(to: url)
    func mode(_ path: String) -> mode_t {
      var info = stat()
      stat(path, &info)
      return info.st_mode & 0o777
    }
    #expect(mode(home.url.appendingPathComponent(".config").path) == 0o700)
    #expect(mode(url.deletingLastPathComponent().path) == 0o700)
    #expect(mode(url.path) == 0o600)
    #expect(UserConfig.load(from: url).initials == "AB")
  }
}

/// The config and the drafts are svangre's own files: something else planted where they
/// belong is treated as no config (the user is asked again) or a draft set aside, at once.
@Suite struct PlantedSettingsTests {
  @Test("a FIFO where the config belongs is no config, and the TUI does not wait for a writer")
  func fifoConfig() throws {
    let home = TemporaryDirectory()
    let url = UserConfig.path(environment: ["HOME": home.url.path])
    try UserConfig(initials: "AB").save(to: url)
    unlink(url.path)
    #expect(mkfifo(url.path, 0o600) == 0)
    let path = url.path
    let (config, hung) = withoutHanging(seconds: 3, fifos: [path]) { UserConfig.load(from: URL(fileURLWithPath: path)) }
    #expect(!hung, "the read waited on a FIFO")
    #expect(try config.get() == UserConfig())
  }

  @Test("a symbolic link where the config belongs is not followed")
  func linkedConfig() throws {
    let home = TemporaryDirectory()
    let url = UserConfig.path(environment: ["HOME": home.url.path])
    let elsewhere = home.url.appendingPathComponent("elsewhere.json")
    try UserConfig(initials: "XY").save(to: elsewhere)
    try UserConfig(initials: "AB").save(to: url)
    unlink(url.path)
    #expect(symlink(elsewhere.path, url.path) == 0)
    #expect(UserConfig.load(from: url).initials == nil)
  }

  @Test("a FIFO where a draft belongs is set aside as unreadable, at once")
  func fifoDraft() throws {
    let directory = TemporaryDirectory()
    let path = directory.url.appendingPathComponent(Draft.fileName).path
    #expect(mkfifo(path, 0o600) == 0)
    let (unreadable, hung) = withoutHanging(seconds: 3, fifos: [path]) { () -> Bool in
      if case .failure = Draft.read(from: URL(fileURLWithPath: path)) { return true }
      return false
    }
    #expect(!hung, "the read waited on a FIFO")
    #expect(try unreadable.get())
  }
}
