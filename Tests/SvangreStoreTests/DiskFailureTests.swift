import Foundation
import Glibc
import SvangreResources
import SvangreRules
import Testing
@testable import SvangreStore

/// Small tmpfs mounts for the disk failure tests.
enum Tmpfs {
  /// Whether this process may mount one (root with CAP_SYS_ADMIN), tried once.
  static let available: Bool = geteuid() == 0 && (try? mount(kilobytes: 64) { _ in }) == true

  /// Mounts a tmpfs of `kilobytes`, runs `body` on it and unmounts; false when mounting is
  /// not allowed.
  static func mount(kilobytes: Int, _ body: (String) throws -> Void) throws -> Bool {
    let point = NSTemporaryDirectory() + "svangre-store-mount-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: point) }
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", point]) else { return false }
    defer { _ = run("/bin/umount", [point]) }
    try body(point)
    return true
  }

  static func run(_ tool: String, _ arguments: [String]) -> Bool {
    guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

/// A full disk and a read-only file system, on a small tmpfs mounted for the test. Needs
/// root with the right to mount (as on this project's machines and CI); elsewhere the
/// suite is shown as skipped, with that reason.
@Suite("Disk failures", .serialized, .enabled(if: Tmpfs.available, "needs root with the right to mount a tmpfs"))
struct DiskFailureTests {
  @Test("a full disk: the save is refused as 'store unusable' and every earlier save stays whole")
  func fullDisk() throws {
    let ran = try Tmpfs.mount(kilobytes: 96) { point in
      let store = try FileRecordStore(directory: point + "/store", clock: .fixed(testClockTime))
      var record = try store.createRecord(name: "Fuld Disk", cpr: "010190-1234", author: "AB")
      var failure: StoreError?
      for index in 0..<2_000 {
        do {
          record = try store.addNote(
            record.id, basedOn: record.revision,
            text: String(repeating: "notat \(index) ", count: 40), author: "AB")
        } catch let error as StoreError {
          failure = error
          break
        }
      }
      let error = try #require(failure, "the tmpfs never filled up")
      guard case .unusable = error else {
        Issue.record("expected .unusable, got \(error)")
        return
      }
      #expect(error.exitCode == 3)
      #expect(StringCatalog(language: .en)(error.messageKey, error.messageArguments).contains("No space left"))
      // The last acknowledged save reads back whole; no temp file is left behind.
      #expect(try store.load(record.id) == record)
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: point + "/store").filter {
        $0.hasSuffix(".tmp")
      }
      #expect(leftovers.isEmpty)
      #expect(try store.check().passed)
    }
    #expect(ran)
  }

  @Test("a read-only file system: reads work, saves are refused as 'store unusable'")
  func readOnly() throws {
    let ran = try Tmpfs.mount(kilobytes: 512) { point in
      let record = try FileRecordStore(directory: point + "/store", clock: .fixed(testClockTime)).createRecord(
        name: "Kun Læs", cpr: "010190-1234", author: "AB")
      try #require(Tmpfs.run("/bin/mount", ["-o", "remount,ro", point]))
      defer { _ = Tmpfs.run("/bin/mount", ["-o", "remount,rw", point]) }
      let store = try FileRecordStore(directory: point + "/store", clock: .fixed(testClockTime))
      #expect(try store.load(record.id) == record)
      #expect(try store.list().map(\.id) == [record.id])
      #expect {
        try store.addNote(record.id, basedOn: 1, text: "x", author: "AB")
      } throws: { error in
        guard case .unusable = error as? StoreError else { return false }
        return true
      }
    }
    #expect(ran)
  }
}
