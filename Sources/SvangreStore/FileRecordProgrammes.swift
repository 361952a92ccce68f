import SvangreRules

extension FileRecordStore {
  /// `RecordStore.programmes(meeting:)` from the index: a line dated under the rule set in
  /// use is read without opening the record (and only when its span meets `days`); any
  /// other line — another rule set's, or one that does not read — from the record file.
  /// Over the newest listing, as `search`: `list()` or `refresh()` first to see other
  /// processes' saves (a store not yet listed lists itself).
  public func programmes(meeting days: ClosedRange<CalendarDate>) throws(StoreError) -> [RecordProgramme] {
    if !refreshed { try refresh() }
    let rules = programmeRules
    let lower = days.lowerBound.dayNumber
    let upper = days.upperBound.dayNumber
    var candidates: [IndexEntry] = []
    for entry in known.values where entry.status != .closed && entry.visitations > 0 {
      if entry.programmeTag == rules.tag {
        guard let span = entry.programmeSpan, span.lowerBound <= upper, span.upperBound >= lower else { continue }
      }
      candidates.append(entry)
    }
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
