import Foundation
import SvangreRules

/// Checks on what a person types, shared by every way into the store.
enum Validation {
  /// Initials, by the one rule of `Initials`.
  static func author(_ text: String) throws(StoreError) -> String {
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
    guard let date = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
      throw .invalidInput(field: field, reason: "format")
    }
    guard InputLimits.isPlausible(date) else { throw .invalidInput(field: field, reason: "range") }
    return date.iso
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
      switch trimmed {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: throw invalid
      }
    default:
      throw invalid
    }
  }

  static func level(_ level: Int, field: String = "level") throws(StoreError) -> Int {
    guard AssessmentInput.levelRange.contains(level) else { throw .invalidInput(field: field, reason: "format") }
    return level
  }
}
