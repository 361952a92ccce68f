/// How the due date was found.
public enum DatingSource: String, Sendable, Codable {
  case dueDate = "due_date"
  case scan
  case lastPeriod = "lmp"
}

/// Where a dated item stands on the reference date.
public enum VisitStatus: String, Sendable, Codable, CaseIterable {
  /// The window has not begun.
  case upcoming
  /// The reference date is inside the window.
  case due
  /// The window has ended, but the item can still be done until its latest date.
  case late
  /// The window (and the latest date) ended, and nothing is known of the item: it ended
  /// before attendance was recorded, or no attendance was given.
  case past
  /// Recorded as done (the item carries its date).
  case done
  /// The window (and the latest date) ended while attendance was recorded, and the item
  /// is not among those done.
  case missed
}

/// The ID, wording and source of one rule set entry.
///
/// Shared by reference between the compiled rules and every answer, so that an
/// assessment points at its texts instead of copying a dozen strings per item.
public final class RuleText: Hashable, Sendable {
  public let id: String
  public let label: LocalizedText
  public let explanation: LocalizedText
  /// Where the rule comes from, cited in the user's language ("FP Skema 1; FP fødselslæge").
  public let source: LocalizedText

  public init(id: String, label: LocalizedText, explanation: LocalizedText, source: LocalizedText) {
    self.id = id
    self.label = label
    self.explanation = explanation
    self.source = source
  }

  public static func == (lhs: RuleText, rhs: RuleText) -> Bool {
    lhs === rhs
      || (lhs.id == rhs.id && lhs.label == rhs.label && lhs.explanation == rhs.explanation
        && lhs.source == rhs.source)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(label)
  }
}

/// Gives an answer's item the ID, label, explanation and source of its rule.
public protocol DescribedByRule {
  var text: RuleText { get }
}

extension DescribedByRule {
  public var id: String { text.id }
  public var label: LocalizedText { text.label }
  public var explanation: LocalizedText { text.explanation }
  public var source: LocalizedText { text.source }
}

/// A finding (or derived risk) that counts towards the level, with its source.
public struct Reason: Hashable, Sendable, DescribedByRule {
  public var text: RuleText
  public var level: Int
  /// Set by the rules rather than ticked (`overweight` from a BMI ≥ 30).
  public var implied: Bool = false
}

/// An offer the woman gets, and the findings (or birth facts) that caused it.
public struct OfferResult: Hashable, Sendable, DescribedByRule {
  public var text: RuleText
  public var because: [String]
}

/// A visit, test or contact with its calendar window on this woman's dates.
public struct ScheduledItem: Hashable, Sendable, DescribedByRule {
  public var text: RuleText
  public var who: CareProvider
  /// Consultation, scan, test…; nil for a postnatal contact.
  public var kind: ScheduleItemKind?
  public var from: CalendarDate
  public var to: CalendarDate
  /// The window as gestational ages (antenatal items only).
  public var gaFrom: GestationalAge?
  public var gaTo: GestationalAge?
  /// The last day the item can still be done, when later than `to`.
  public var gaLatest: GestationalAge?
  public var latest: CalendarDate?
  public var status: VisitStatus
  /// When it was done, for status `done`.
  public var doneDate: CalendarDate? = nil
  /// Findings present that make an optional item clearly indicated.
  public var indicatedBy: [String]

  /// The last day the item can be done: `latest` when the source gives one, else `to`.
  public var lastDay: CalendarDate { latest ?? to }
}

/// One item of the prenatal diagnostics programme (FP Skema 3).
public struct DiagnosticItem: Hashable, Sendable, DescribedByRule {
  public var text: RuleText
  public var gaFrom: GestationalAge?
  public var gaTo: GestationalAge?
  public var gaLatest: GestationalAge?
  public var from: CalendarDate?
  public var to: CalendarDate?
  public var latest: CalendarDate?
  /// Nil for an item with no window (a referral made at once).
  public var status: VisitStatus?
  /// When it was done, for status `done`.
  public var doneDate: CalendarDate? = nil
}

public struct PrenatalDiagnostics: Hashable, Sendable {
  public var programme: DiagnosticsProgramme
  public var items: [DiagnosticItem]
}

/// Whether a birth place suits the woman, and why.
public struct BirthplaceVerdict: Hashable, Sendable {
  /// The site: `id` is the site ID, `label` its name, `source` the Fødeplan's table.
  public var siteText: RuleText
  public var kind: BirthplaceKind
  public var suitable: Bool
  /// Why: `id` is the rule that made the site unsuitable (or `suitable`).
  public var reasonText: RuleText
  /// What made the rule apply: the birth risks or other findings present, or the care
  /// level (ID `care_level`). Empty when suitable.
  public var becauseTexts: [RuleText]
  public var obstetrician: Bool
  public var anaesthetist: Bool
  public var paediatrician: Bool
  public var neonatalUnit: Bool

  public var site: String { siteText.id }
  public var name: LocalizedText { siteText.label }
  public var reason: LocalizedText { reasonText.label }
  /// The rule that made the site unsuitable; nil when suitable.
  public var ruleID: String? { suitable ? nil : reasonText.id }
  /// IDs of `becauseTexts`.
  public var because: [String] { becauseTexts.map(\.id) }
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
  /// The higher of `suggestedLevel` and `level`: safety limits (birth places, the
  /// home-birth risk talk) follow it, so an override can add care but never remove a limit.
  public var careLevel: Int
  /// The findings present that make the birth a risk, in catalogue order.
  public var birthRisks: [RuleText]
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
