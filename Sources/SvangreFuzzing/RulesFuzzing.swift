import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// The rules' half of the fuzz targets: what `svangre assess`, `--rules FILE` and
/// `record show` do with what they read, and the invariants each answer must keep. A
/// broken invariant traps (`fatalError`), which libFuzzer reports as a crash.
enum RulesFuzzing {
  static let bundled = AssessmentEngine(ruleSet: .bundled)
  static let catalogues = Language.allCases.map { StringCatalog(language: $0) }

  /// The language an input's answers are written and checked in: Danish and English take
  /// turns by the input's length (checking both on every input would halve the runs).
  static func strings(for bytes: [UInt8]) -> StringCatalog { catalogues[bytes.count % catalogues.count] }

  /// `svangre assess` on contract JSON (the reader's 1 MiB limit is `parse`'s too).
  static func assess(_ data: Data, engine: AssessmentEngine, strings: StringCatalog) {
    let input: AssessmentInput
    do throws(InputError) {
      input = try AssessmentInput.parse(data, ruleSet: engine.ruleSet)
    } catch {
      return checkRefusal(error, strings: strings)
    }
    // A visitation stores `input.json` and every later screen reads it back with the same
    // parser: what was accepted once must read back as itself.
    guard let stored = try? JSONEncoder().encode(input.json),
      let again = try? AssessmentInput.parse(stored, ruleSet: engine.ruleSet), again == input
    else { fatalError("an accepted input did not read back from its stored JSON") }
    do throws(InputError) {
      check(try engine.assess(input), input: input, engine: engine, strings: strings)
    } catch {
      checkRefusal(error, strings: strings)
    }
  }

  /// `--rules FILE`: a rule set loaded, an engine compiled from it, and one assessment of
  /// every finding it defines that could have been made by the day assessed.
  static func ruleSet(_ bytes: [UInt8], strings: StringCatalog) {
    let ruleSet: RuleSet
    do throws(RuleSetError) {
      ruleSet = try RuleSet.load(Data(bytes))
    } catch {
      // Each problem's key is in the catalogue (not: its line does not start with the key's
      // prefix, which a duplicated key named `ruleset.…` would have made a false crash).
      // One line is written, not all: `replacingOccurrences` per placeholder and problem
      // was 6% of the target's time (docs/fuzzing.md).
      require(!error.problems.isEmpty, "a rule set was refused without a problem")
      require(error.problems.allSatisfy { strings.has($0.key) }, "a rule set problem has no wording")
      var first = error.problems[0]
      first.arguments["entry"] = first.entry  // as `RuleSetError.lines` writes each line
      require(!strings(first.key, first.arguments).isEmpty, "a rule set problem has no wording")
      return
    }
    assess(sampleInput(for: ruleSet), engine: AssessmentEngine(ruleSet: ruleSet), strings: strings)
  }

  /// Contract JSON with every finding of `ruleSet` that could have been made by the day
  /// assessed (20+1, BMI 31, a second child), so that most of the rules have work to do.
  static func sampleInput(for ruleSet: RuleSet) -> Data {
    let referenceDate = CalendarDate(year: 2026, month: 6, day: 1)!
    let dueDate = referenceDate.adding(days: 139)
    let age = GestationalAge(on: referenceDate, dueDate: dueDate)
    let findings = ruleSet.findings.filter { ruleSet.isPlausible($0, at: age) }.map { JSONValue.string($0.id) }
    let input = JSONValue.object([
      ("reference_date", .string(referenceDate.iso)), ("parity", .string(Parity.multiparous.rawValue)),
      ("dating", .object([("due_date", .string(dueDate.iso))])), ("bmi", .number(31)), ("findings", .array(findings)),
    ])
    return Data(input.serialized().utf8)
  }

  /// `record show`: the record's current state assessed on the day of its newest
  /// visitation, 100 days later (after a birth near term) and 300 days later (past 44+0,
  /// where the follow-up keeps her last level). Returns how many were assessed, not refused.
  @discardableResult
  static func assessNow(_ record: PregnancyRecord, strings: StringCatalog) -> Int {
    guard var input = record.currentInput(ruleSet: bundled.ruleSet) else { return 0 }
    let newest = input.referenceDate
    var assessed = 0
    for days in [0, 100, 300] {
      input.referenceDate = newest.adding(days: days)
      do throws(InputError) {
        let followUp = try bundled.assessFollowUp(input, known: record.knownAttendance)
        require(followUp.assessedOn <= input.referenceDate, "a follow-up was assessed after its day")
        var assessedInput = input
        assessedInput.referenceDate = followUp.assessedOn
        check(followUp.assessment, input: assessedInput, engine: bundled, strings: strings)
        assessed += 1
      } catch {
        checkRefusal(error, strings: strings)
      }
    }
    return assessed
  }

  /// What every answer keeps, whatever the input: levels 1–4, care at the higher of the
  /// suggested and chosen level, windows that end after they start, birth places that a
  /// lowered level does not widen, and contract JSON that parses.
  static func check(_ assessment: Assessment, input: AssessmentInput, engine: AssessmentEngine, strings: StringCatalog)
  {
    let levels = 1...4
    require(
      levels.contains(assessment.suggestedLevel) && levels.contains(assessment.level)
        && assessment.careLevel == max(assessment.suggestedLevel, assessment.level),
      "levels out of range or care below the suggested level")
    for item in assessment.schedule + assessment.postnatal {
      require(item.from <= item.to && item.lastDay >= item.to, "a window ends before it starts")
    }
    if assessment.level < assessment.suggestedLevel {
      var unchanged = input
      unchanged.override = nil
      guard let suggested = try? engine.assess(unchanged) else { fatalError("an override made an input assessable") }
      require(suggested.birthplaces == assessment.birthplaces, "a lowered level changed the birth places")
    }
    checkJSON(assessment.contractJSON(language: strings.language))
  }

  /// A refusal has a message and an error object that parses.
  static func checkRefusal(_ error: InputError, strings: StringCatalog) {
    let message = error.message(strings)
    require(!message.isEmpty && !message.hasPrefix("error."), "a refusal has no wording")
    checkJSON(error.contractJSON(strings))
  }

  /// Parsed with `JSONSerialization`: the same strict parser as `JSONValue.parse`
  /// (Foundation's JSON scanner), without building a `JSONValue` through `Decodable`, which
  /// tries each type in turn and throws for each miss: that cost ten times as much under
  /// AddressSanitizer and was a third of the `assessment` target's time (docs/fuzzing.md).
  static func checkJSON(_ json: JSONValue) {
    let data = Data(json.serialized().utf8)
    require(
      (try? JSONSerialization.jsonObject(with: data)) != nil && DuplicateKeys.first(in: data) == nil,
      "output is not JSON")
  }

  static func require(_ condition: Bool, _ invariant: StaticString) {
    if !condition { fatalError("\(invariant)") }
  }
}
