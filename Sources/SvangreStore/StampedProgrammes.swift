import SvangreRules

extension FileRecordStore {
  /// `programmes(meeting:)` from a stamped index (`IndexStamp`), for a process that asks
  /// for the worklist without listing (`svangre due`): nil unless the index ends in a stamp
  /// that still matches the directory.
  ///
  /// The lines are taken as they are, with no `stat` for a record whose programme cannot
  /// meet `days`. For each one that can, in the scan's parts over the cores: her file is
  /// checked (identity, owner and mode, as a listing would), her programme decoded from
  /// the line, and the part put in the list's order; the parts are then merged. Read from
  /// her file instead (`wants` judging the entry it gives): a record whose file changed
  /// since its line, whose line was dated under another rule set or does not read, and
  /// each file the stamp names as unreadable (reported in `problems` if it still is).
  /// `parts` chooses the scan's number of parts (tests).
  func stampedProgrammes(
    meeting days: ClosedRange<CalendarDate>, parts: Int? = nil, wants: (IndexEntry) -> Bool
  ) throws(StoreError) -> [RecordProgramme]? {
    let rules = programmeRules
    let span = days.lowerBound.dayNumber...days.upperBound.dayNumber
    let tag = Array(rules.tag.utf8)
    let files = self.files
    guard
      let scan = StoreIndex.scan(
        directory: files, parts: parts, make: { IndexedProgramme($0, rules: rules, tag: tag, span: span, days: days) },
        finish: { StampedPart($0, checkedIn: files) }),
      scan.records == scan.stamp.records, scan.stamp.directory == DirectoryIdentity(fd: files.fd)
    else { return nil }
    problems = []
    var parts = scan.parts
    let unreadable = Set(scan.stamp.unreadable)
    if !unreadable.isEmpty {
      for part in parts.indices {
        let lines = parts[part].lines
        parts[part].order.removeAll { unreadable.contains(lines[$0].id) }
      }
    }
    var fromFile: [IndexedProgramme] = []
    for id in scan.parts.flatMap(\.fromFile).filter({ !unreadable.contains($0) }) + scan.stamp.unreadable {
      guard let entry = try reread(id, wants: wants),
        let facts = rules.programme(of: entry) ?? programmeFromFile(entry.id), facts.meets(days)
      else { continue }
      fromFile.append(IndexedProgramme(id: entry.id, file: entry.file, fold: entry.fold, facts: facts))
    }
    problems.sort { $0.id < $1.id }
    if !fromFile.isEmpty { parts.append(StampedPart(fromFile, checkedIn: nil)) }
    return StampedPart.merged(&parts)
  }

  /// Her programme from her record file; nil when it does not read, is closed or has none.
  func programmeFromFile(_ id: String) -> RecordProgramme? {
    guard case .success(let (record, _)) = readFile(id) else { return nil }
    return RecordProgramme(record: record, engine: programmeRules.engine)
  }
}

/// A record's latest index line as the worklist takes it (`stampedProgrammes`): made in the
/// scan straight from the line's bytes, with no `IndexEntry` and no copy of the encoded
/// programme.
struct IndexedProgramme {
  var id: String
  var file: FileIdentity
  /// The folded name, for the list's order.
  var fold: String
  /// Her programme from the line; nil when the line cannot give it (dated under another
  /// rule set, or it does not read): her file does.
  var facts: RecordProgramme?

  init(id: String, file: FileIdentity, fold: String, facts: RecordProgramme?) {
    self.id = id
    self.file = file
    self.fold = fold
    self.facts = facts
  }

  /// Nil when the line says the record gives no row for `days` (`span`, day numbers):
  /// closed, never seen, or no window of her programme meets them.
  init?(
    _ fields: IndexLineFields, rules: ProgrammeRules, tag: [UInt8], span: ClosedRange<Int>,
    days: ClosedRange<CalendarDate>
  ) {
    // Judged first, from the bytes (the windows read up to the first that meets the days):
    // most lines of a large store are passed over here, with nothing made.
    var fromLine = false
    if let status = fields.status, let visitations = fields.visitations {
      let dated = fields.isTagged(tag)
      guard
        FileRecordStore.mayMeet(
          status: status, visitations: visitations, dated: dated, span: fields.span, span,
          windowsMeet: { rules.meets(bytes: fields[18], span) })
      else { return nil }
      fromLine = dated
    }
    id = String(decoding: fields[1], as: UTF8.self)
    // A line whose file facts do not read matches no file: her file is read.
    file =
      if let inode = IndexEntry.number(fields[2]), let size = IndexEntry.number(fields[13]),
        let mtime = IndexEntry.number(fields[14])
      {
        FileIdentity(inode: UInt64(inode), size: Int64(size), mtime: Int64(mtime))
      } else {
        FileIdentity(inode: 0, size: -1, mtime: 0)
      }
    fold = String(decoding: fields[6], as: UTF8.self)
    guard fromLine, let (programme, known) = rules.decode(bytes: fields[18]) else {
      facts = nil
      return
    }
    let facts = RecordProgramme(
      id: id, name: String(decoding: fields[5], as: UTF8.self),
      maskedCPR: CPRNumber.mask(String(decoding: fields[4], as: UTF8.self)), level: IndexEntry.number(fields[7]),
      programme: programme, known: known)
    guard facts.meets(days) else { return nil }
    self.facts = facts
  }
}

/// One part of a stamped index's scan (`stampedProgrammes`), finished on its own core.
/// Programmes are moved, never copied: each copy of one retains its name and arrays, and
/// at 30,000 records sorting and merging copies was a tenth of `svangre due`.
struct StampedPart {
  var lines: [IndexedProgramme]
  /// The positions in `lines` of the records whose files are as their lines describe them
  /// and whose programmes the lines give, in the list's order.
  var order: [Int]
  /// The records to read from their files.
  var fromFile: [String]

  /// `lines`, each record's file checked in `files` (nil: records just read from their files).
  init(_ lines: [IndexedProgramme], checkedIn files: StoreDirectory?) {
    var ready: [Int] = []
    ready.reserveCapacity(lines.count)
    fromFile = []
    for position in lines.indices {
      if lines[position].facts != nil,
        files.map({ $0.identity(of: lines[position].id + ".json") == lines[position].file }) ?? true
      {
        ready.append(position)
      } else {
        fromFile.append(lines[position].id)
      }
    }
    order = SortKeys(ready, fold: { lines[$0].fold }, id: { lines[$0].id }).order().map { ready[$0] }
    self.lines = lines
  }

  /// The parts' programmes in one list, in its order (each part in that order already),
  /// moved out of the parts.
  static func merged(_ parts: inout [StampedPart]) -> [RecordProgramme] {
    var next = [Int](repeating: 0, count: parts.count)
    var result: [RecordProgramme] = []
    result.reserveCapacity(parts.reduce(0) { $0 + $1.order.count })
    while true {
      var first: Int?
      for part in parts.indices where next[part] < parts[part].order.count {
        guard let best = first else {
          first = part
          continue
        }
        let candidate = parts[part].order[next[part]]
        let leader = parts[best].order[next[best]]
        if SortKeys.precedes(
          fold: parts[part].lines[candidate].fold, id: parts[part].lines[candidate].id,
          parts[best].lines[leader].fold, parts[best].lines[leader].id)
        {
          first = part
        }
      }
      guard let first else { return result }
      result.append(parts[first].lines[parts[first].order[next[first]]].facts.take()!)
      next[first] += 1
    }
  }
}
