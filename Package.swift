// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "svangre",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "svangre", targets: ["svangre"]),
    .executable(name: "svangre-postgres", targets: ["svangre-postgres"]),
    .library(name: "SvangreRules", targets: ["SvangreRules"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    // SHA-256 for `store migrate`'s verification; already built for PostgresNIO (same range).
    .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"6.0.0"),
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
    // Build-time only: validates Resources/*/*.json and writes them as Swift source that
    // builds the values, for the plugin below (no JSON is decoded when svangre starts).
    .executableTarget(name: "svangre-embed", dependencies: ["SvangreRules"]),
    .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["svangre-embed"]),
    // The single source of clinical truth. Foundation only: no storage, no screens, no clock.
    .target(name: "SvangreRules"),
    // Practice cases and scoring for training sessions; answers come from the rules.
    .target(name: "SvangreTraining", dependencies: ["SvangreRules"]),
    // The JSON record store: durable, locked, audited. Knows nothing of screens; reads a
    // stored visitation's input back with the rules' own parser, against the bundled rule
    // set (SvangreResources) and any the caller adds.
    .target(name: "SvangreStore", dependencies: ["SvangreRules", "SvangreResources"]),
    // What leaves the program about one woman: her plan (iCalendar, a printable page, text),
    // the note for her patient record and the GP's referral, worded from the engine's answer
    // for her record's state now. Written once for the CLI and the TUI.
    .target(name: "SvangreDocuments", dependencies: ["SvangreRules", "SvangreStore", "SvangreResources"]),
    // The PostgreSQL backend of `RecordStore` (docs/store.md, "A clinic's shared store"):
    // the same records and guarantees on a server a clinic runs. SvangreStore knows nothing
    // of it; `svangre-postgres` links it for a `postgresql://` store.
    .target(
      name: "SvangrePostgres",
      dependencies: [
        "SvangreStore", "SvangreRules", "SvangreResources", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The tests' throw-away PostgreSQL server (initdb into a temporary directory, a Unix
    // socket there), started once per test process. Not installed.
    .target(name: "SvangrePostgresTestSupport", dependencies: ["SvangrePostgres", "SvangreStore"]),
    // ncursesw's header (libncursesw5-dev, scripts/setup) and the library opened with dlopen
    // when the TUI starts, not linked: `svangre assess` would load it for nothing
    // (include/shim.h, docs/performance.md).
    .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("dl")]),
    // Ending on SIGTERM/SIGHUP/SIGINT within a second even while the TUI computes: a
    // signal handler and a guard thread, in C (see include/terminal_guard.h).
    .target(name: "CTerminalGuard"),
    // The full-screen front end: state -> update(key) -> render into a screen buffer.
    .target(
      name: "SvangreTUI",
      dependencies: [
        "SvangreRules", "SvangreStore", "SvangreResources", "SvangreTraining", "SvangreDocuments", "CNcursesw",
        "CTerminalGuard",
      ]
    ),
    // The command line and the TUI's start (swift-argument-parser): the whole program but
    // for the PostgreSQL backend, which an executable gives it (`ServerBackend`).
    .target(
      name: "SvangreCLI",
      dependencies: [
        "SvangreRules", "SvangreStore", "SvangreTUI", "SvangreResources", "SvangreTraining", "SvangreDocuments",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `svangre` links no PostgreSQL client (its loader's work at every start,
    // docs/performance.md): for a `postgresql://` store it becomes `svangre-postgres`, the
    // same program with the backend and swift-crypto, installed beside it
    // (SvangreCLI/ServerHandOver.swift).
    .executableTarget(name: "svangre", dependencies: ["SvangreCLI"]),
    .executableTarget(
      name: "svangre-postgres",
      dependencies: [
        "SvangreCLI", "SvangreRules", "SvangreStore", "SvangreResources", "SvangrePostgres",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "svangre-bench",
      dependencies: [
        "SvangreRules", "SvangreStore", "SvangreTUI", "SvangreTraining", "SvangrePostgres",
        "SvangrePostgresTestSupport",
      ]
    ),
    // The baseline of `svangre-bench startup`: a Swift hello world that prints a small JSON
    // object. Not installed.
    .executableTarget(name: "svangre-hello"),
    // A child process for the store's crash and concurrency tests: saves in a loop until
    // killed. Not installed; `swift test` builds it beside the test bundle.
    .executableTarget(
      name: "svangre-store-torture",
      dependencies: ["SvangreStore", "SvangreRules", "SvangreResources", "SvangrePostgres"]
    ),
    // The fuzz targets' bodies (docs/fuzzing.md): what svangre does with bytes it did not
    // write, and the invariants each answer keeps. A library, so tests run them too.
    .target(name: "SvangreFuzzing", dependencies: ["SvangreRules", "SvangreStore", "SvangreResources"]),
    // One executable for every target: `svangre-fuzz TARGET …`. A plain build makes it a
    // replayer of corpus files; `SVANGRE_FUZZ=1` (at the end of this file) links libFuzzer
    // in and makes it a fuzzer (LibFuzzer/libfuzzer.c tells which).
    .target(name: "CSvangreFuzzMain", path: "Sources/svangre-fuzz/LibFuzzer"),
    .executableTarget(
      name: "svangre-fuzz", dependencies: ["SvangreFuzzing", "CSvangreFuzzMain"], path: "Sources/svangre-fuzz/Entry"),
    // What the test targets share (Locked, threadCPUSeconds, TemporaryDirectory,
    // withoutHanging): a library, since a test target cannot depend on another.
    .target(name: "SvangreTestSupport", path: "Tests/SvangreTestSupport"),
    .testTarget(
      name: "SvangreRulesTests",
      dependencies: ["SvangreRules", "SvangreResources", "SvangreTraining", "SvangreTestSupport"]),
    .testTarget(
      name: "SvangreStoreTests",
      dependencies: [
        "SvangreStore", "SvangreRules", "SvangreResources", "SvangreTestSupport", "SvangrePostgres",
        "SvangrePostgresTestSupport",
      ]
    ),
    .testTarget(
      name: "SvangreTUITests",
      dependencies: [
        "SvangreTUI", "SvangreRules", "SvangreStore", "SvangreTraining", "SvangreTestSupport", "SvangrePostgres",
        "SvangrePostgresTestSupport",
      ],
      exclude: ["Golden"]),
    .testTarget(name: "SvangreCLITests", dependencies: ["SvangreRules", "SvangreCLI", "SvangreTestSupport"]),
    .testTarget(
      name: "SvangreDocumentsTests",
      dependencies: ["SvangreDocuments", "SvangreStore", "SvangreRules", "SvangreResources"]),
    .testTarget(name: "SvangreTrainingTests", dependencies: ["SvangreTraining", "SvangreRules", "SvangreResources"]),
    .testTarget(
      name: "SvangreFuzzingTests", dependencies: ["SvangreFuzzing", "SvangreStore", "SvangreRules", "SvangreResources"]),
  ]
)

// The fuzzing build (docs/fuzzing.md):
//   SVANGRE_FUZZ=1 swift build --scratch-path .build-fuzz --product svangre-fuzz
// instruments the code under test with libFuzzer's coverage and AddressSanitizer and links
// libFuzzer into svangre-fuzz. Not SwiftPM's `--sanitize=fuzzer`: that reaches the build
// tool that embeds Resources/ too, which then cannot link (libFuzzer brings its own `main`).
// Build only that product there: other executables would lack the sanitizer runtime.
// `SVANGRE_FUZZ=coverage` (scratch path .build-fuzz-coverage) leaves AddressSanitizer out:
// libFuzzer's coverage and the checks only, for the long runs of docs/fuzzing.md.
let fuzzMode = Context.environment["SVANGRE_FUZZ"]
if fuzzMode == "1" || fuzzMode == "coverage" {
  let fuzzing: [String] = [fuzzMode == "coverage" ? "-sanitize=fuzzer" : "-sanitize=fuzzer,address"]
  for target in package.targets
  where ["SvangreRules", "SvangreStore", "SvangreResources", "SvangreFuzzing", "svangre-fuzz"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(fuzzing)]
    if target.type == .executable { target.linkerSettings = [.unsafeFlags(fuzzing)] }
  }
  // The tool that embeds Resources/ loads the rule sets with SvangreRules, so it links the
  // instrumented code: AddressSanitizer's runtime (which also answers the coverage
  // callbacks), not libFuzzer (the tool has its own main).
  for target in package.targets where target.name == "svangre-embed" {
    target.linkerSettings = [.unsafeFlags(["-sanitize=address"])]
  }
}
