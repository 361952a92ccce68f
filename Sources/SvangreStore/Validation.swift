import Foundation
import SvangreRules

/// Checks on what a person types, shared by every way into the store.
enum Validation {
  /// Initials, by the one rule of `Initials`.
  static func author(_ text: String) throws(StoreError) -> String {
    // Most initials are plain ASCII letters and digits, already as stored: read back from
    // every entry of every record, they are worth the short way.
    if (1...Initials.maximumLength).contains(text.utf8.count), text.utf8.allSatisfy(isASCIIAlphanumeric) {
      return text
    }
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw .invalidInput(field: "author", reason: "missing")
    }
    guard let initials = Initials.normalised(text) else { throw .invalidInput(field: "author", reason: "format") }
    return initials
  }

  /// A name in NFC: the same name typed on two keyboards must be the same bytes, or
  /// search and comparison would see two women. At most `InputLimits.nameCharacters`.
  static func name(_ text: String) throws(StoreError) -> String {
    let trimmed = try normalised(text, field: "name", limit: InputLimits.nameCharacters)
    guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
    else { throw .invalidInput(field: "name", reason: "format") }
    return trimmed
  }

  static func cpr(_ text: String) throws(StoreError) -> String {
    do {
      return try CPRNumber(parsing: text).value
    } catch {
      throw .invalidInput(field: "cpr", reason: error.rawValue)
    }
  }

  /// Free text (notes, reasons): not empty, no NUL, at most `InputLimits.freeTextCharacters`.
  static func text(_ text: String, field: String) throws(StoreError) -> String {
    let trimmed = try normalised(text, field: field, limit: InputLimits.freeTextCharacters)
    guard !trimmed.unicodeScalars.contains("\0") else { throw .invalidInput(field: field, reason: "format") }
    return trimmed
  }

  /// `text` in NFC without surrounding white space, refused when empty or longer than
  /// `limit` characters. A text far over the limit is refused before it is normalised, so
  /// that 50 MB costs nothing.
  private static func normalised(_ text: String, field: String, limit: Int) throws(StoreError) -> String {
    // NFC joins at most a few characters into one, and trimming removes only the white
    // space around the text: anything this long cannot fit.
    guard InputLimits.fits(text, within: 4 * limit + 1_024) else { throw .invalidInput(field: field, reason: "format") }
    let trimmed = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw .invalidInput(field: field, reason: "missing") }
    guard InputLimits.fits(trimmed, within: limit) else { throw .invalidInput(field: field, reason: "format") }
    return trimmed
  }

  /// A date as `YYYY-MM-DD` in the years svangre accepts (`InputLimits.years`): a real
  /// date in year 9999 is a typing mistake (`range`), not a pregnancy.
  static func date(_ text: String, field: String) throws(StoreError) -> String {
    try calendarDate(text, field: field).iso
  }

  /// A date typed as `YYYY-MM-DD` (spaces around it ignored), in the accepted years.
  static func calendarDate(_ text: String, field: String) throws(StoreError) -> CalendarDate {
    let padded = [text.utf8.first, text.utf8.last].contains { (byte: UInt8?) in byte == 0x20 || byte == 0x09 }
    guard let date = CalendarDate(iso: padded ? text.trimmingCharacters(in: .whitespaces) : text) else {
      throw .invalidInput(field: field, reason: "format")
    }
    guard InputLimits.isPlausible(date) else { throw .invalidInput(field: field, reason: "range") }
    return date
  }

  static func parity(_ text: String) throws(StoreError) -> String {
    guard let parity = Parity(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
      throw .invalidInput(field: "parity", reason: "format")
    }
    return parity.rawValue
  }

  /// The corrected value of a birth field, as an amendment stores it; errors name the
  /// field (`birth.date`, …).
  static func birthValue(_ text: String, field: AmendableField) throws(StoreError) -> JSONValue {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let invalid = StoreError.invalidInput(field: field.rawValue, reason: "format")
    switch field {
    case .birthDate:
      guard let date = CalendarDate(iso: trimmed) else { throw invalid }
      guard InputLimits.isPlausible(date) else { throw .invalidInput(field: field.rawValue, reason: "range") }
      return .string(date.iso)
    case .birthPlace:
      guard let place = BirthPlace(rawValue: trimmed) else { throw invalid }
      return .string(place.rawValue)
    case .birthDischargeHours:
      guard let hours = Double(trimmed), hours.isFinite, Birth.dischargeHoursRange.contains(hours) else {
        throw invalid
      }
      return .number(hours)
    case .birthTraumatic, .birthChildLoss:
      return try flag(trimmed, field: field.rawValue)
    default:
      throw invalid
    }
  }

  /// `true` or `false`, as a correction of a yes/no field stores it.
  static func flag(_ text: String, field: String) throws(StoreError) -> JSONValue {
    switch text.trimmingCharacters(in: .whitespaces) {
    case "true": return .bool(true)
    case "false": return .bool(false)
    default: throw .invalidInput(field: field, reason: "format")
    }
  }

  private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  static func level(_ level: Int, field: String = "level") throws(StoreError) -> Int {
    guard AssessmentInput.levelRange.contains(level) else { throw .invalidInput(field: field, reason: "format") }
    return level
  }
}

// MARK: - What is read back

/// The one check of a record's content, for every way a record arrives: a save checks the
/// entry it adds with `entry` (the rest was checked when the record was read), and
/// reading a record file, `store check` and an import check the whole record with
/// `record`. So nothing is read back that a save would have refused: a level 9, a due
/// date 2027-02-30, a visitation whose input is not an assessment input, a name with
/// control characters, initials that are not initials.
extension Validation {
  /// The rule set a stored visitation's input is read with: the one it was assessed under
  /// (same id and version), else the same id in another version (finding ids are API and
  /// stay), else none — a region's own rule set must be given again (`--rules`).
  static func ruleSet(for visitation: Visitation, among ruleSets: [RuleSet]) -> RuleSet? {
    ruleSets.first { $0.id == visitation.ruleSetID && $0.version == visitation.ruleSetVersion }
      ?? ruleSets.first { $0.id == visitation.ruleSetID }
  }

  /// The whole record; throws `.invalidInput` naming the first field that fails (a field
  /// name for the log, never its content), or `field: "ruleset", reason: "unknown"`.
  static func record(_ record: PregnancyRecord, expectedID: String?, ruleSets: [RuleSet]) throws(StoreError) {
    if let problem = record.structuralProblems(expectedID: expectedID).first {
      throw .invalidInput(field: problem, reason: "format")
    }
    try timestamp(record.createdAt, field: "created_at")
    try unchanged(record.createdBy, field: "created_by", by: author)
    try unchanged(record.woman.name, field: "name", by: name)
    try unchanged(record.woman.cpr, field: "cpr", by: cpr)
    if let parity = record.pregnancy.parity { try unchanged(parity, field: "parity", by: Validation.parity) }
    if let due = record.pregnancy.dueDate { try storedDate(due, field: "due_date") }
    for entry in record.history {
      try timestamp(entry.at, field: "at")
      try unchanged(entry.author, field: "author", by: author)
      try self.entry(entry.content, ruleSets: ruleSets)
    }
  }

  /// One history entry's content, as a save writes it.
  static func entry(_ content: HistoryEntry.Content, ruleSets: [RuleSet]) throws(StoreError) {
    func freeText(_ text: String, _ field: String) throws(StoreError) {
      try unchanged(text, field: field, by: { (value) throws(StoreError) in try Validation.text(value, field: field) })
    }
    switch content {
    case .visitation(let visitation):
      _ = try level(visitation.level)
      _ = try level(visitation.suggestedLevel, field: "suggested_level")
      for label in [visitation.ruleSetID, visitation.ruleSetVersion] where !isLabel(label) {
        throw .invalidInput(field: "ruleset", reason: "format")
      }
      guard let rules = ruleSet(for: visitation, among: ruleSets) else {
        throw .invalidInput(field: "ruleset", reason: "unknown")
      }
      do {
        _ = try AssessmentInput(json: visitation.input, ruleSet: rules)
      } catch {
        throw .invalidInput(field: "input", reason: "format")
      }
      // Kept as given (it is also inside the stored input), but held to the same limit
      // as every other free text.
      if let reason = visitation.overrideReason { _ = try text(reason, field: "override_reason") }
      if let due = visitation.dueDate { try storedDate(due, field: "due_date") }
      if let age = visitation.gestationalAge, GestationalAge(parsing: age)?.description != age {
        throw .invalidInput(field: "gestational_age", reason: "format")
      }
    case .note(let note):
      try freeText(note.text, "text")
    case .closure(let closure):
      try freeText(closure.reason, "reason")
    case .birth(let birth):
      // As `recordBirth` stores it (a date or place that does not read fails the decoding).
      try birth.validate()
    case .done(let done):
      // A schedule item of a rule set the store was given (whether it is in her
      // programme depends on the day and her findings, and was checked when saved).
      guard ruleSets.contains(where: { $0.schedule.contains { $0.id == done.item } }) else {
        throw .invalidInput(field: "done.item", reason: "unknown")
      }
      try storedDate(done.date, field: "done.date")
      if let note = done.note { try freeText(note, "done.note") }
    case .amendment(let amendment):
      try freeText(amendment.reason, "reason")
      if amendment.also?.isEmpty == true { throw .invalidInput(field: "also", reason: "format") }
      for part in amendment.parts {
        try correctedValue(part.new, of: part.field, mayBeNull: false)
        try correctedValue(part.old, of: part.field, mayBeNull: true)
      }
    }
  }

  /// A value of a correction as `amend` stores it: what `AmendableField.value(parsing:)`
  /// makes of the value typed, exactly. An old value may be null where the field can be
  /// unknown (due date, parity, discharge hours).
  private static func correctedValue(_ value: JSONValue, of field: AmendableField, mayBeNull: Bool)
    throws(StoreError)
  {
    let invalid = StoreError.invalidInput(field: field.rawValue, reason: "format")
    let typed: String
    switch value {
    case .null:
      guard mayBeNull, [.dueDate, .parity, .birthDischargeHours].contains(field) else { throw invalid }
      return
    case .string(let text): typed = text
    case .number(let number):
      guard number.isFinite else { throw invalid }
      typed = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    case .bool(let flag): typed = String(flag)
    default: throw invalid
    }
    guard try field.value(parsing: typed) == value else { throw invalid }
  }

  /// A stored date: one `date` would have written as it is.
  private static func storedDate(_ text: String, field: String) throws(StoreError) {
    try unchanged(text, field: field, by: { (value) throws(StoreError) in try date(value, field: field) })
  }

  /// A stored value must be what its check makes of it: a save stores the checked form
  /// (trimmed, NFC, `DDMMYY-SSSS`), so any other form was not written by a save.
  private static func unchanged(
    _ value: String, field: String, by check: (String) throws(StoreError) -> String
  ) throws(StoreError) {
    guard try check(value) == value else { throw .invalidInput(field: field, reason: "format") }
  }

  /// An audit time as `Timestamp.iso` writes it: `YYYY-MM-DDTHH:MM:SS±HH:MM`, a real date.
  static func timestamp(_ text: String, field: String) throws(StoreError) {
    let chars = Array(text.utf8)
    func number(_ range: Range<Int>, _ limit: Int) -> Bool {
      guard chars[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
      return Int(String(decoding: chars[range], as: UTF8.self))! <= limit
    }
    guard chars.count == 25, let day = CalendarDate(iso: String(text.prefix(10))), InputLimits.isPlausible(day),
      chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
      chars[19] == UInt8(ascii: "+") || chars[19] == UInt8(ascii: "-"), chars[22] == UInt8(ascii: ":"),
      number(11..<13, 23), number(14..<16, 59), number(17..<19, 60), number(20..<22, 14), number(23..<25, 59)
    else { throw .invalidInput(field: field, reason: "format") }
  }

  /// A rule set's id or version: short, printable, no white space.
  private static func isLabel(_ text: String) -> Bool {
    (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
  }
}
