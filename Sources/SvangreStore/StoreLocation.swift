import Foundation

/// Where the record store lives when nobody says: shared by the CLI and the TUI so that
/// both open the same records.
public enum StoreLocation {
  /// `explicit` (`--store`), else `$SVANGRE_STORE`, else `$XDG_DATA_HOME/svangre`, else
  /// `~/.local/share/svangre`. An empty or relative `XDG_DATA_HOME` is ignored, as the
  /// XDG Base Directory specification requires.
  public static func resolve(
    explicit: String?,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    home: String? = nil
  ) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let store = environment["SVANGRE_STORE"], !store.isEmpty { return store }
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return (xdg as NSString).appendingPathComponent("svangre")
    }
    let home = home ?? environment["HOME"] ?? NSHomeDirectory()
    return (home as NSString).appendingPathComponent(".local/share/svangre")
  }

  /// True for a location that names a PostgreSQL server (`postgresql://…` or
  /// `postgres://…`) rather than a directory: the one test of it, for `svangre` (which
  /// hands such a command to `svangre-postgres`) and the PostgreSQL backend alike.
  public static func isServer(_ location: String) -> Bool {
    location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
  }
}
