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
        status: entry.status, visitations: entry.visitations, dated: dated, span: entry.programmeSpan, span)
        && (!dated || rules.meets(entry.programme, span))
    }
    if !refreshed, known.isEmpty, let stamped = try stampedProgrammes(meeting: days, wants: isCandidate) {
      return stamped
    }
    if !refreshed { try refresh() }
    // In the list's order, kept since the listing: no sort.
    let candidates = sorted().filter(isCandidate)
    // Each programme from its line, in parts over the cores (the cache only read); one a
    // line cannot give from the record's file afterwards, in turn (reading keeps a cache).
    let cache = programmeCache
    let found = Parallel.chunks(of: candidates.count, minimum: 1_000) { part in
      part.map { index -> Found in
        let entry = candidates[index]
        if let cached = cache[entry.id], cached.entry === entry { return .cached(cached.facts) }
        return rules.programme(of: entry).map(Found.decoded) ?? .inFile
      }
    }
    var result: [RecordProgramme] = []
    result.reserveCapacity(candidates.count)
    for (entry, found) in zip(candidates, found.joined()) {
      let facts: RecordProgramme?
      switch found {
      case .cached(let cached): facts = cached
      case .decoded(let decoded): facts = decoded
      case .inFile: facts = programmeFromFile(entry.id)
      }
      // Only an open store keeps them: a one-off process (`svangre due`) has no next time.
      if refreshed, !found.isCached { programmeCache[entry.id] = (entry, facts) }
      if let facts, facts.meets(days) { result.append(facts) }
    }
    Parallel.releaseLater((candidates, found))
    return result
  }

  /// Where a record's programme came from.
  private enum Found {
    case cached(RecordProgramme?)
    case decoded(RecordProgramme)
    /// Not from its line (another rule set's, or a line that does not read).
    case inFile

    var isCached: Bool { if case .cached = self { true } else { false } }
  }

  /// Whether a record's index line can give rows for the days `days` (day numbers): not
  /// closed, seen at least once, and a programme whose span meets them; a programme dated
  /// under another rule set than the one in use is always a candidate (its record is read).
  static func mayMeet(
    status: RecordStatus, visitations: Int, dated: Bool, span: ClosedRange<Int>?, _ days: ClosedRange<Int>
  ) -> Bool {
    guard status != .closed, visitations > 0 else { return false }
    guard dated else { return true }
    guard let span else { return false }
    return span.overlaps(days)
  }
}
