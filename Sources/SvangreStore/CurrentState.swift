import SvangreRules

extension PregnancyRecord {
  /// The record as it stands now, after every correction, as the rules' input: what every
  /// screen and command re-assesses, so that a correction counts everywhere.
  ///
  /// It is the newest visitation's input (as stored in the record) with
  /// - a due date or parity corrected after that visitation (a later visitation's own
  ///   dating and parity win over an earlier correction, as in `dueDate` and `parity`);
  ///   a corrected due date takes precedence over the LMP and scan, which stay as facts;
  /// - the visitation's level as corrected: an override with the correction's reason, or
  ///   none when the correction brings the level back to the rules' suggestion;
  /// - the birth as recorded and corrected (`currentBirth`).
  ///
  /// `referenceDate` is the newest visitation's: set it to the day assessed. Nil before the
  /// first visitation, or when the stored input no longer reads under `ruleSet`.
  public func currentInput(ruleSet: RuleSet) -> AssessmentInput? {
    guard let latest = visitations.last,
      var input = try? AssessmentInput(json: latest.visitation.input, ruleSet: ruleSet)
    else { return nil }
    for view in amendments where view.seq > latest.seq {
      switch (view.amendment.field, view.amendment.new) {
      case (.dueDate, .string(let text)):
        if let date = CalendarDate(iso: text) { input.dating.dueDate = date }
      case (.parity, .string(let text)):
        if let parity = Parity(rawValue: text) { input.parity = parity }
      default: break
      }
    }
    if let correction = latest.amendments.last {
      input.override =
        latest.level == latest.visitation.suggestedLevel
        ? nil : LevelOverride(level: latest.level, reason: correction.amendment.reason)
    }
    if let birth = currentBirth { input.birth = birth }
    return input
  }

  /// The days she was seen: the clinical dates of her visitations, oldest first. What the
  /// rules infer her attendance from (`AssessmentEngine.assessFollowUp(_:consultations:)`).
  public var consultationDates: [CalendarDate] {
    visitations.compactMap { $0.visitation.referenceDate.flatMap(CalendarDate.init(iso:)) }
  }

  /// The recorded birth after corrections, as the rules take it; nil when none is recorded.
  public var currentBirth: Birth? { birth?.birth.rules }
}
