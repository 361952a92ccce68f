import Foundation

/// The fuzz target's body (Sources/svangre-fuzz-store), here so that it can reach the
/// store's internal parsers without `@testable`, which a release or fuzzer build lacks.
@_spi(Fuzzing)
public enum StoreFuzzing {
  /// Feeds arbitrary bytes to every parser of the store; traps when an invariant breaks.
  public static func exercise(_ bytes: [UInt8]) {
    switch RecordCodec.decode(bytes, id: "fuzz0001") {
    case .success(let record):
      // A record that decodes must survive every derived view and re-encode to itself.
      _ = (record.name, record.cpr, record.maskedCPR, record.dueDate, record.parity, record.status)
      _ = (record.visitations, record.notes, record.lastLevel)
      if let again = try? RecordCodec.encode(record) {
        guard case .success(let back) = RecordCodec.decode(again, id: "fuzz0001"), back == record else {
          fatalError("a decoded record did not round-trip")
        }
      }
    case .failure(let error):
      guard case .damaged = error else { fatalError("decode failed with a non-damage error") }
    }
    _ = try? RecordCodec.decodeImport(Data(bytes))
    let text = String(decoding: bytes, as: UTF8.self)
    if let cpr = try? CPRNumber(parsing: text) {
      // Whatever parses must mask to the DDMMYY-XXXX shape and parse again unchanged.
      let masked = cpr.masked
      guard masked.count == 11, masked.hasSuffix("-XXXX"), (try? CPRNumber(parsing: cpr.value)) == cpr else {
        fatalError("CPR round trip")
      }
      _ = cpr.passesModulus11
    }
    _ = CPRNumber.mask(text)
    _ = TextFolding.fold(text)
    _ = IndexEntry(line: Substring(text))
    _ = RecordID.forMessage(text)
  }
}
