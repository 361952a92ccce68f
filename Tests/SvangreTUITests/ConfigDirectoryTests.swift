import Foundation
import Glibc
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
