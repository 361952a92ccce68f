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
    guard case .success(let data) = BoundedRead.ownFile(url.path, limit: InputLimits.settingsBytes) else {
      return UserConfig()
    }
    return (try? JSONDecoder().decode(UserConfig.self, from: data)) ?? UserConfig()
  }

  /// The config as the TUI uses it on `repository`: on a clinic's server the initials are
  /// those of the login role (docs/store.md, "Clinics and who saved"), whatever the file
  /// says — the server saves under no others.
  public func signedIn(to repository: any RecordRepository) -> UserConfig {
    var config = self
    if let signedIn = (repository as? StoreRepository)?.store.signedInInitials { config.initials = signedIn }
    return config
  }

  public func save(to url: URL) throws {
    // ~/.config and ~/.config/svangre, when svangre makes them, are 0700 under any umask.
    try PrivateDirectory.create(url.deletingLastPathComponent().path)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try PrivateFile.replace(try encoder.encode(self), at: url.path)
  }

  /// The longest initials the initials field takes: the store's one rule, so the field
  /// neither cuts initials the store accepts nor takes ones it refuses for length.
  public static let initialsMaximumLength = Initials.maximumLength

  /// Initials by the store's one rule (`Initials`: 1–12 letters or digits), upper-cased
  /// as typed here ("sø" → "SØ").
  public static func normalise(initials: String) -> String? {
    Initials.normalised(initials.uppercased())
  }
}
