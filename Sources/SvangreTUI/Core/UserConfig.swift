import Foundation
import SvangreRules
import SvangreStore

/// The user's own settings, in `$XDG_CONFIG_HOME/svangre/config.json` (or
/// `~/.config/svangre/config.json`): today only the author's initials, asked once and
/// then remembered so that every saved visitation says who made it.
public struct UserConfig: Codable, Equatable, Sendable {
  public var initials: String?

  public init(initials: String? = nil) { self.initials = initials }

  /// Where the config lives for `environment`.
  public static func path(environment: [String: String]) -> URL {
    let base: URL
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      base = URL(fileURLWithPath: xdg)
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      base = URL(fileURLWithPath: home).appendingPathComponent(".config")
    }
    return base.appendingPathComponent("svangre").appendingPathComponent("config.json")
  }

  /// The config at `url`; an absent, unreadable or oversized file is an empty config (the
  /// user is simply asked again), never a reason not to start.
  public static func load(from url: URL) -> UserConfig {
    guard case .success(let data) = BoundedRead.file(url.path, limit: InputLimits.settingsBytes) else {
      return UserConfig()
    }
    return (try? JSONDecoder().decode(UserConfig.self, from: data)) ?? UserConfig()
  }

  public func save(to url: URL) throws {
    // ~/.config and ~/.config/svangre, when svangre makes them, are 0700 under any umask.
    try PrivateDirectory.create(url.deletingLastPathComponent().path)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try PrivateFile.write(try encoder.encode(self), to: url)
  }

  /// Initials by the store's one rule (`Initials`: 1–12 letters or digits), upper-cased
  /// as typed here ("sø" → "SØ").
  public static func normalise(initials: String) -> String? {
    Initials.normalised(initials.uppercased())
  }
}

/// Writes small private files (config, draft): readable by the owner only (0600), and
/// replaced atomically so a crash mid-write leaves the old file, never half a file.
enum PrivateFile {
  static func write(_ data: Data, to url: URL) throws {
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
    let written = data.withUnsafeBytes { bytes in
      bytes.baseAddress.map { Glibc.write(fd, $0, bytes.count) } ?? 0
    }
    fsync(fd)
    close(fd)
    guard written == data.count, rename(temporary.path, url.path) == 0 else {
      unlink(temporary.path)
      throw CocoaError(.fileWriteUnknown)
    }
  }
}
