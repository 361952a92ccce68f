import SvangreRules

/// The record list: every record with name, masked CPR, GA today, level and next due item;
/// `/` searches as you type (name or CPR, by the store); `n` creates a record.
extension AppModel {
  mutating func performOnList(_ action: Action) {
    switch action {
    case .up: selectedRow = max(0, selectedRow - 1)
    case .down: selectedRow = min(max(0, rows.count - 1), selectedRow + 1)
    case .pageUp: selectedRow = max(0, selectedRow - listPageSize)
    case .pageDown: selectedRow = min(max(0, rows.count - 1), selectedRow + listPageSize)
    case .search:
      searching = true
    case .confirm:
      if searching {
        searching = false
      } else if rows.indices.contains(selectedRow) {
        openFromList(rows[selectedRow].id)
      }
    case .back:
      // Esc while searching clears the search.
      searching = false
      query = TextField(maxLength: 40)
      reloadRows()
    case .newRecord:
      newRecord = NewRecordForm()
      screen = .newRecord
    case .initials:
      dialog = .initials(TextField(config.initials ?? "", maxLength: 6), then: nil)
    case .training:
      startTraining()
    default: break
    }
  }

  /// Enter on a record: her plan if she has a visitation, else the first walkthrough.
  mutating func openFromList(_ id: String) {
    guard openRecord(id: id) else { return }
    pageOffset = 0
    if record?.visitations.isEmpty == false {
      screen = .plan
    } else {
      startWalkthrough()
    }
  }

  var listPageSize: Int { max(1, Layout.bodyRows(height: height).count - 3) }

  func renderList(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    // The search line.
    let label = strings("list.search") + " "
    let labelWidth = buffer.put(label, row: body.lowerBound, column: 1, style: searching ? [.bold] : [])
    if searching || !query.value.isEmpty {
      query.render(into: &buffer, row: body.lowerBound, column: 1 + labelWidth, width: 30, focused: searching)
    } else {
      buffer.put(strings("list.searchHint"), row: body.lowerBound, column: 1 + labelWidth, style: [.dim])
    }
    let count = strings("list.count", ["count": String(rows.count)])
    buffer.put(count, row: body.lowerBound, column: width - DisplayWidth.of(count) - 1, style: [.dim])

    // Columns: name takes what is left after the fixed ones.
    let cprWidth = 12, gaWidth = 7, levelWidth = 7
    let nextWidth = max(20, (width - 2) / 3)
    let nameWidth = width - 2 - cprWidth - gaWidth - levelWidth - nextWidth
    let columns = [
      1, 1 + nameWidth, 1 + nameWidth + cprWidth, 1 + nameWidth + cprWidth + gaWidth,
      1 + nameWidth + cprWidth + gaWidth + levelWidth,
    ]
    let headerRow = body.lowerBound + 2
    let headers = ["list.name", "list.cpr", "list.ga", "list.level", "list.next"]
    for (index, key) in headers.enumerated() {
      buffer.put(strings(key), row: headerRow, column: columns[index], style: [.bold, .underline])
    }

    guard !rows.isEmpty else {
      let empty = query.value.isEmpty ? strings("list.empty") : strings("list.noMatch", ["query": query.value])
      buffer.put(empty, row: headerRow + 2, column: 1, style: [.dim])
      return
    }
    let visible = body.upperBound - headerRow - 1
    let offset = Layout.scrollOffset(selected: selectedRow, current: 0, visible: visible)
    for (line, index) in (offset..<min(rows.count, offset + visible)).enumerated() {
      let row = headerRow + 1 + line
      let summary = rows[index]
      let facts = listFacts(summary)
      let cells = [summary.name, summary.maskedCPR, facts.ga, facts.level, facts.next]
      let widths = [nameWidth, cprWidth, gaWidth, levelWidth, nextWidth]
      let selected = index == selectedRow
      if selected { buffer.fill(row: row, column: 0, count: width, style: [.reverse]) }
      if selected { buffer.put("▶", row: row, column: 0, style: [.reverse, .bold]) }
      for (column, text) in cells.enumerated() {
        buffer.put(
          DisplayWidth.truncate(text, to: widths[column] - 1), row: row, column: columns[column],
          style: selected ? [.reverse] : [])
      }
    }
  }

  /// GA today, level and next due item for one list row: the record's state now (after
  /// corrections) re-assessed by the engine on today's date; past 44+0 with no birth, her
  /// last known level and a prompt to record the birth. Only visible rows are asked, and the
  /// answer is kept until the record's revision changes.
  func listFacts(_ row: RecordRow) -> ListFacts {
    if let cached = factsCache.entries[row.id], cached.revision == row.revision { return cached.facts }
    let facts = computeListFacts(row)
    factsCache.entries[row.id] = (row.revision, facts)
    return facts
  }

  private func computeListFacts(_ row: RecordRow) -> ListFacts {
    guard let record = try? context.repository.record(id: row.id), let input = record.input(on: context.today) else {
      return ListFacts(ga: "–", level: "–", next: strings("list.noVisitation"))
    }
    guard let followUp = followUp(of: record) else { return ListFacts(ga: "?", level: "?", next: "") }
    let assessment = followUp.assessment
    let level = assessment.overridden ? "\(assessment.level)*" : "\(assessment.level)"
    let items = assessment.schedule + assessment.postnatal
    let next =
      followUp.birthNotRecorded
      ? strings("list.birthNotRecorded")
      : items.first { $0.status == .due }.map {
        strings("list.dueNow", ["item": $0.label.text(language)])
      }
        ?? items.first { $0.status == .late }.map {
          strings("list.lateUntil", ["item": $0.label.text(language), "date": $0.lastDay.iso])
        }
        ?? items.first { $0.status == .upcoming }.map {
          "\($0.from.iso) \($0.label.text(language))"
        } ?? "–"
    let ga = input.birth == nil ? followUp.gestationalAge.description : strings("list.born")
    return ListFacts(ga: ga, level: level, next: next)
  }
}

/// What the list shows for one record beyond name and CPR.
struct ListFacts {
  var ga: String
  var level: String
  var next: String
}

/// The list's per-record facts, kept between frames. A class, so that `render()` (which
/// must not change the model) can still remember what it computed.
final class ListFactsCache {
  var entries: [String: (revision: Int, facts: ListFacts)] = [:]
}
