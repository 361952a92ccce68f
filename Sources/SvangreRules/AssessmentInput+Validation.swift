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
    if let birth {
      if let hours = birth.dischargeHours, !Birth.dischargeHoursRange.contains(hours) {
        throw invalid("birth.discharge_hours", "discharge_hours", JSONValue.number(hours).shortDescription)
      }
      if birth.place == .hospital, birth.dischargeHours == nil {
        throw InputError(
          .missingField, field: "birth.discharge_hours", detailKey: "error.missing_field.discharge_hours")
      }
      if birth.date > referenceDate {
        throw InputError(
          .invalidValue, field: "birth.date", detailKey: "error.invalid_value.birth_in_future",
          arguments: ["value": birth.date.iso, "reference": referenceDate.iso])
      }
    }
  }
}
