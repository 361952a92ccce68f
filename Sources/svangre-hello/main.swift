import Foundation

// The baseline of `svangre-bench startup`: a Swift process that prints a small JSON object,
// with Foundation as svangre has it. Everything `svangre assess` takes beyond this is
// svangre's own start-up. Built with the package, never installed.

struct Greeting: Encodable {
  var hello = "world"
  var level = 1
}

let json = try JSONEncoder().encode(Greeting())
FileHandle.standardOutput.write(json + Data("\n".utf8))
