import SvangreResources
import SvangreRules
import SvangreStore

/// A record's state now, as `record show` prints it: the record's current input (the
/// newest visitation with every correction since, `PregnancyRecord.currentInput`)
/// assessed on `--today`, so a corrected level or due date shows as the TUI shows it.
/// Past 44+0 with no birth the rules assess her on the day she reached 44+0 and say the
/// birth is not recorded (`AssessmentEngine.assessFollowUp`); what the record knows of her
/// attendance (`PregnancyRecord.knownAttendance`: her visitations' dates and the items
/// recorded done) gives the statuses done or missed, as in the TUI's plan.
struct RecordCurrent {
  var input: AssessmentInput
  var result: Result<FollowUpAssessment, InputError>

  /// Nil before the first visitation.
  init?(_ record: PregnancyRecord, ruleSet: RuleSet, today: CalendarDate) {
    guard let current = record.currentInput(ruleSet: ruleSet) else { return nil }
    input = current
    input.referenceDate = today
    do throws(InputError) {
      result = .success(
        try AssessmentEngine(ruleSet: ruleSet).assessFollowUp(input, known: record.knownAttendance))
    } catch {
      result = .failure(error)
    }
  }

  /// `{"reference_date", "input", "birth_not_recorded", "assessed_on", "assessment"}`, or
  /// `"error"` (the contract's error object) in place of the last three when the rules
  /// refuse the current state on that day.
  func json(_ strings: StringCatalog) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("reference_date", .string(input.referenceDate.iso)), ("input", input.json),
    ]
    switch result {
    case .success(let followUp):
      members += [
        ("birth_not_recorded", .bool(followUp.birthNotRecorded)), ("assessed_on", .string(followUp.assessedOn.iso)),
        ("assessment", followUp.assessment.contractJSON(language: strings.language)),
      ]
    case .failure(let error):
      if case .object(let wrapper) = error.contractJSON(strings), let inner = wrapper.first {
        members.append(inner)
      }
    }
    return .object(members)
  }

  func text(_ strings: StringCatalog, ruleSet: RuleSet) -> String {
    switch result {
    case .success(let followUp):
      var lines = [strings("store.show.current", ["date": input.referenceDate.iso])]
      if followUp.birthNotRecorded {
        lines.append(
          strings(
            "store.show.birth_not_recorded",
            ["ga": AssessmentEngine.maximumGestationalAge.description, "date": followUp.assessedOn.iso]))
      }
      var assessed = input
      assessed.referenceDate = followUp.assessedOn
      lines.append(AssessmentText(strings: strings, ruleSet: ruleSet).render(followUp.assessment, input: assessed))
      return lines.joined(separator: "\n")
    case .failure(let error):
      return strings(
        "store.show.current_refused", ["date": input.referenceDate.iso, "message": error.message(strings)])
    }
  }
}
