import Glibc

/// The last few records a store read, each with the exact bytes of its file, so that
/// reading the same bytes again — a save re-reads the record its caller has just loaded —
/// costs a comparison instead of a decode and a full check. Keyed by content, never by
/// name or time: any change on disk, however made, misses and is read and checked in full
/// (`RecordCodec.decode`).
struct RecentRecords {
  /// Enough for a save's read–check–write cycle on a few records at once.
  static let capacity = 4
  private var items: [(id: String, bytes: [UInt8], record: PregnancyRecord)] = []

  /// The record these bytes decoded to, if they are exactly the bytes seen before.
  func record(_ id: String, bytes: [UInt8]) -> PregnancyRecord? {
    for item in items where item.id == id && item.bytes.count == bytes.count {
      let same = item.bytes.withUnsafeBytes { old in
        bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 }
      }
      if same { return item.record }
    }
    return nil
  }

  /// Remembers a record that was read and checked, with its file's bytes.
  mutating func remember(_ record: PregnancyRecord, bytes: [UInt8]) {
    items.removeAll { $0.id == record.id }
    items.insert((record.id, bytes, record), at: 0)
    if items.count > Self.capacity { items.removeLast() }
  }
}
