import Foundation
import SvangreRules

/// Where a record is in its life.
public enum RecordStatus: String, Codable, Sendable {
  /// Pregnant: visitations may be added.
  case open
  /// The birth is recorded; postnatal follow-up goes on.
  case delivered
  /// Closed: no more visitations or births; notes and corrections are still allowed,
  /// because the law requires a correction to remain possible.
  case closed
}

/// A visitation with its place in the history and its level after corrections.
public struct VisitationView: Sendable, Equatable {
  public var seq: Int
  public var at: String
  public var author: String
  public var visitation: Visitation
  /// `visitation.level`, or the newest correction of it.
  public var level: Int
  /// Corrections of this visitation's level, oldest first.
  public var amendments: [AmendmentView]
}

/// A correction with its place in the history.
public struct AmendmentView: Sendable, Equatable {
  public var seq: Int
  public var at: String
  public var author: String
  public var amendment: Amendment
}

/// A note with its text after corrections; `originalText` stays readable.
public struct NoteView: Sendable, Equatable {
  public var seq: Int
  public var at: String
  public var author: String
  public var originalText: String
  public var text: String
  public var amendments: [AmendmentView]
}

extension PregnancyRecord {
  /// Corrections, oldest first, one per field corrected: the fields of an entry that
  /// corrects several share its `seq` (`Amendment.parts`).
  public var amendments: [AmendmentView] {
    history.flatMap { entry in
      guard case .amendment(let amendment) = entry.content else { return [AmendmentView]() }
      return amendment.parts.map { AmendmentView(seq: entry.seq, at: entry.at, author: entry.author, amendment: $0) }
    }
  }

  /// The newest corrected value of a record field, else nil.
  private func corrected(_ field: AmendableField, target: Int? = nil) -> JSONValue? {
    amendments.last { $0.amendment.field == field && $0.amendment.target == target }?.amendment.new
  }

  /// The name after corrections.
  public var name: String {
    if case .string(let value) = corrected(.name) { return value }
    return woman.name
  }

  /// The CPR number after corrections (`DDMMYY-SSSS`).
  public var cpr: String {
    if case .string(let value) = corrected(.cpr) { return value }
    return woman.cpr
  }

  /// `DDMMYY-XXXX`.
  public var maskedCPR: String { CPRNumber.mask(cpr) }

  /// The parity after corrections, else the newest visitation's, else as first recorded.
  public var parity: String? {
    var value = pregnancy.parity
    for entry in history {
      switch entry.content {
      case .visitation(let visitation):
        if case .string(let parity) = visitation.input["parity"] { value = parity }
      case .amendment(let amendment):
        for part in amendment.parts where part.field == .parity {
          if case .string(let parity) = part.new { value = parity }
        }
      default: break
      }
    }
    return value
  }

  /// The due date: the newest of a visitation's dating and a correction, else as first recorded.
  public var dueDate: String? {
    var value = pregnancy.dueDate
    for entry in history {
      switch entry.content {
      case .visitation(let visitation) where visitation.dueDate != nil:
        value = visitation.dueDate
      case .amendment(let amendment):
        for part in amendment.parts where part.field == .dueDate {
          if case .string(let date) = part.new { value = date }
        }
      default: break
      }
    }
    return value
  }

  /// Visitations, oldest first.
  public var visitations: [VisitationView] {
    let corrections = amendments.filter { $0.amendment.field == .level }
    return history.compactMap { entry in
      guard case .visitation(let visitation) = entry.content else { return nil }
      let own = corrections.filter { $0.amendment.target == entry.seq }
      var level = visitation.level
      if case .number(let value) = own.last?.amendment.new { level = Int(value) }
      return VisitationView(
        seq: entry.seq, at: entry.at, author: entry.author, visitation: visitation, level: level,
        amendments: own)
    }
  }

  /// Notes, oldest first.
  public var notes: [NoteView] {
    let corrections = amendments.filter { $0.amendment.field == .note }
    return history.compactMap { entry in
      guard case .note(let note) = entry.content else { return nil }
      let own = corrections.filter { $0.amendment.target == entry.seq }
      var text = note.text
      if case .string(let value) = own.last?.amendment.new { text = value }
      return NoteView(
        seq: entry.seq, at: entry.at, author: entry.author, originalText: note.text, text: text,
        amendments: own)
    }
  }

  /// The birth, when recorded, after corrections: `entry` is the birth entry as recorded
  /// (its content, `recordedBirth`, stays as written), `birth` the values with the newest
  /// correction of each field applied.
  public var birth: (entry: HistoryEntry, birth: BirthEvent)? {
    guard let (entry, recorded) = recordedBirth else { return nil }
    var birth = recorded
    for view in birthAmendments {
      let new = view.amendment.new
      switch (view.amendment.field, new) {
      case (.birthDate, .string(let text)): if let date = CalendarDate(iso: text) { birth.date = date }
      case (.birthPlace, .string(let text)): if let place = BirthPlace(rawValue: text) { birth.place = place }
      case (.birthDischargeHours, .number(let hours)): birth.dischargeHours = hours
      case (.birthDischargeHours, .null): birth.dischargeHours = nil
      case (.birthTraumatic, .bool(let flag)): birth.traumatic = flag
      case (.birthChildLoss, .bool(let flag)): birth.childLoss = flag
      default: break
      }
    }
    return (entry, birth)
  }

  /// The birth entry exactly as recorded, before any correction.
  public var recordedBirth: (entry: HistoryEntry, birth: BirthEvent)? {
    for entry in history { if case .birth(let birth) = entry.content { return (entry, birth) } }
    return nil
  }

  /// Corrections of the birth, oldest first.
  public var birthAmendments: [AmendmentView] { amendments.filter { $0.amendment.field.isBirth } }

  /// The closing entry, when the record is closed: the newest close entry, unless a
  /// correction of it (`closed` → false) reopened the record.
  public var closure: (entry: HistoryEntry, closure: Closure)? {
    guard let newest = history.last(where: { $0.content.kind == "close" }),
      case .closure(let closure) = newest.content, isStanding(closure: newest.seq)
    else { return nil }
    return (newest, closure)
  }

  /// Whether the close entry `seq` still stands: its newest `closed` correction, else true.
  public func isStanding(closure seq: Int) -> Bool {
    let correction = amendments.last { $0.amendment.field == .closed && $0.amendment.target == seq }
    if case .bool(let standing)? = correction?.amendment.new { return standing }
    return true
  }

  public var status: RecordStatus {
    if closure != nil { return .closed }
    return recordedBirth != nil ? .delivered : .open
  }

  /// The level of the newest visitation (after corrections), nil before the first.
  public var lastLevel: Int? { visitations.last?.level }

  /// Who changed the record last and when: the newest entry, else its creation.
  public var lastChange: (author: String, at: String) {
    if let entry = history.last { return (entry.author, entry.at) }
    return (createdBy, createdAt)
  }

  /// The structural problems of a decoded record, empty when it is whole. Checked on every
  /// read so that a hand-edited or half-restored file is named instead of misread.
  public func structuralProblems(expectedID: String? = nil) -> [String] {
    var problems: [String] = []
    if format != PregnancyRecord.format { problems.append("format") }
    if let expectedID, id != expectedID { problems.append("id_mismatch") }
    if !RecordID.isWellFormed(id) { problems.append("id") }
    if revision != history.count + 1 { problems.append("revision") }
    if schemaVersion < neededSchemaVersion { problems.append("schema_version") }
    for (index, entry) in history.enumerated() where entry.seq != index + 1 {
      problems.append("seq")
      break
    }
    if woman.name.isEmpty { problems.append("name") }
    if !CPRNumber.isValid(woman.cpr) { problems.append("cpr") }
    let birthSeq = recordedBirth?.entry.seq
    for view in amendments {
      let amendment = view.amendment
      if amendment.field.isBirth {
        // A birth correction follows the birth it corrects.
        if birthSeq.map({ $0 >= view.seq }) ?? true || amendment.target != nil {
          problems.append("amendment_target")
        }
      } else if amendment.field.needsTarget {
        // `target <= history.count` too: in a file whose entries are numbered wrongly
        // (reported as `seq` above) an earlier number can still lie past the history's end.
        guard let target = amendment.target, target >= 1, target < view.seq, target <= history.count else {
          problems.append("amendment_target")
          continue
        }
        if history[target - 1].content.kind != amendment.field.targetKind {
          problems.append("amendment_target")
        }
      }
    }
    return problems
  }
}

/// Record ids: opaque, random, safe as file names.
public enum RecordID {
  /// Lower-case letters and digits, 4–64 characters: never a path, never a CPR number.
  public static func isWellFormed(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard (4...64).contains(bytes.count) else { return false }
    return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
  }

  /// An id as a message may show it: someone may type a CPR number where an id belongs,
  /// and a message must not repeat it.
  public static func forMessage(_ id: String) -> String {
    let chars = Array(id.prefix(64))
    // Any stretch that parses as a CPR number (with or without the hyphen) is masked;
    // a random id of ours almost never contains one, so ids stay readable.
    for width in [11, 10] where chars.count >= width {
      for start in 0...(chars.count - width) where CPRNumber.isValid(String(chars[start..<(start + width)])) {
        return CPRNumber.mask(String(chars[start..<(start + width)]))
      }
    }
    return String(chars)
  }

  /// A new id: 12 characters of Crockford base 32 from the system's random source
  /// (about 60 bits), so two terminals never make the same one.
  public static func random() -> String {
    let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    var generator = SystemRandomNumberGenerator()
    var bytes: [UInt8] = []
    for _ in 0..<12 { bytes.append(alphabet[Int(generator.next() % 32)]) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
