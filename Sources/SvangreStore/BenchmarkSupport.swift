import Foundation
import Glibc
import SvangreRules

/// Synthetic stores for `svangre-bench store`. Writing 100,000 records through the
/// durable path would take minutes of fsync and measure nothing new, so these files are
/// written plainly (no fsync, no index) and are otherwise exactly what a save writes.
@_spi(Benchmark)
public enum StoreBenchmarkSupport {
  static let givenNames = [
    "Anne", "Mette", "Søs", "Louise", "Camilla", "Maria", "Sofie", "Ida", "Freja", "Emma", "Åse", "Bodil",
    "Line", "Julie", "Nanna", "Signe", "Cecilie", "Astrid", "Maja", "Karen",
  ]
  static let familyNames = [
    "Hansen", "Jensen", "Nielsen", "Pedersen", "Ørnsholt", "Æbelø", "Sørensen", "Kristensen", "Thomsen",
    "Møller", "Rasmussen", "Kjær", "Bækgaard", "Lund", "Holm", "Østergaard", "Madsen", "Dahl", "Frølund", "Aagaard",
  ]

  /// Writes `count` records (1–3 visitations each) into `directory`; returns their ids.
  /// By default every woman is due 2027-05-20 and was seen 2026-11-20…22 (one week of
  /// pregnancy for the whole store); `spreadDueDates` spreads the due dates over two years
  /// from 2026-03-01, with either parity, some findings that change the programme (Rh
  /// negative, a home birth wish, a BMI of 31: a glucose test) and visitations every eight
  /// weeks from 8+0: a clinic's mix, for the worklist benchmark.
  public static func seed(directory: String, count: Int, seed: UInt64 = 42, spreadDueDates: Bool = false) throws
    -> [String]
  {
    _ = try FileRecordStore(directory: directory, clock: .system)
    var ids: [String] = []
    ids.reserveCapacity(count)
    let encoder = RecordCodec.encoder
    try generate(count: count, seed: seed, spreadDueDates: spreadDueDates) { record in
      let bytes = try encoder.encode(record)
      let path = directory + "/" + record.id + ".json"
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw StoreError.system(operation: "create", errno: errno) }
      try FileIO.writeAll(fd, Array(bytes) + [0x0A])
      close(fd)
      ids.append(record.id)
    }
    return ids
  }

  /// The records `seed` writes, one by one, for a backend that stores them otherwise (the
  /// PostgreSQL benchmark).
  public static func generate(
    count: Int, seed: UInt64 = 42, spreadDueDates: Bool = false, _ each: (PregnancyRecord) throws -> Void
  ) rethrows {
    var random = SplitMix(seed: seed)
    let firstDue = CalendarDate(iso: "2026-03-01")!
    for index in 0..<count {
      let id = RecordID.random()
      let name =
        givenNames[Int(random.next() % 20)] + " " + familyNames[Int(random.next() % 20)] + " "
        + familyNames[Int(random.next() % 20)]
      let day = 1 + Int(random.next() % 28)
      let month = 1 + Int(random.next() % 12)
      let year = 80 + Int(random.next() % 20)
      let cpr = two(day) + two(month) + String(year) + "-" + String(1000 + index % 9000)
      let due = spreadDueDates ? firstDue.adding(days: Int(random.next() % 730)) : CalendarDate(iso: "2027-05-20")!
      let parity = !spreadDueDates || random.next() % 2 == 0 ? "nulliparous" : "multiparous"
      var history: [HistoryEntry] = []
      for visit in 0..<(1 + Int(random.next() % 3)) {
        let level = 1 + Int(random.next() % 4)
        var findings: [JSONValue] = level > 1 ? [.string("smoking")] : []
        var input: [String: JSONValue] = [
          "reference_date": .string("2026-11-2\(visit)"), "parity": .string(parity),
          "dating": .sortedObject(["due_date": .string(due.iso)]),
        ]
        var age = "14+\(visit)"
        if spreadDueDates {
          let days = 56 + visit * 56 + Int(random.next() % 7)
          input["reference_date"] = .string(due.adding(days: days - 280).iso)
          age = GestationalAge(days: days).description
          if random.next() % 7 == 0 { findings.append(.string("rhd_negative")) }
          if random.next() % 20 == 0 { findings.append(.string("home_birth_wish")) }
          if random.next() % 5 == 0 { input["bmi"] = .number(31) }
        }
        input["findings"] = .array(findings)
        let visitation = Visitation(
          input: .sortedObject(input), ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: level,
          level: level, overrideReason: nil, dueDate: due.iso, gestationalAge: age)
        history.append(
          HistoryEntry(
            seq: visit + 1, at: "2026-11-2\(visit)T10:42:00+01:00", author: "AB", content: .visitation(visitation)))
      }
      let record = PregnancyRecord(
        format: PregnancyRecord.format, schemaVersion: PregnancyRecord.firstSchemaVersion, id: id,
        revision: history.count + 1, createdAt: "2026-11-20T09:00:00+01:00", createdBy: "AB",
        woman: .init(name: name, cpr: cpr), pregnancy: .init(parity: parity, dueDate: due.iso),
        history: history)
      try each(record)
    }
  }

  static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
