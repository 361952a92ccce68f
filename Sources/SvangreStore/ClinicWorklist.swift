import SvangreRules

/// The clinic's worklist ("Ugens kalender") for a range of days: every item of every open
/// record's programme that the rules list for those days (`AssessmentEngine.worklist`),
/// with who she is. Built once over the store (`RecordStore.worklist`), by the CLI's
/// `svangre due` and the TUI's worklist alike; nothing here decides a status.
public struct Worklist: Sendable, Equatable {
  /// The clinical date the statuses are as of.
  public var today: CalendarDate
  public var range: ClosedRange<CalendarDate>
  public var filter: WorklistFilter
  /// The rows the filter lets through: by day, then status (`WorklistFilter.statusOrder`),
  /// then name, then the programme's order.
  public var rows: [WorklistRow]
  /// Rows per status for the filter's providers, whatever statuses it shows: the counts a
  /// screen shows beside the list.
  public var counts: [VisitStatus: Int]

  public init(
    today: CalendarDate, range: ClosedRange<CalendarDate>, filter: WorklistFilter, rows: [WorklistRow],
    counts: [VisitStatus: Int]
  ) {
    self.today = today
    self.range = range
    self.filter = filter
    self.rows = rows
    self.counts = counts
  }

  /// `rows` grouped by day, in order; days with no row left out.
  public var days: [(day: CalendarDate, rows: [WorklistRow])] {
    dayRanges.map { ($0.day, Array(rows[$0.rows])) }
  }

  /// The positions in `rows` of each day's rows, in order: `days` without copying a row.
  public var dayRanges: [(day: CalendarDate, rows: Range<Int>)] {
    var groups: [(day: CalendarDate, rows: Range<Int>)] = []
    var start = 0
    for index in rows.indices where index + 1 == rows.count || rows[index + 1].day != rows[index].day {
      groups.append((rows[index].day, start..<index + 1))
      start = index + 1
    }
    return groups
  }
}

/// One line of the worklist: one item of one woman's programme on one day.
public struct WorklistRow: Sendable, Equatable {
  public var day: CalendarDate
  public var status: VisitStatus
  public var recordID: String
  public var name: String
  /// `DDMMYY-XXXX`: a list never shows the whole CPR number.
  public var maskedCPR: String
  public var level: Int?
  /// Her gestational age on `day`, for an antenatal item.
  public var gestationalAge: GestationalAge?
  /// Days since the birth on `day`, for a postnatal contact.
  public var daysAfterBirth: Int?
  public var item: RuleText
  public var who: CareProvider
  /// The item's window (and latest day) on her dates.
  public var from: CalendarDate
  public var to: CalendarDate
  public var latest: CalendarDate?
}

/// Which rows a worklist shows: by who carries the item out, and by status.
public struct WorklistFilter: Sendable, Equatable {
  /// Nil for everyone.
  public var who: Set<CareProvider>?
  public var statuses: Set<VisitStatus>

  /// What needs the clinic: due, late and missed (done items are counted, not listed).
  public static let standardStatuses: Set<VisitStatus> = [.due, .late, .missed]
  /// Within a day: what can still be done and is most pressing first.
  public static let statusOrder: [VisitStatus] = [.late, .due, .missed, .done]

  public init(who: Set<CareProvider>? = nil, statuses: Set<VisitStatus> = WorklistFilter.standardStatuses) {
    self.who = who
    self.statuses = statuses
  }
}

extension Worklist {
  /// The worklist of `records` (their programmes meeting `range`) for `range` as the clinic
  /// knows it on `today`: statuses by the rules (`AssessmentEngine.worklist`, with what her
  /// record knows of her attendance), the items' texts and providers from `engine` (the rule
  /// set in use, the one the programmes were dated under). `records` in list order.
  public init(
    records: [RecordProgramme], engine: AssessmentEngine, today: CalendarDate, range: ClosedRange<CalendarDate>,
    filter: WorklistFilter
  ) {
    let catalogue = ProgrammeItemCatalogue(engine)
    let items = catalogue.items
    // Each record's entries by the rules, in parts over the cores (records are independent);
    // a row is made only for what is listed, once, in its place.
    let parts = Parallel.chunks(of: records.count, minimum: 1_000) { part in
      var listed: [Listed] = []
      for index in part {
        let programme = records[index].programme
        for entry in AssessmentEngine.worklist(programme, known: records[index].known, today: today, range: range) {
          let window = programme.windows[entry.window]
          guard let item = catalogue.position(of: window),
            filter.who?.contains(items[item].who) ?? true
          else { continue }
          listed.append(Listed(record: index, entry: entry, item: item))
        }
      }
      return listed
    }
    // Counted, then put in order by day and status with one counting pass (stable: records
    // come in name order and their items in programme order, which it keeps): at 37,000
    // rows a comparison sort was a tenth of the worklist.
    let rank = Dictionary(uniqueKeysWithValues: WorklistFilter.statusOrder.enumerated().map { ($1, $0) })
    let ranks = WorklistFilter.statusOrder.count + 1
    let days = range.upperBound.days(since: range.lowerBound) + 1
    var counts: [VisitStatus: Int] = [:]
    var shown: [(listed: Listed, key: Int)] = []
    for listed in parts.joined() {
      counts[listed.entry.status, default: 0] += 1
      guard filter.statuses.contains(listed.entry.status) else { continue }
      // A row's day is in the range (`AssessmentEngine.worklist`); clamped all the same.
      let day = min(max(listed.entry.day.days(since: range.lowerBound), 0), days - 1)
      shown.append((listed, day * ranks + (rank[listed.entry.status] ?? ranks - 1)))
    }
    var starts = [Int](repeating: 0, count: days * ranks + 1)
    for row in shown { starts[row.key + 1] += 1 }
    for key in 1..<starts.count { starts[key] += starts[key - 1] }
    var order = [Int](repeating: 0, count: shown.count)
    for (position, row) in shown.enumerated() {
      order[starts[row.key]] = position
      starts[row.key] += 1
    }
    let rows = Parallel.map(order.count) { place in
      let listed = shown[order[place]].listed
      let (record, entry) = (records[listed.record], listed.entry)
      let window = record.programme.windows[entry.window]
      let item = items[listed.item]
      return WorklistRow(
        day: entry.day, status: entry.status, recordID: record.id, name: record.name, maskedCPR: record.maskedCPR,
        level: record.level,
        gestationalAge: window.isPostnatal ? nil : GestationalAge(on: entry.day, dueDate: record.programme.dueDate),
        daysAfterBirth: window.isPostnatal ? record.programme.birthDate.map { entry.day.days(since: $0) } : nil,
        item: item.text, who: item.who, from: window.from, to: window.to, latest: window.latest)
    }
    self.init(today: today, range: range, filter: filter, rows: rows, counts: counts)
  }

  /// One entry of one record (by position), with its item (by position in
  /// `AssessmentEngine.programmeItems`).
  private struct Listed {
    var record: Int
    var entry: WorklistEntry
    var item: Int
  }
}

extension RecordStore {
  /// The worklist for `range` as the clinic knows it on `today`, over the newest listing
  /// (`programmes(meeting:)`); `engine` is the rule set in use (`ruleSets.first`).
  public func worklist(
    engine: AssessmentEngine, today: CalendarDate, range: ClosedRange<CalendarDate>, filter: WorklistFilter
  ) throws(StoreError) -> Worklist {
    let records = try programmes(meeting: range)
    let worklist = Worklist(records: records, engine: engine, today: today, range: range, filter: filter)
    Parallel.releaseLater(records)
    return worklist
  }
}
