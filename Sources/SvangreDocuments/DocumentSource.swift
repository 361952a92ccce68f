import SvangreResources
import SvangreRules
import SvangreStore

/// What every document about one woman is made from: her record's state now
/// (`PregnancyRecord.currentInput`, every correction applied) assessed by the engine on
/// the clinical date (`assessFollowUp` with `knownAttendance`: the items recorded done and
/// the days she was seen),
/// and who saw her last. Documents only word this answer; none decides anything.
///
/// The CLI makes one from a loaded record (`init(record:engine:today:)`), the TUI from the
/// record and the answer its plan screen already holds (the memberwise init): the same
/// input and the same engine call, so both print the same text.
public struct DocumentSource: Sendable {
  /// The record's id: stable and random, never derived from the CPR number.
  public var recordID: String
  /// Her name, for her own plan only; the record note and the referral leave it out (they
  /// are pasted into a record or a referral already about her).
  public var name: String
  /// Her state now, with `referenceDate` the clinical date the documents are made on.
  public var input: AssessmentInput
  public var followUp: FollowUpAssessment
  /// The newest visitation: its clinical date and the initials of who made it.
  public var visitedOn: CalendarDate?
  public var visitedBy: String?

  public init(
    recordID: String, name: String, input: AssessmentInput, followUp: FollowUpAssessment,
    visitedOn: CalendarDate?, visitedBy: String?
  ) {
    self.recordID = recordID
    self.name = name
    self.input = input
    self.followUp = followUp
    self.visitedOn = visitedOn
    self.visitedBy = visitedBy
  }

  /// The record's state now on `today`, as the engine assesses it.
  /// - Throws: `.noVisitation` before the first visitation; `.refused` when the rules
  ///   refuse the current state on that day (the contract's error).
  public init(record: PregnancyRecord, engine: AssessmentEngine, today: CalendarDate) throws(DocumentRefusal) {
    guard var input = record.currentInput(ruleSet: engine.ruleSet) else { throw .noVisitation }
    input.referenceDate = today
    let followUp: FollowUpAssessment
    do throws(InputError) {
      followUp = try engine.assessFollowUp(input, known: record.knownAttendance)
    } catch {
      throw .refused(error)
    }
    let latest = record.visitations.last
    self.init(
      recordID: record.id, name: record.name, input: input, followUp: followUp,
      visitedOn: latest?.visitation.referenceDate.flatMap(CalendarDate.init(iso:)), visitedBy: latest?.author)
  }

  public var assessment: Assessment { followUp.assessment }
  /// The clinical date the documents are made on.
  public var today: CalendarDate { input.referenceDate }
}

/// Why no document can be made for a record.
public enum DocumentRefusal: Error, Sendable {
  /// The record has no visitation: nothing is known to write about.
  case noVisitation
  /// The rules refuse the record's current state on that day.
  case refused(InputError)

  /// The refusal in the user's words; `what` is `plan`, `summary` or `referral`.
  public func message(_ strings: StringCatalog, what: String, today: CalendarDate) -> String {
    switch self {
    case .noVisitation: strings("document.no_visitation", ["what": strings("document.what.\(what)")])
    case .refused(let error):
      strings("document.refused", ["date": today.iso, "message": error.message(strings)])
    }
  }
}
