import Glibc
import SvangreStore

/// `svangre` links no PostgreSQL client: PostgresNIO, SwiftNIO and BoringSSL are 8,800
/// symbolic relocations the dynamic loader would resolve at every start, a fifth of a
/// `svangre assess` process (docs/performance.md). A command for a `postgresql://` store
/// runs in `svangre-postgres` instead — the same library with the backend linked, installed
/// beside `svangre` — which `svangre` becomes (`execv`, the same arguments and environment)
/// before it does anything else, as git runs `git-SUBCOMMAND`. A separate program rather
/// than a plug-in opened with `dlopen`: SwiftPM builds and links it like any executable,
/// the two programs share nothing at run time that could disagree, and a missing one is a
/// file not there, said in one message (`StoreError.serverProgramMissing`).
enum ServerHandOver {
  static let programName = "svangre-postgres"

  /// True when the command may use a PostgreSQL store: a `postgresql://` (or `postgres://`)
  /// value of `--store` or `--to` (`store migrate`), as `--store URL` or `--store=URL`;
  /// `SVANGRE_STORE` naming one when no `--store` names a directory; and `store migrate`
  /// (its verification's SHA-256 is swift-crypto's, linked only there). Read from the
  /// words as they are, before ArgumentParser, so it takes more than it must (a note's
  /// text that is a URL): such a command runs in `svangre-postgres` just the same.
  static func needsServer(_ arguments: ArraySlice<String>, store environment: UnsafeMutablePointer<CChar>?) -> Bool {
    var storeGiven = false
    var previous = ""
    for argument in arguments {
      for option in ["--store", "--to"] {
        let value: Substring? =
          previous == option
          ? argument[...] : argument.hasPrefix(option + "=") ? argument.dropFirst(option.count + 1) : nil
        guard let value else { continue }
        if StoreLocation.isServer(String(value)) { return true }
        if option == "--store", !value.isEmpty { storeGiven = true }
      }
      if previous == "store", argument == "migrate" { return true }
      previous = argument
    }
    guard !storeGiven, let environment else { return false }
    return StoreLocation.isServer(String(cString: environment))
  }

  /// `svangre-postgres` in this executable's own directory (`/proc/self/exe`, links
  /// resolved): the pair is installed side by side.
  static var programPath: String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
    guard length > 0 else { return programName }
    let executable = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = executable.lastIndex(of: "/") else { return programName }
    return executable[...slash] + programName
  }

  /// Becomes `svangre-postgres` with this process's arguments and environment; returns
  /// only when it cannot (missing, not executable): the command then runs here and is
  /// refused where it opens the store (`StoreFactory`), in the user's language and format.
  static func exec() {
    _ = execv(programPath, CommandLine.unsafeArgv)
  }
}
