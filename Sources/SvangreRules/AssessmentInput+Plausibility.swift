// Dates and texts a person can mistype far beyond anything clinical: year 9999, a due date
// two years out, an override reason of 50 MB. The bounds are svangre's choice
// (`InputLimits`, docs/cli.md "Limits"); the Fødeplan says nothing about them.

extension AssessmentInput {
  /// Every date of the input, with its field.
  var datedFields: [(field: String, date: CalendarDate)] {
    var dates: [(String, CalendarDate?)] = [
      ("reference_date", referenceDate), ("dating.due_date", dating.dueDate), ("dating.lmp", dating.lastPeriod),
      ("dating.scan_date", dating.scanDate), ("birth.date", birth?.date), ("attendance.since", attendance?.since),
    ]
    for (index, item) in (attendance?.done ?? []).enumerated() {
      dates.append(("attendance.done[\(index)].date", item.date))
    }
    return dates.compactMap { field, date in date.map { (field, $0) } }
  }

  /// Every date in the years svangre accepts, and an override reason within the free-text
  /// limit. Part of `validate`, so it holds for an input built in code as for one read.
  func validatePlausibility() throws(InputError) {
    // The fields of `datedFields`, in its order, named only when one is refused: the
    // engine checks every input, and building the list cost a tenth of an assessment.
    func check(_ date: CalendarDate?, _ field: @autoclosure () -> String) throws(InputError) {
      guard let date, !InputLimits.isPlausible(date) else { return }
      throw InputError(
        .invalidDate, field: field(), detailKey: "error.invalid_date.years",
        arguments: [
          "value": date.iso, "first": String(InputLimits.years.lowerBound),
          "last": String(InputLimits.years.upperBound),
        ])
    }
    try check(referenceDate, "reference_date")
    try check(dating.dueDate, "dating.due_date")
    try check(dating.lastPeriod, "dating.lmp")
    try check(dating.scanDate, "dating.scan_date")
    try check(birth?.date, "birth.date")
    try check(attendance?.since, "attendance.since")
    for (index, item) in (attendance?.done ?? []).enumerated() {
      try check(item.date, "attendance.done[\(index)].date")
    }
    if let override, !InputLimits.fits(override.reason, within: InputLimits.freeTextCharacters) {
      throw InputError(.invalidOverride, field: "override.reason", detailKey: "error.invalid_override.reason_too_long")
    }
  }

  /// The dates of a consultation as it is entered: each within a year of its reference
  /// date. Checked when an input is read, not by `validate`: a saved visitation is later
  /// assessed again on a later day, and what was plausible when it was entered stays so.
  ///
  /// A birth or attendance date lies at most a year before the reference date. Each
  /// dating source gives a due date within a year of it — except the source in use before
  /// the birth, which the contract already holds to 0+0–44+0 (`dating_out_of_range`).
  func validateNearReference() throws(InputError) {
    let inUse = birth == nil ? AssessmentEngine.dueDate(for: dating)?.1 : nil
    let sources: [(String, DatingSource, Dating)] = [
      ("dating.due_date", .dueDate, Dating(dueDate: dating.dueDate)),
      ("dating.scan_date", .scan, Dating(scanDate: dating.scanDate, scanAge: dating.scanAge)),
      ("dating.lmp", .lastPeriod, Dating(lastPeriod: dating.lastPeriod, cycleDays: dating.cycleDays)),
    ]
    for (field, source, alone) in sources where source != inUse {
      guard let (dueDate, _) = AssessmentEngine.dueDate(for: alone) else { continue }
      if abs(dueDate.days(since: referenceDate)) > InputLimits.daysFromReference {
        throw farFromReference(field, alone.dueDate ?? alone.scanDate ?? alone.lastPeriod ?? dueDate)
      }
    }
    for (field, date) in datedFields where field.hasPrefix("birth.") || field.hasPrefix("attendance.") {
      if referenceDate.days(since: date) > InputLimits.daysFromReference { throw farFromReference(field, date) }
    }
  }

  private func farFromReference(_ field: String, _ date: CalendarDate) -> InputError {
    InputError(
      .invalidDate, field: field, detailKey: "error.invalid_date.far",
      arguments: ["value": date.iso, "reference": referenceDate.iso])
  }
}
