import SvangreRules

extension FileRecordStore {
  /// `RecordStore.programmes(meeting:)` from the index: a line dated under the rule set in
  /// use is read without opening the record (and only when its span meets `days`); any
  /// other line — another rule set's, or one that does not read — from the record file.
  /// Over the newest listing, as `search`: `list()` or `refresh()` first to see other
  /// processes' saves. A store not yet listed takes a stamped index as it is and checks
  /// only the files of the records it returns (`stampedProgrammes`); else it lists itself.
  public func programmes(meeting days: ClosedRange<CalendarDate>) throws(StoreError) -> [RecordProgramme] {
    let rules = programmeRules
    let span = days.lowerBound.dayNumber...days.upperBound.dayNumber
    func isCandidate(_ entry: IndexEntry) -> Bool {
      let dated = entry.programmeTag == rules.tag
      return Self.mayMeet(
        status: entry.status, visitations: entry.visitations, dated: dated, span: entry.programmeSpan, span
      ) { rules.meets(entry.programme, span) }
    }
    if !refreshed, known.isEmpty, let stamped = try stampedProgrammes(meeting: days, wants: isCandidate) {
      return stamped
    }
    if !refreshed { try refresh() }
    // In the list's order, kept since the listing (no sort), judged in parts over the cores.
    let listed = sorted()
    let candidates = Array(
      Parallel.chunks(of: listed.count, minimum: 10_000) { part in listed[part].filter(isCandidate) }.joined())
    // Each programme as worked out before, else from its line, kept if it meets the days,
    // in parts over the cores; one a line cannot give from the record's file afterwards, in
    // turn. Then moved, in order, into the answer.
    var found = Parallel.map(candidates.count, minimum: 1_000) { index -> (meets: RecordProgramme?, inFile: Bool) in
      let entry = candidates[index]
      let worked: RecordProgramme?
      if let known = entry.workedProgramme {
        worked = known
      } else if let decoded = rules.programme(of: entry) {
        entry.workedProgramme = .some(decoded)  // this part's own entry
        worked = decoded
      } else {
        return (nil, true)
      }
      return (worked?.meets(days) == true ? worked : nil, false)
    }
    var result: [RecordProgramme] = []
    result.reserveCapacity(found.count)
    for index in found.indices {
      if found[index].inFile {
        let facts = programmeFromFile(candidates[index].id)
        candidates[index].workedProgramme = .some(facts)
        if let facts, facts.meets(days) { result.append(facts) }
      } else if let facts = found[index].meets.take() {
        result.append(facts)
      }
    }
    Parallel.releaseLater((candidates, found))
    return result
  }

  /// Whether a record's index line can give rows for the days `days` (day numbers): not
  /// closed, seen at least once, and a programme whose span meets them and one of whose
  /// windows does (`windowsMeet`, asked last: it reads the programme's text); a programme
  /// dated under another rule set than the one in use is always a candidate (its record is
  /// read). The one judgement of a line, for an entry and for a stamped line's bytes alike.
  static func mayMeet(
    status: RecordStatus, visitations: Int, dated: Bool, span: ClosedRange<Int>?, _ days: ClosedRange<Int>,
    windowsMeet: () -> Bool
  ) -> Bool {
    guard status != .closed, visitations > 0 else { return false }
    guard dated else { return true }
    guard let span, span.overlaps(days) else { return false }
    return windowsMeet()
  }
}
