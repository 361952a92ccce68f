import Foundation
import SvangreResources
import Testing
@_spi(Fuzzing) @_spi(Benchmark) @testable import SvangreStore

/// A few thousand cheap mutations through the fuzz target's body on every `swift test`,
/// so that what libFuzzer guards (no crash, damage always classified, decoded records
/// round-trip) is also checked where libFuzzer is not run.
@Suite("Fuzz target, in-process")
struct FuzzRegressionTests {
  @Test("mutated records, exports, CPR numbers and index lines never crash the parsers")
  func mutations() throws {
    let temp = TemporaryStore()
    let store = try temp.open()
    var record = try store.createRecord(name: "Søs Æbelø Ørnsholt", cpr: "010190-1AB2", author: "AB")
    record = try store.appendVisitation(record.id, basedOn: 1, visitation: sampleVisitation(), author: "AB")
    record = try store.addNote(record.id, basedOn: 2, text: "note", author: "AB")
    record = try store.amend(
      record.id, basedOn: 3, field: .note, target: 2, value: "x", reason: "y", author: "AB")
    let file = Array(try Data(contentsOf: URL(fileURLWithPath: temp.path(record.id + ".json"))))
    let seeds: [[UInt8]] = [
      file, Array(try store.export()), Array("010190-1234".utf8), Array("290200-4A12".utf8),
      Array("r\tabcd\t1\t2\t010190-1234\tA\ta\t\t\topen\tx\tAB\t0\t10\t20".utf8), [],
    ]
    var random = StoreBenchmarkSupport.SplitMix(seed: 7)
    var runs = 0
    for seed in seeds {
      StoreFuzzing.exercise(seed)
      for _ in 0..<600 {
        var bytes = seed
        for _ in 0...(random.next() % 4) {
          let choice = random.next() % 4
          if bytes.isEmpty || choice == 0 {
            bytes.insert(
              UInt8(truncatingIfNeeded: random.next()), at: bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            )
          } else if choice == 1 {
            bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
          } else if choice == 2 {
            bytes.removeSubrange(Int(random.next() % UInt64(bytes.count))...)
          } else {
            bytes.remove(at: Int(random.next() % UInt64(bytes.count)))
          }
        }
        StoreFuzzing.exercise(bytes)
        runs += 1
      }
    }
    #expect(runs == seeds.count * 600)
    // The unmutated file still decodes to the record.
    #expect(try RecordCodec.decode(file, id: record.id, ruleSets: [.bundled]).get() == record)
  }
}
