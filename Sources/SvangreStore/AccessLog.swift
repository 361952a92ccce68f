import Foundation

/// Why a record was opened, as its access log says it. Stored as a short lower-case word;
/// other front ends add their own (`static let`), and a backend stores any word
/// `init(rawValue:)` accepts.
public struct AccessPurpose: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String

  /// 1–32 of `a`–`z` and `_`: a word, never free text (nothing personal can enter the log
  /// through it).
  public init?(rawValue: String) {
    guard (1...32).contains(rawValue.utf8.count),
      rawValue.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") })
    else { return nil }
    self.rawValue = rawValue
  }

  private init(word: String) { rawValue = word }

  /// The TUI opened the record (its plan, history or first visitation).
  public static let open = AccessPurpose(word: "open")
  /// `svangre record show`.
  public static let show = AccessPurpose(word: "show")
  /// `svangre export`: one entry per record exported.
  public static let export = AccessPurpose(word: "export")
  /// A journal summary of the record (`record summary`, the TUI's summary).
  public static let summary = AccessPurpose(word: "summary")
  /// The GP's referral text.
  public static let referral = AccessPurpose(word: "referral")
  /// Her plan exported for her (`export plan`: calendar, page, text).
  public static let planExport = AccessPurpose(word: "plan_export")

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    let word = try decoder.singleValueContainer().decode(String.self)
    guard let purpose = AccessPurpose(rawValue: word) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "purpose"))
    }
    self = purpose
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// One opening of a record (sundhedsloven §42a: the woman may ask who has looked in her
/// record). Only the record id names her: no name or CPR number is in the log.
public struct RecordAccess: Sendable, Equatable, Codable {
  /// The record opened.
  public var recordID: String
  /// When, from the store's clock (the audit time, as a history entry's `at`).
  public var at: String
  /// The clinician's initials as she gave them; nil when she gave none (the CLI without
  /// `--author`): `user` still says who.
  public var initials: String?
  /// The operating system's user (the file store) or the database role (PostgreSQL):
  /// who was logged in, whatever initials were typed.
  public var user: String
  public var purpose: AccessPurpose

  public init(recordID: String, at: String, initials: String?, user: String, purpose: AccessPurpose) {
    self.recordID = recordID
    self.at = at
    self.initials = initials
    self.user = user
    self.purpose = purpose
  }

  enum CodingKeys: String, CodingKey {
    case recordID = "record"
    case at, initials, user, purpose
  }
}

// Reading a record to show or hand on its content, logged (docs/store.md, "Who opened a
// record"). Written once for every backend, over `load`, `export` and `logAccess`.
extension RecordStore {
  /// The record, for showing or handing on what is in it: the opening is logged (who,
  /// when, why) before the record is returned, and when it cannot be logged the record is
  /// not returned. Front ends read a record for a person through this, never `load`.
  ///
  /// - Throws: `.invalidInput` for initials that are not initials, the errors of `load`,
  ///   and the log's own (`.unusable` on a full disk).
  public func openForReading(_ id: String, by initials: String?, purpose: AccessPurpose) throws(StoreError)
    -> PregnancyRecord
  {
    let initials = try initials.map { (value) throws(StoreError) in try Validation.author(value) }
    let record = try load(id)
    try logAccess([record.id], by: initials, purpose: purpose)
    return record
  }

  /// `export(ids:)` for a person to take away: every record in it is logged as exported
  /// (one entry each, `.export`) before the document is returned. The whole store (`ids`
  /// nil) is refused while a record is damaged, as `export` refuses it.
  public func exportForReading(ids: [String]?, by initials: String?) throws(StoreError) -> Data {
    let initials = try initials.map { (value) throws(StoreError) in try Validation.author(value) }
    var chosen: [String]
    if let ids {
      chosen = ids
    } else {
      // The records listed now are the ones exported and logged: one made a moment later
      // is in neither.
      chosen = try list().map(\.id).sorted()
      if let problem = problems.first { throw problem.error }
    }
    let document = try export(ids: chosen)
    try logAccess(chosen, by: initials, purpose: .export)
    return document
  }
}
