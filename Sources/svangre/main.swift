import ArgumentParser
import Foundation

// Entry point: see Svangre.swift for the command tree.
//
// The contract's exit statuses are 0 (done), 2 (input refused) and 1 (internal
// failure); a mistyped option is refused input, so ArgumentParser's usage status (64)
// becomes 2. Help and version requests still exit 0.
do {
  var command = try Svangre.parseAsRoot()
  try command.run()
} catch {
  let status = Svangre.exitCode(for: error)
  if status == .validationFailure {
    FileHandle.standardError.write(Data((Svangre.fullMessage(for: error) + "\n").utf8))
    exit(2)
  }
  Svangre.exit(withError: error)
}
