import Foundation
import SvangreRules

/// What the user has typed on each form. Plain Codable values, so a form can be kept in
/// the draft file and restored exactly. Turning a form into an `AssessmentInput` is the
/// only interpretation done here; every clinical conclusion comes from the engine.

/// Dates are typed as `YYYY-MM-DD`, or the Danish way `DD-MM-YYYY` / `DD.MM.YYYY`.
enum DateEntry {
  static func parse(_ text: String) -> CalendarDate? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let date = CalendarDate(iso: trimmed) { return date }
    let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" })
    guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]),
      let year = Int(parts[2])
    else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// A decimal number typed with a comma or a point ("31,2").
  static func number(_ text: String) -> Double? {
    Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
  }
}

/// The new-record form: name and CPR number.
public struct NewRecordForm: Codable, Equatable, Sendable {
  public var name = TextField(maxLength: InputLimits.nameCharacters)
  public var cpr = TextField(maxLength: 11)
  public var focus = Field.name
  public init() {}

  /// The focused field (stored as 0 and 1, as drafts always had it).
  public enum Field: Int, Sendable, StoredIndex { case name, cpr }
  public var isEmpty: Bool { name.value.isEmpty && cpr.value.isEmpty }
}

/// One focusable row of the walkthrough's form pane.
public enum WalkItem: Hashable, Sendable {
  case dueDate, lastPeriod, cycleDays, scanDate, scanAge, parity, bmi
  case finding(String)

  static let fields: [WalkItem] = [.dueDate, .lastPeriod, .cycleDays, .scanDate, .scanAge]
}

/// The visitation walkthrough's form: dating, parity, BMI and the ticked findings.
public struct WalkthroughForm: Codable, Equatable, Sendable {
  public var dueDate = TextField(maxLength: 10)
  public var lastPeriod = TextField(maxLength: 10)
  public var cycleDays = TextField(maxLength: 2)
  public var scanDate = TextField(maxLength: 10)
  public var scanAge = TextField(maxLength: 5)
  public var bmi = TextField(maxLength: 5)
  public var parity = Parity.nulliparous
  /// Ticked finding IDs, in the order ticked.
  public var findings: [String] = []
  /// Index into the focusable items.
  public var focus = 0
  /// Whether anything changed since the form was opened.
  public var changed = false

  public init() {}

  /// The form pre-filled from an earlier visitation, for a secondary visitation.
  public init(from input: AssessmentInput) {
    if let date = input.dating.dueDate { dueDate.set(date.iso) }
    if let date = input.dating.lastPeriod { lastPeriod.set(date.iso) }
    if let days = input.dating.cycleDays { cycleDays.set(String(days)) }
    if let date = input.dating.scanDate { scanDate.set(date.iso) }
    if let age = input.dating.scanAge { scanAge.set(age.description) }
    if let value = input.bmi { bmi.set(String(format: "%.1f", value)) }
    parity = input.parity
    findings = input.findings
  }

  public subscript(field item: WalkItem) -> TextField? {
    get {
      switch item {
      case .dueDate: dueDate
      case .lastPeriod: lastPeriod
      case .cycleDays: cycleDays
      case .scanDate: scanDate
      case .scanAge: scanAge
      case .bmi: bmi
      case .parity, .finding: nil
      }
    }
    set {
      guard let newValue else { return }
      switch item {
      case .dueDate: dueDate = newValue
      case .lastPeriod: lastPeriod = newValue
      case .cycleDays: cycleDays = newValue
      case .scanDate: scanDate = newValue
      case .scanAge: scanAge = newValue
      case .bmi: bmi = newValue
      case .parity, .finding: break
      }
    }
  }

  /// The catalogue key of what is wrong with a typed value, per field.
  public var fieldProblems: [WalkItem: String] {
    var problems: [WalkItem: String] = [:]
    for item in [WalkItem.dueDate, .lastPeriod, .scanDate] {
      let text = self[field: item]?.value ?? ""
      if !text.isEmpty && DateEntry.parse(text) == nil { problems[item] = "walk.problem.date" }
    }
    if !cycleDays.value.isEmpty && Int(cycleDays.value) == nil { problems[.cycleDays] = "walk.problem.number" }
    if !scanAge.value.isEmpty && GestationalAge(parsing: scanAge.value) == nil {
      problems[.scanAge] = "walk.problem.ga"
    }
    if !bmi.value.isEmpty && DateEntry.number(bmi.value) == nil { problems[.bmi] = "walk.problem.number" }
    return problems
  }

  /// The input for the engine on `date`, or nil while nothing dates the pregnancy yet.
  /// Range checks (cycle 21–45, BMI 10–80, GA 0–44) are the engine's: it refuses with an
  /// `InputError` that the side panel shows.
  public func input(on date: CalendarDate, override: LevelOverride? = nil, birth: Birth? = nil)
    -> AssessmentInput?
  {
    let dating = Dating(
      dueDate: DateEntry.parse(dueDate.value),
      lastPeriod: DateEntry.parse(lastPeriod.value),
      cycleDays: Int(cycleDays.value),
      scanDate: DateEntry.parse(scanDate.value),
      scanAge: GestationalAge(parsing: scanAge.value))
    let dated =
      dating.dueDate != nil || dating.lastPeriod != nil
      || (dating.scanDate != nil && dating.scanAge != nil)
    guard dated else { return nil }
    return AssessmentInput(
      referenceDate: date, parity: parity, dating: dating, bmi: DateEntry.number(bmi.value),
      findings: findings, override: override, birth: birth)
  }
}

/// The level decision: the chosen level and, when it differs from the suggestion, why.
public struct DecisionForm: Codable, Equatable, Sendable {
  public var level: Int
  public var reason = TextField(maxLength: InputLimits.freeTextCharacters)
  public var focus = Field.level
  public init(level: Int) { self.level = level }

  /// The focused row (stored as 0 and 1, as drafts always had it).
  public enum Field: Int, Sendable, StoredIndex { case level, reason }
}

/// The birth form.
public struct BirthForm: Codable, Equatable, Sendable {
  public var date = TextField(maxLength: 10)
  public var place = BirthPlace.hospital
  public var dischargeHours = TextField(maxLength: 4)
  public var traumatic = false
  public var childLoss = false
  public var focus = Row.date
  public var changed = false

  /// The form's rows in order (stored as 0–4, as drafts always had it); the catalogue
  /// labels them `birth.row<rawValue>`.
  public enum Row: Int, Sendable, StoredIndex { case date, place, dischargeHours, traumatic, childLoss }

  public init() {}

  public init(from birth: Birth) {
    date.set(birth.date.iso)
    place = birth.place
    if let hours = birth.dischargeHours { dischargeHours.set(String(Int(hours))) }
    traumatic = birth.traumatic
    childLoss = birth.childLoss
  }

  /// The birth as typed, or nil while the date is not a date.
  public var birth: Birth? {
    guard let day = DateEntry.parse(date.value) else { return nil }
    return Birth(
      date: day, place: place,
      dischargeHours: place == .hospital ? DateEntry.number(dischargeHours.value) : nil,
      traumatic: traumatic, childLoss: childLoss)
  }
}

extension WalkItem {
  /// The suffix of this row's catalogue keys (`walk.field.dueDate`).
  var key: String {
    switch self {
    case .dueDate: "dueDate"
    case .lastPeriod: "lastPeriod"
    case .cycleDays: "cycleDays"
    case .scanDate: "scanDate"
    case .scanAge: "scanAge"
    case .parity: "parity"
    case .bmi: "bmi"
    case .finding(let id): id
    }
  }
}

/// A form's focused row as drafts store it, a number (0, 1, …): read back clamped into the
/// form's rows, since a draft file is never trusted (see `Draft.fitted`).
public protocol StoredIndex: RawRepresentable, CaseIterable, Codable where RawValue == Int, AllCases == [Self] {}

extension StoredIndex {
  public init(from decoder: Decoder) throws {
    let value = try decoder.singleValueContainer().decode(Int.self)
    self = Self.allCases[min(max(0, value), Self.allCases.count - 1)]
  }
}
