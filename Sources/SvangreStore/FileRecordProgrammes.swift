import SvangreRules

extension FileRecordStore {
  /// `RecordStore.programmes(meeting:)` from the index: a line dated under the rule set in
  /// use is read without opening the record (and only when its span meets `days`); any
  /// other line — another rule set's, or one that does not read — from the record file.
  /// Over the newest listing, as `search`: `list()` or `refresh()` first to see other
  /// processes' saves. A store not yet listed takes a stamped index as it is
  /// (`openFromStamp`) and checks only the files of the records it returns; else it lists
  /// itself.
  public func programmes(meeting days: ClosedRange<CalendarDate>) throws(StoreError) -> [RecordProgramme] {
    var unverified = false
    if !refreshed {
      unverified = try openFromStamp()
      if !unverified { try refresh() }
    }
    let rules = programmeRules
    let lower = days.lowerBound.dayNumber
    let upper = days.upperBound.dayNumber
    func isCandidate(_ entry: IndexEntry) -> Bool {
      guard entry.status != .closed, entry.visitations > 0 else { return false }
      guard entry.programmeTag == rules.tag else { return true }
      guard let span = entry.programmeSpan else { return false }
      return span.lowerBound <= upper && span.upperBound >= lower
    }
    var candidates = known.values.filter(isCandidate)
    // A file found changed is read again, and may no longer be one.
    if unverified { candidates = try verified(candidates).filter(isCandidate) }
    var result: [RecordProgramme] = []
    result.reserveCapacity(candidates.count)
    for entry in SortKeys(candidates).sorted() {
      if entry.programmeTag == rules.tag, let (programme, known) = rules.decode(entry.programme) {
        let facts = RecordProgramme(
          id: entry.id, name: entry.name, maskedCPR: CPRNumber.mask(entry.cpr), level: entry.lastLevel,
          programme: programme, known: known)
        if facts.meets(days) { result.append(facts) }
      } else if case .success(let (record, _)) = readFile(entry.id),
        let facts = RecordProgramme(record: record, engine: rules.engine), facts.meets(days)
      {
        result.append(facts)
      }
    }
    return result
  }
}
