import SvangreRules

/// What the worklist needs of one record (`RecordStore.programmes(meeting:)`): who she is,
/// her level, and her programme as the rules date it, without opening the record.
public struct RecordProgramme: Sendable, Equatable {
  public var id: String
  /// The current name (after corrections).
  public var name: String
  /// `DDMMYY-XXXX`.
  public var maskedCPR: String
  /// The final level of the newest visitation (as `RecordSummary.lastLevel`).
  public var level: Int?
  public var programme: Programme
  /// What the record knows of her attendance (`PregnancyRecord.knownAttendance`).
  public var known: KnownAttendance

  public init(
    id: String, name: String, maskedCPR: String, level: Int?, programme: Programme, known: KnownAttendance
  ) {
    self.id = id
    self.name = name
    self.maskedCPR = maskedCPR
    self.level = level
    self.programme = programme
    self.known = known
  }

  /// The record's programme under `engine`: its current input (`currentInput`) dated by
  /// the rules. Nil for a closed record, or one with no visitation the rules take.
  public init?(record: PregnancyRecord, engine: AssessmentEngine) {
    guard record.status != .closed, let input = record.currentInput(ruleSet: engine.ruleSet),
      let programme = engine.programme(for: input)
    else { return nil }
    self.init(
      id: record.id, name: record.name, maskedCPR: record.maskedCPR, level: record.lastLevel, programme: programme,
      known: record.knownAttendance)
  }

  /// Whether a window of the programme, up to the day after its latest day (when a missed
  /// item is listed), meets `days`: what the worklist of those days can list.
  public func meets(_ days: ClosedRange<CalendarDate>) -> Bool {
    programme.windows.contains { $0.from <= days.upperBound && $0.lastDay.adding(days: 1) >= days.lowerBound }
  }
}

/// The rule set the index's programmes are dated under (the store's rule set in use,
/// `ruleSets.first`), and how a programme is written into an index line.
///
/// A line names the rule set by `tag` (id, version and a fingerprint of its items, so a
/// region's file edited without a new version is not mistaken for the old one); a
/// programme under another tag is computed again from the record. Windows are written as
/// positions in `AssessmentEngine.programmeItems` and day numbers: at 100,000 records a
/// line is read without making a String per item.
final class ProgrammeRules: @unchecked Sendable {
  let engine: AssessmentEngine
  let tag: String
  let catalogue: ProgrammeItemCatalogue
  var items: [ProgrammeItem] { catalogue.items }

  init(ruleSet: RuleSet) {
    engine = AssessmentEngine(ruleSet: ruleSet)
    catalogue = ProgrammeItemCatalogue(engine)
    // FNV-1a (64 bits) over the items' IDs and kinds: a fingerprint, not a secret.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for item in catalogue.items {
      for byte in (item.text.id + "/" + (item.kind?.rawValue ?? "-") + "\n").utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    tag = ruleSet.id + "@" + ruleSet.version + "#" + String(hash, radix: 16)
  }

  /// The index's form of a record's programme: `due;birth;consultations;windows;recorded`,
  /// day numbers; windows `position:from:to:latest` (latest empty when none); items recorded
  /// done `position:day` (one the rule set does not know is left out: the rules would not
  /// count it). Empty for no programme.
  func encode(_ record: PregnancyRecord) -> (text: String, span: ClosedRange<Int>?) {
    guard let facts = RecordProgramme(record: record, engine: engine) else { return ("", nil) }
    let programme = facts.programme
    var windows: [String] = []
    for window in programme.windows {
      guard let index = catalogue.position(of: window) else {
        return ("", nil)
      }
      windows.append(
        "\(index):\(window.from.dayNumber):\(window.to.dayNumber):\(window.latest.map { String($0.dayNumber) } ?? "")")
    }
    let recorded = facts.known.recorded.compactMap { item in
      catalogue.position(ofScheduleItem: item.id).map { "\($0):\(item.date.dayNumber)" }
    }
    let text = [
      String(programme.dueDate.dayNumber), programme.birthDate.map { String($0.dayNumber) } ?? "",
      facts.known.consultations.map { String($0.dayNumber) }.joined(separator: ","), windows.joined(separator: ","),
      recorded.joined(separator: ","),
    ].joined(separator: ";")
    let start = programme.windows.map(\.from.dayNumber).min() ?? 0
    let end = programme.windows.map { $0.lastDay.dayNumber + 1 }.max() ?? 0
    return (text, programme.windows.isEmpty ? nil : start...end)
  }

  /// The programme of the record `entry` describes, from its line alone: nil when the line
  /// was dated under another rule set or does not read (then the record file gives it).
  func programme(of entry: IndexEntry) -> RecordProgramme? {
    guard entry.programmeTag == tag, let (programme, known) = decode(entry.programme) else { return nil }
    return RecordProgramme(
      id: entry.id, name: entry.name, maskedCPR: CPRNumber.mask(entry.cpr), level: entry.lastLevel,
      programme: programme, known: known)
  }

  /// Reads back what `encode` wrote; nil when it does not read (a damaged line).
  ///
  /// One pass over the bytes, with no array per field: the worklist decodes a programme for
  /// every record whose span meets the week (a quarter of 100,000 records in the benchmark),
  /// and splitting each line into sub-arrays was a sixth of `svangre due`'s time.
  func decode(_ text: String) -> (programme: Programme, known: KnownAttendance)? {
    var text = text
    return text.withUTF8 { decode(bytes: $0) }
  }

  func decode(bytes: UnsafeBufferPointer<UInt8>) -> (programme: Programme, known: KnownAttendance)? {
    var line = IndexProgrammeLine(bytes)
    return line.read(items)
  }

  /// Whether a window of the encoded programme, up to the day after its latest day, meets
  /// `days` (day numbers): `RecordProgramme.meets` without decoding. A record's span can
  /// hold a week that none of its windows meets (between two visits, or every record of a
  /// store in the same week of pregnancy); those are passed over here, with nothing made.
  /// True when the text does not read, so that `decode` decides.
  func meets(_ text: String, _ days: ClosedRange<Int>) -> Bool {
    var text = text
    return text.withUTF8 { meets(bytes: $0, days) }
  }

  func meets(bytes: UnsafeBufferPointer<UInt8>, _ days: ClosedRange<Int>) -> Bool {
    var line = IndexProgrammeLine(bytes)
    return line.windowsMeet(days) ?? true
  }
}

/// A cursor over one encoded programme (`ProgrammeRules.encode`):
/// `due;birth;consultations;windows;recorded`, the lists comma-separated, a window
/// `position:from:to:latest`, an item recorded done `position:day`.
private struct IndexProgrammeLine {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0
  static let semicolon = UInt8(ascii: ";")
  static let comma = UInt8(ascii: ",")
  static let colon = UInt8(ascii: ":")

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func read(_ items: [ProgrammeItem]) -> (programme: Programme, known: KnownAttendance)? {
    guard let due = number(), skip(Self.semicolon) else { return nil }
    var birth: CalendarDate?
    if !next(is: Self.semicolon) {
      guard let day = number() else { return nil }
      birth = CalendarDate(dayNumber: day)
    }
    guard skip(Self.semicolon) else { return nil }
    var consultations: [CalendarDate] = []
    guard
      list(
        until: Self.semicolon,
        { line in line.number().map { consultations.append(CalendarDate(dayNumber: $0)) } != nil })
    else { return nil }
    var windows: [ProgrammeWindow] = []
    let windowsRead = list(until: Self.semicolon) { line in
      guard let index = line.number(), index < items.count, line.skip(Self.colon), let from = line.number(),
        line.skip(Self.colon),
        let to = line.number(), line.skip(Self.colon)
      else { return false }
      var latest: CalendarDate?
      if !line.next(is: Self.comma) && !line.next(is: Self.semicolon) {
        guard let day = line.number() else { return false }
        latest = CalendarDate(dayNumber: day)
      }
      windows.append(
        ProgrammeWindow(
          id: items[index].text.id, kind: items[index].kind, from: CalendarDate(dayNumber: from),
          to: CalendarDate(dayNumber: to), latest: latest))
      return true
    }
    guard windowsRead else { return nil }
    var recorded: [AttendedItem] = []
    let recordedRead = list(until: nil) { line in
      guard let index = line.number(), index < items.count, line.skip(Self.colon), let day = line.number() else {
        return false
      }
      recorded.append(AttendedItem(id: items[index].text.id, date: CalendarDate(dayNumber: day)))
      return true
    }
    guard recordedRead else { return nil }
    return (
      Programme(dueDate: CalendarDate(dayNumber: due), birthDate: birth, windows: windows),
      KnownAttendance(consultations: consultations, recorded: recorded)
    )
  }

  /// Whether a window, up to the day after its latest day, meets `days`; nil when the text
  /// does not read that far. Stops at the first window that meets them: what follows is
  /// read when the programme is decoded (`read`), which refuses a damaged line.
  mutating func windowsMeet(_ days: ClosedRange<Int>) -> Bool? {
    // Past due, birth and consultations: three semicolons.
    for _ in 0..<3 {
      while position < bytes.count && bytes[position] != Self.semicolon { position += 1 }
      guard skip(Self.semicolon) else { return nil }
    }
    var meets = false
    let read = list(until: Self.semicolon) { line in
      guard line.number() != nil, line.skip(Self.colon), let from = line.number(), line.skip(Self.colon),
        let to = line.number(), line.skip(Self.colon)
      else { return false }
      var last = to
      if !line.next(is: Self.comma) && !line.next(is: Self.semicolon) {
        guard let latest = line.number() else { return false }
        last = latest
      }
      if from <= days.upperBound && last + 1 >= days.lowerBound { meets = true }
      return !meets  // stops the list here: the answer is known
    }
    return meets ? true : read ? false : nil
  }

  /// Elements read by `element` and separated by commas, up to `end` (consumed) or the end
  /// of the line (`end` nil); an empty list is nothing before the end.
  mutating func list(until end: UInt8?, _ element: (inout IndexProgrammeLine) -> Bool) -> Bool {
    let atEnd = { (line: IndexProgrammeLine) in end.map { line.next(is: $0) } ?? (line.position == line.bytes.count) }
    if atEnd(self) { return end.map { skip($0) } ?? true }
    while true {
      guard element(&self) else { return false }
      if skip(Self.comma) { continue }
      guard atEnd(self) else { return false }
      return end.map { skip($0) } ?? true
    }
  }

  func next(is separator: UInt8) -> Bool {
    position < bytes.count && bytes[position] == separator
  }

  mutating func skip(_ separator: UInt8) -> Bool {
    guard next(is: separator) else { return false }
    position += 1
    return true
  }

  /// A non-negative decimal number of 1 to 9 digits (a day number, a position).
  mutating func number() -> Int? {
    var value = 0
    let start = position
    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
      guard position - start < 9 else { return nil }
      value = value * 10 + Int(bytes[position] - 0x30)
      position += 1
    }
    return position > start ? value : nil
  }
}
