// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "svangre",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "svangre", targets: ["svangre"]),
    .library(name: "SvangreRules", targets: ["SvangreRules"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The versioned rule sets and the UI string catalogues (the package's top-level
    // `Resources/`, data only), compiled into the binary by the EmbedResources plugin so that
    // an installed `svangre` is one self-contained file; the bundled rule set and the
    // wording of the rules' refusals are served from here.
    .target(
      name: "SvangreResources",
      dependencies: ["SvangreRules"],
      plugins: ["EmbedResources"]
    ),
    // Build-time only: writes Resources/*/*.json as Swift source for the plugin below.
    .executableTarget(name: "svangre-embed"),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["svangre-embed"]),
    // The single source of clinical truth. Foundation only: no storage, no screens, no clock.
    .target(name: "SvangreRules"),
    // Practice cases and scoring for training sessions; answers come from the rules.
    .target(name: "SvangreTraining", dependencies: ["SvangreRules"]),
    // The JSON record store: durable, locked, audited. Knows nothing of screens or rules.
    .target(name: "SvangreStore", dependencies: ["SvangreRules"]),
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
    // Ending on SIGTERM/SIGHUP/SIGINT within a second even while the TUI computes: a
    // signal handler and a guard thread, in C (see include/terminal_guard.h).
    .target(name: "CTerminalGuard"),
    // The full-screen front end: state -> update(key) -> render into a screen buffer.
    .target(
      name: "SvangreTUI",
      dependencies: [
        "SvangreRules", "SvangreStore", "SvangreResources", "SvangreTraining", "CNcursesw", "CTerminalGuard",
      ]
    ),
    .executableTarget(
      name: "svangre",
      dependencies: [
        "SvangreRules", "SvangreStore", "SvangreTUI", "SvangreResources", "SvangreTraining",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "svangre-bench",
      dependencies: ["SvangreRules", "SvangreStore", "SvangreTUI", "SvangreTraining"]
    ),
    // A child process for the store's crash and concurrency tests: saves in a loop until
    // killed. Not installed; `swift test` builds it beside the test bundle.
    .executableTarget(
      name: "svangre-store-torture",
      dependencies: ["SvangreStore", "SvangreRules", "SvangreResources"]
    ),
    // Fuzzing record decoding and CPR parsing:
    // swift build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
    //   --product svangre-fuzz-store
    // (SwiftPM passes the two sanitizers as two -sanitize= flags and the compiler keeps only
    // the last, so without -Xswiftc the code is not instrumented for coverage.)
    // A plain build replays corpus files instead (see ReplayHook/replay_hook.c).
    .target(name: "CSvangreFuzzMain", path: "Sources/svangre-fuzz-store/ReplayHook"),
    .executableTarget(
      name: "svangre-fuzz-store",
      dependencies: ["SvangreStore", "CSvangreFuzzMain"],
      path: "Sources/svangre-fuzz-store/Entry"
    ),
    .testTarget(name: "SvangreRulesTests", dependencies: ["SvangreRules", "SvangreResources", "SvangreTraining"]),
    .testTarget(name: "SvangreStoreTests", dependencies: ["SvangreStore", "SvangreRules", "SvangreResources"]),
    .testTarget(
      name: "SvangreTUITests", dependencies: ["SvangreTUI", "SvangreRules", "SvangreStore", "SvangreTraining"]),
    .testTarget(name: "SvangreCLITests", dependencies: ["SvangreRules"]),
    .testTarget(name: "SvangreTrainingTests", dependencies: ["SvangreTraining", "SvangreRules", "SvangreResources"]),
  ]
)
