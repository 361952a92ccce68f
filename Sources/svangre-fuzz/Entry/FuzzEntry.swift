// svangre-fuzz: every fuzz target in one executable (docs/fuzzing.md). The target is the
// first argument:
//
//   svangre-fuzz TARGET [libFuzzer flags] [CORPUS_DIR…]   fuzzing build (SVANGRE_FUZZ=1)
//   svangre-fuzz TARGET FILE|DIR…                          plain build: each input once
//
// The name comes off the command line before libFuzzer reads its flags, and goes into the
// environment, where libFuzzer's workers (`-fork=N`, `-jobs=N`, started with the remaining
// arguments) find it.
import CSvangreFuzzMain
import Foundation
import SvangreFuzzing

/// This process's target; set before the first input.
nonisolated(unsafe) var selected = FuzzTarget.assessment

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  return 0
}

/// The plain build's replayer: each file (a directory's files, not recursively) through the
/// target once. Exits 2 on a missing path, so that a mistyped corpus path in `scripts/test`
/// fails rather than replays nothing.
func replay(_ paths: [String]) -> Int32 {
  guard !paths.isEmpty else { FuzzTarget.usage() }
  var count = 0
  for path in paths {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      FileHandle.standardError.write(Data("svangre-fuzz: \(path): no such file or directory\n".utf8))
      return 2
    }
    let files =
      isDirectory.boolValue
      ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      selected.run(Array(data))
      count += 1
    }
  }
  print("svangre-fuzz \(selected.rawValue): replayed \(count) inputs")
  return 0
}

var arguments = CommandLine.arguments
if arguments.count > 1, let named = FuzzTarget(rawValue: arguments[1]) {
  selected = named
  arguments.remove(at: 1)
  setenv(FuzzTarget.environmentName, named.rawValue, 1)
} else if let inherited = FuzzTarget.fromEnvironment() {
  selected = inherited
} else {
  FuzzTarget.usage()
}
if svangre_libfuzzer_linked() == 0 { exit(replay(Array(arguments.dropFirst()))) }
var argc = Int32(arguments.count)
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = UnsafeMutablePointer.allocate(
  capacity: arguments.count + 1)
for (index, argument) in arguments.enumerated() { argv![index] = strdup(argument) }
argv![arguments.count] = nil
exit(svangre_libfuzzer_run(&argc, &argv))
