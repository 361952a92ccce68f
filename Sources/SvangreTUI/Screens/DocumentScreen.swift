import SvangreDocuments
import SvangreResources
import SvangreRules

extension ScreenID {
  public static let summary = ScreenID(rawValue: "summary")
  public static let referral = ScreenID(rawValue: "referral")
}

/// Which text a `DocumentScreen` shows: its screen, its key on the plan, and how the
/// documents module words it.
public protocol DocumentKind: Sendable {
  static var id: ScreenID { get }
  /// The key on the plan that shows it (`s`, `r`).
  static var key: Character { get }
  /// The text, from the documents module (as `svangre record summary` / `referral`).
  static func text(_ source: DocumentSource, _ env: ScreenEnvironment) -> String
}

/// The note for her patient record.
public enum RecordNote: DocumentKind {
  public static let id = ScreenID.summary
  public static let key: Character = "s"
  public static func text(_ source: DocumentSource, _ env: ScreenEnvironment) -> String {
    JournalNote(source, strings: env.strings, ruleSet: env.ruleSet).text
  }
}

/// The GP's referral to the birth place.
public enum BirthPlaceReferral: DocumentKind {
  public static let id = ScreenID.referral
  public static let key: Character = "r"
  public static func text(_ source: DocumentSource, _ env: ScreenEnvironment) -> String {
    Referral(source, strings: env.strings, ruleSet: env.ruleSet).text
  }
}

/// A text about the opened record that leaves the program, as it will be pasted: the
/// note for her patient record (`s` on the plan) or the GP's referral to the birth place
/// (`r`). Its key on the plan shows it and asks for the copy (`copy`); the key is offered
/// only after the first visitation, when the plan has an answer to write from. The text
/// is made by the documents module from the plan's answer, as the CLI makes it.
public struct DocumentScreen<Kind: DocumentKind>: RecordPage {
  public static var id: ScreenID { Kind.id }
  public static var otherPages: [KeyBinding] { [Keys.plan, Keys.history] }

  public static var entrances: [Entrance] {
    [
      Entrance(
        from: .plan, [.char(Kind.key)], String(Kind.key), opens: id, help: "key.\(id.rawValue)",
        when: { from in (from as? PlanScreen)?.followUp != nil }
      ) { from, env in
        guard let plan = from as? PlanScreen, let screen = Self(record: plan.detail, followUp: plan.followUp, env)
        else { return [] }
        return [.show(screen), screen.copy]
      }
    ]
  }
  public let detail: RecordDetail
  /// The text as copied: one fact a line.
  public let text: String
  public var page = Page()

  /// The screen with the text made from the plan's answer, or nil before the first
  /// visitation (the plan has no answer, so there is nothing to write).
  public init?(record: RecordDetail, followUp: FollowUpAssessment?, _ env: ScreenEnvironment) {
    guard let followUp, let input = record.input(on: env.today) else { return nil }
    let source = DocumentSource(
      recordID: record.id, name: record.name, input: input, followUp: followUp,
      visitedOn: record.visitations.last?.input.referenceDate, visitedBy: record.visitations.last?.author)
    detail = record
    text = Kind.text(source, env)
    page = Page(pageLines(env))
  }

  public init?(refreshing record: RecordDetail, _ env: ScreenEnvironment) {
    self.init(record: record, followUp: env.clinic.followUp(record), env)
  }

  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] {
    let width = Page.width(env)
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
      line.isEmpty
        ? [PageLine.blank]
        // List items hang under their dash; the title is bold.
        : PageLine.wrapped(
          String(line), index == 0 ? [.bold] : [], width: width, hanging: line.hasPrefix("- ") ? 2 : 0)
    }
  }

  /// The copy of the text: to the clipboard, or to a private file named by the kind and
  /// the record id, never by her CPR number or name.
  public var copy: Effect {
    .copy(text, what: Kind.id, fileStem: "svangre-\(Kind.id.rawValue)-\(detail.id)")
  }
}
