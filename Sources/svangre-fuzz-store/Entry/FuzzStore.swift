// Fuzz target over the store's own parsing: record decoding (with damage diagnosis),
// import verification, CPR numbers, search folding and the index line parser.
//
//   swift build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
//     --product svangre-fuzz-store
//   mkdir -p fuzz-corpus && .build/debug/svangre-fuzz-store fuzz-corpus -max_total_time=60
//
// A plain `swift build` gives a replayer: `svangre-fuzz-store FILE|DIR…` runs each input once.
import CSvangreFuzzMain
import Foundation
@_spi(Fuzzing) import SvangreStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  StoreFuzzing.exercise(bytes)
  return 0
}

@_cdecl("svangre_fuzz_replay")
public func replay(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  var count = 0
  for index in 1..<Int(argc) {
    guard let pointer = argv[index] else { continue }
    let path = String(cString: pointer)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
    let files =
      isDirectory.boolValue
      ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 } : [path]
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      StoreFuzzing.exercise(Array(data))
      count += 1
    }
  }
  print("replayed \(count) inputs")
  return 0
}
