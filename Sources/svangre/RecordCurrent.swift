import SvangreResources
import SvangreRules
import SvangreStore

/// A record's state now, as `record show` prints it: the record's current input (the
/// newest visitation with every correction since, `PregnancyRecord.currentInput`)
/// assessed on `--today`, so a corrected level or due date shows as the TUI shows it.
struct RecordCurrent {
  var input: AssessmentInput
  var result: Result<Assessment, InputError>

  /// Nil before the first visitation.
  init?(_ record: PregnancyRecord, ruleSet: RuleSet, today: CalendarDate) {
    guard let current = record.currentInput(ruleSet: ruleSet) else { return nil }
    input = current
    input.referenceDate = today
    do throws(InputError) {
      result = .success(try AssessmentEngine(ruleSet: ruleSet).assess(input))
    } catch {
      result = .failure(error)
    }
  }

  /// `{"reference_date", "input", "assessment"}`, or `"error"` (the contract's error object)
  /// in place of the assessment when the rules refuse the current state on that day.
  func json(_ strings: StringCatalog) -> OrderedJSON {
    var members: [(String, OrderedJSON)] = [
      ("reference_date", .string(input.referenceDate.iso)), ("input", .stored(input.json)),
    ]
    switch result {
    case .success(let assessment):
      members.append(("assessment", assessment.contractJSON(language: strings.language)))
    case .failure(let error):
      if case .object(let wrapper) = error.contractJSON(strings), let inner = wrapper.first {
        members.append(inner)
      }
    }
    return .object(members)
  }

  func text(_ strings: StringCatalog, ruleSet: RuleSet) -> String {
    switch result {
    case .success(let assessment):
      return strings("store.show.current", ["date": input.referenceDate.iso]) + "\n"
        + AssessmentText(strings: strings, ruleSet: ruleSet).render(assessment, input: input)
    case .failure(let error):
      return strings(
        "store.show.current_refused", ["date": input.referenceDate.iso, "message": error.message(strings)])
    }
  }
}
