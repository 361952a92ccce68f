extension AssessmentInput {
  /// Checks every rule of the contract that a typed input can still break: ranges,
  /// pairs that belong together, findings in the catalogue, a birth not in the future.
  ///
  /// Parsing calls it, and so does the engine, so an input built in code (the TUI's
  /// walkthrough) is held to the same rules as one read from JSON.
  public func validate(against ruleSet: RuleSet) throws(InputError) {
    func invalid(_ field: String, _ key: String, _ value: String) -> InputError {
      InputError(.invalidValue, field: field, detailKey: "error.invalid_value.\(key)", arguments: ["value": value])
    }
    try validatePlausibility()
    if dating.dueDate == nil, dating.lastPeriod == nil, dating.scanDate == nil, dating.scanAge == nil {
      throw InputError(.missingField, field: "dating", detailKey: "error.missing_field.dating")
    }
    if let cycle = dating.cycleDays, !Dating.cycleDaysRange.contains(cycle) {
      throw invalid("dating.cycle_days", "cycle_days", String(cycle))
    }
    if let age = dating.scanAge, !Dating.scanAgeRange.contains(age) {
      throw invalid("dating.scan_ga", "scan_ga", "\"\(age)\"")
    }
    switch (dating.scanDate, dating.scanAge) {
    case (.some, nil): throw InputError(.missingField, field: "dating.scan_ga")
    case (nil, .some): throw InputError(.missingField, field: "dating.scan_date")
    default: break
    }
    if let bmi, !Self.bmiRange.contains(bmi) {
      throw invalid("bmi", "bmi", JSONValue.number(bmi).shortDescription)
    }
    for (index, id) in findings.enumerated() where ruleSet.finding(id) == nil {
      throw InputError(.unknownFinding, field: "findings[\(index)]", arguments: ["value": "\"\(id)\""])
    }
    if let override {
      guard Self.levelRange.contains(override.level) else {
        throw InputError(
          .invalidOverride, field: "override.level", detailKey: "error.invalid_override.level",
          arguments: ["value": String(override.level)])
      }
      guard !override.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw InputError(.invalidOverride, field: "override.reason", detailKey: "error.invalid_override.reason")
      }
    }
    if let attendance { try validate(attendance, against: ruleSet) }
    if let birth {
      if let hours = birth.dischargeHours, !Birth.dischargeHoursRange.contains(hours) {
        throw invalid("birth.discharge_hours", "discharge_hours", JSONValue.number(hours).shortDescription)
      }
      if birth.place == .hospital, birth.dischargeHours == nil {
        throw InputError(
          .missingField, field: "birth.discharge_hours", detailKey: "error.missing_field.discharge_hours")
      }
      if !Birth.canBeRecorded(on: birth.date, by: referenceDate) {
        throw InputError(
          .invalidValue, field: "birth.date", detailKey: "error.invalid_value.birth_in_future",
          arguments: ["value": birth.date.iso, "reference": referenceDate.iso])
      }
    }
  }

  /// Attendance that can be checked without assessing: known item IDs, each once, and no
  /// date after the consultation. Whether an item belongs to her programme is the
  /// engine's check, once her schedule is known.
  private func validate(_ attendance: Attendance, against ruleSet: RuleSet) throws(InputError) {
    if attendance.since > referenceDate {
      throw InputError(
        .invalidValue, field: "attendance.since", detailKey: "error.invalid_value.attendance_in_future",
        arguments: ["value": attendance.since.iso, "reference": referenceDate.iso])
    }
    var seen: Set<String> = []
    for (index, item) in attendance.done.enumerated() {
      let field = "attendance.done[\(index)]"
      guard ruleSet.schedule.contains(where: { $0.id == item.id }) else {
        throw InputError(
          .invalidValue, field: field + ".id", detailKey: "error.invalid_value.attendance_item",
          arguments: ["value": "\"\(item.id)\""])
      }
      guard seen.insert(item.id).inserted else {
        throw InputError(
          .invalidValue, field: field + ".id", detailKey: "error.invalid_value.attendance_twice",
          arguments: ["value": "\"\(item.id)\""])
      }
      if item.date > referenceDate {
        throw InputError(
          .invalidValue, field: field + ".date", detailKey: "error.invalid_value.attendance_in_future",
          arguments: ["value": item.date.iso, "reference": referenceDate.iso])
      }
    }
  }
}
