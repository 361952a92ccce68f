import Foundation
import SvangreRules

/// One pregnancy record: the woman, the pregnancy as first recorded, and an append-only
/// history. Stored as one pretty-printed JSON file, `<id>.json`.
///
/// Nothing in a record is ever rewritten: a correction is an `amendment` entry that names
/// the field, the old and the new value, who and when (Journalføringsbekendtgørelsen §14),
/// so `woman` and `pregnancy` keep the values first written and the current values are
/// derived by replaying the history.
public struct PregnancyRecord: Codable, Sendable, Equatable {
  /// The format name written into every record file.
  public static let format = "svangre.record"
  /// The newest schema version this build reads and writes. Version 2 added the "item
  /// done" entry (`ItemDone`) and its corrections, version 3 a correction of several fields
  /// in one entry (`Amendment.also`); a record is written with the lowest version that
  /// holds its entries (`neededSchemaVersion`), so a record without them stays version 1,
  /// byte for byte, and readable by a build that knows only version 1.
  public static let schemaVersion = 3
  /// The version of a record without "item done" entries.
  public static let firstSchemaVersion = 1

  public var format: String
  public var schemaVersion: Int
  /// Opaque, random, never derived from the CPR number (it is used as the file name).
  public var id: String
  /// 1 when created; each save adds exactly one history entry and one revision.
  public var revision: Int
  public var createdAt: String
  public var createdBy: String
  /// As first recorded; corrections live in `history`.
  public var woman: Woman
  /// As first recorded; corrections and visitations live in `history`.
  public var pregnancy: Pregnancy
  /// Oldest first; `seq` runs 1, 2, 3, …
  public var history: [HistoryEntry]

  public struct Woman: Codable, Sendable, Equatable {
    /// NFC-normalised.
    public var name: String
    /// `DDMMYY-SSSS`.
    public var cpr: String
  }

  public struct Pregnancy: Codable, Sendable, Equatable {
    /// `nulliparous` or `multiparous`, when known.
    public var parity: String?
    /// `YYYY-MM-DD`, when known.
    public var dueDate: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
      case parity
      case dueDate = "due_date"
    }

    public func encode(to encoder: Encoder) throws {
      // Unknown facts are written as null so the file shows they were not given.
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(parity, forKey: .parity)
      try container.encode(dueDate, forKey: .dueDate)
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case format
    case schemaVersion = "schema_version"
    case id, revision
    case createdAt = "created_at"
    case createdBy = "created_by"
    case woman, pregnancy, history
  }
}

/// One addition to a record's history.
public struct HistoryEntry: Codable, Sendable, Equatable {
  /// Position in the history, from 1.
  public var seq: Int
  /// ISO 8601 local time with offset.
  public var at: String
  /// The author's initials (Autorisationsloven §22: who made the entry).
  public var author: String
  public var content: Content

  public enum Content: Sendable, Equatable {
    case visitation(Visitation)
    case note(Note)
    case amendment(Amendment)
    case birth(BirthEvent)
    case closure(Closure)
    case done(ItemDone)

    public var kind: String {
      switch self {
      case .visitation: "visitation"
      case .note: "note"
      case .amendment: "amendment"
      case .birth: "birth"
      case .closure: "close"
      case .done: "done"
      }
    }
  }

  public init(seq: Int, at: String, author: String, content: Content) {
    self.seq = seq
    self.at = at
    self.author = author
    self.content = content
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case seq, kind, at, author }

  struct UnknownKind: Error {}

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    seq = try container.decode(Int.self, forKey: .seq)
    at = try container.decode(String.self, forKey: .at)
    author = try container.decode(String.self, forKey: .author)
    // The payload's fields sit beside the common ones: flat is easier to read in the file.
    // So the entry, not the payload, knows which keys belong: the common ones and its kind's.
    let payloadKeys: Set<String>
    switch try container.decode(String.self, forKey: .kind) {
    case "visitation":
      content = .visitation(try Visitation(from: decoder))
      payloadKeys = StrictKeys.names(Visitation.CodingKeys.self)
    case "note":
      content = .note(try Note(from: decoder))
      payloadKeys = StrictKeys.names(Note.CodingKeys.self)
    case "amendment":
      content = .amendment(try Amendment(from: decoder))
      payloadKeys = StrictKeys.names(Amendment.CodingKeys.self)
    case "birth":
      content = .birth(try BirthEvent(from: decoder))
      payloadKeys = StrictKeys.names(BirthEvent.CodingKeys.self)
    case "close":
      content = .closure(try Closure(from: decoder))
      payloadKeys = StrictKeys.names(Closure.CodingKeys.self)
    case "done":
      content = .done(try ItemDone(from: decoder))
      payloadKeys = StrictKeys.names(ItemDone.CodingKeys.self)
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown history entry kind")
    }
    try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self).union(payloadKeys))
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(seq, forKey: .seq)
    try container.encode(content.kind, forKey: .kind)
    try container.encode(at, forKey: .at)
    try container.encode(author, forKey: .author)
    switch content {
    case .visitation(let value): try value.encode(to: encoder)
    case .note(let value): try value.encode(to: encoder)
    case .amendment(let value): try value.encode(to: encoder)
    case .birth(let value): try value.encode(to: encoder)
    case .closure(let value): try value.encode(to: encoder)
    case .done(let value): try value.encode(to: encoder)
    }
  }
}

/// A visitation: the assessment input and what the rules and the clinician said.
public struct Visitation: Codable, Sendable, Equatable {
  /// The contract input object as the rules read it (`AssessmentInput.json`), so it can be
  /// re-assessed later.
  public var input: JSONValue
  public var ruleSetID: String
  public var ruleSetVersion: String
  public var suggestedLevel: Int
  /// The level that counts: the override when there is one, else the suggestion.
  public var level: Int
  /// The clinician's reason for overriding, nil when the suggestion stands.
  public var overrideReason: String?
  /// The due date the rules derived, `YYYY-MM-DD`.
  public var dueDate: String?
  /// `W+D` on the reference date.
  public var gestationalAge: String?

  public init(
    input: JSONValue, ruleSetID: String, ruleSetVersion: String, suggestedLevel: Int, level: Int,
    overrideReason: String?, dueDate: String?, gestationalAge: String?
  ) {
    self.input = input
    self.ruleSetID = ruleSetID
    self.ruleSetVersion = ruleSetVersion
    self.suggestedLevel = suggestedLevel
    self.level = level
    self.overrideReason = overrideReason
    self.dueDate = dueDate
    self.gestationalAge = gestationalAge
  }

  /// The visitation to store for `input` and the rules' answer to it: the one place that
  /// builds one, so the CLI and the TUI store the same thing. The input is stored as the
  /// rules read it (`AssessmentInput.json`), not as typed: one form for every front end,
  /// whatever spelling of the same facts a caller sent.
  public init(input: AssessmentInput, assessment: Assessment) {
    self.init(
      input: input.json, ruleSetID: assessment.ruleSetID, ruleSetVersion: assessment.ruleSetVersion,
      suggestedLevel: assessment.suggestedLevel, level: assessment.level,
      overrideReason: assessment.overridden ? assessment.overrideReason : nil,
      dueDate: assessment.dueDate.iso, gestationalAge: assessment.gestationalAge.description)
  }

  /// The clinical date the visitation is about (`reference_date` in the input); the
  /// history entry's `at` is when it was saved, which may be a later day.
  public var referenceDate: String? {
    guard case .string(let date)? = input["reference_date"] else { return nil }
    return date
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case input, ruleset
    case suggestedLevel = "suggested_level"
    case level
    case overrideReason = "override_reason"
    case dueDate = "due_date"
    case gestationalAge = "gestational_age"
  }

  struct RuleSetRef: Codable {
    var id: String
    var version: String

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version }

    init(id: String, version: String) {
      self.id = id
      self.version = version
    }

    init(from decoder: Decoder) throws {
      try StrictKeys.refuseOthers(in: decoder, allowed: StrictKeys.names(CodingKeys.self))
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = try container.decode(String.self, forKey: .id)
      version = try container.decode(String.self, forKey: .version)
    }
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    input = try container.decode(JSONValue.self, forKey: .input)
    let ruleset = try container.decode(RuleSetRef.self, forKey: .ruleset)
    ruleSetID = ruleset.id
    ruleSetVersion = ruleset.version
    suggestedLevel = try container.decode(Int.self, forKey: .suggestedLevel)
    level = try container.decode(Int.self, forKey: .level)
    overrideReason = try container.decodeIfPresent(String.self, forKey: .overrideReason)
    dueDate = try container.decodeIfPresent(String.self, forKey: .dueDate)
    gestationalAge = try container.decodeIfPresent(String.self, forKey: .gestationalAge)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(input, forKey: .input)
    try container.encode(RuleSetRef(id: ruleSetID, version: ruleSetVersion), forKey: .ruleset)
    try container.encode(suggestedLevel, forKey: .suggestedLevel)
    try container.encode(level, forKey: .level)
    try container.encode(overrideReason, forKey: .overrideReason)
    try container.encode(dueDate, forKey: .dueDate)
    try container.encode(gestationalAge, forKey: .gestationalAge)
  }
}

/// A free-text journal note.
public struct Note: Codable, Sendable, Equatable {
  public var text: String
  public init(text: String) { self.text = text }
  enum CodingKeys: String, CodingKey, CaseIterable { case text }
}

/// The fields a correction may change.
public enum AmendableField: String, Codable, Sendable, CaseIterable {
  /// The woman's name.
  case name
  /// The woman's CPR number.
  case cpr
  /// The pregnancy's due date (`YYYY-MM-DD`).
  case dueDate = "due_date"
  /// `nulliparous` or `multiparous`.
  case parity
  /// The text of the note entry `target`.
  case note
  /// The final level (1–4) of the visitation entry `target`.
  case level
  /// The birth's date (`YYYY-MM-DD`).
  case birthDate = "birth.date"
  /// The birth's place: `home` or `hospital`.
  case birthPlace = "birth.place"
  /// Hours from the birth to discharge (0–1344).
  case birthDischargeHours = "birth.discharge_hours"
  /// Whether the birth was traumatic (`true` or `false`).
  case birthTraumatic = "birth.traumatic"
  /// Whether the child died (`true` or `false`).
  case birthChildLoss = "birth.child_loss"
  /// Whether the close entry `target` stands: `false` reopens the record (a closure made
  /// by mistake, or care that goes on); the close entry itself stays.
  case closed
  /// The day the "item done" entry `target` took place (`YYYY-MM-DD`).
  case doneDate = "done.date"
  /// Whether the "item done" entry `target` is cancelled (`true`: it was not done, or
  /// was recorded by mistake; `false` undoes the cancellation).
  case doneCancelled = "done.cancelled"

  /// Whether the field belongs to an earlier entry, named by `target`.
  public var needsTarget: Bool { self == .note || self == .level || self == .closed || isDone }

  /// Whether the field is one of an "item done" entry's.
  public var isDone: Bool { self == .doneDate || self == .doneCancelled }

  /// The kind of entry `target` names, for the fields that need one.
  public var targetKind: String? {
    switch self {
    case .note: "note"
    case .level: "visitation"
    case .closed: "close"
    case .doneDate, .doneCancelled: "done"
    default: nil
    }
  }

  /// Whether the field is one of the recorded birth's.
  public var isBirth: Bool { rawValue.hasPrefix("birth.") }
}

/// The end of the record's active life (e.g. eight weeks after the birth). The record stays.
public struct Closure: Codable, Sendable, Equatable {
  public var reason: String
  public init(reason: String) { self.reason = reason }
  enum CodingKeys: String, CodingKey, CaseIterable { case reason }
}
