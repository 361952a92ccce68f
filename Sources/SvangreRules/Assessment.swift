/// How the due date was found.
public enum DatingSource: String, Sendable, Codable {
  case dueDate = "due_date"
  case scan
  case lastPeriod = "lmp"
}

/// Where a dated item stands on the reference date.
public enum VisitStatus: String, Sendable, Codable {
  /// The window has ended.
  case past
  /// The reference date is inside the window.
  case due
  case upcoming
}

/// A finding (or derived risk) that counts towards the level, with its source.
public struct Reason: Hashable, Sendable {
  public var id: String
  public var level: Int
  public var source: String
  public var label: LocalizedText
  public var explanation: LocalizedText
}

/// An offer the woman gets, and the findings (or birth facts) that caused it.
public struct OfferResult: Hashable, Sendable {
  public var id: String
  public var because: [String]
  public var label: LocalizedText
  public var explanation: LocalizedText
  public var source: String
}

/// A visit, test or contact with its calendar window on this woman's dates.
public struct ScheduledItem: Hashable, Sendable {
  public var id: String
  public var who: CareProvider
  public var from: CalendarDate
  public var to: CalendarDate
  /// The window as gestational ages (antenatal items only).
  public var gaFrom: GestationalAge?
  public var gaTo: GestationalAge?
  /// The last day the item can still be done, when later than `to`.
  public var gaLatest: GestationalAge?
  public var latest: CalendarDate?
  public var status: VisitStatus
  /// Findings present that make an optional item clearly indicated.
  public var indicatedBy: [String]
  public var label: LocalizedText
  public var explanation: LocalizedText
  public var source: String

  /// A window that ended without the item: "missed" if nothing says it was done.
  public var isPast: Bool { status == .past }
}

/// One item of the prenatal diagnostics programme (FP Skema 3).
public struct DiagnosticItem: Hashable, Sendable {
  public var id: String
  public var gaFrom: GestationalAge?
  public var gaTo: GestationalAge?
  public var gaLatest: GestationalAge?
  public var from: CalendarDate?
  public var to: CalendarDate?
  public var latest: CalendarDate?
  /// Nil for an item with no window (a referral made at once).
  public var status: VisitStatus?
  public var label: LocalizedText
  public var explanation: LocalizedText
  public var source: String
}

public struct PrenatalDiagnostics: Hashable, Sendable {
  public var programme: DiagnosticsProgramme
  public var items: [DiagnosticItem]
}

/// Whether a birth place suits the woman, and why.
public struct BirthplaceVerdict: Hashable, Sendable {
  public var site: String
  public var name: LocalizedText
  public var kind: BirthplaceKind
  public var suitable: Bool
  /// The rule that made the site unsuitable; nil when suitable.
  public var ruleID: String?
  public var reason: LocalizedText
  public var obstetrician: Bool
  public var anaesthetist: Bool
  public var paediatrician: Bool
  public var neonatalUnit: Bool
}

/// The rules' answer for one woman on one day.
public struct Assessment: Hashable, Sendable {
  public var ruleSetID: String
  public var ruleSetVersion: String
  public var dueDate: CalendarDate
  public var datingSource: DatingSource
  public var gestationalAge: GestationalAge
  public var suggestedLevel: Int
  /// The level that counts: the clinician's override, else the suggestion.
  public var level: Int
  public var overridden: Bool
  public var overrideReason: String?
  /// Highest level first.
  public var reasons: [Reason]
  public var offers: [OfferResult]
  /// Antenatal items, sorted by start date.
  public var schedule: [ScheduledItem]
  public var prenatalDiagnostics: PrenatalDiagnostics
  public var birthplaces: [BirthplaceVerdict]
  /// Postnatal contacts, sorted by start date; empty before the birth.
  public var postnatal: [ScheduledItem]
}
