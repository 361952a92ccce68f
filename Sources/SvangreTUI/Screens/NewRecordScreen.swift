/// The new-record form: name and CPR number. The store validates the CPR number and
/// refuses what it cannot accept; the message is shown under the form.
extension AppModel {
  mutating func performOnNewRecord(_ action: Action) {
    switch action {
    case .up, .previousPane: newRecord.focus = 0
    case .down, .nextPane: newRecord.focus = 1
    case .back:
      if newRecord.isEmpty { leaveForm() } else { dialog = .discard(quit: false) }
    case .confirm:
      if newRecord.focus == 0 {
        newRecord.focus = 1
      } else {
        createRecord()
      }
    default: break
    }
  }

  mutating func createRecord() {
    let name = newRecord.name.value
    guard !name.isEmpty else {
      message = strings("newRecord.nameMissing")
      newRecord.focus = 0
      return
    }
    // The store records who created the record: ask for initials first if need be.
    guard let author = config.initials else {
      dialog = .initials(TextField(maxLength: 6), then: .record)
      return
    }
    do throws(RepositoryError) {
      let id = try context.repository.create(name: name, cpr: newRecord.cpr.value, author: author)
      newRecord = NewRecordForm()
      discardDraft()
      reloadRows()
      guard openRecord(id: id) else { return }
      startWalkthrough()
      message = strings("newRecord.created", ["name": name])
    } catch {
      message = error.message
    }
  }

  func renderNewRecord(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    let top = body.lowerBound + 1
    Layout.sectionTitle(strings("newRecord.title"), into: &buffer, row: top, column: 2, width: width - 4)
    let labels = [strings("newRecord.name"), strings("newRecord.cpr")]
    let labelWidth = labels.map(DisplayWidth.of).max()! + 2
    for (index, label) in labels.enumerated() {
      let row = top + 2 + index * 2
      let focused = newRecord.focus == index
      buffer.put(focused ? "▶" : " ", row: row, column: 2, style: [.bold])
      buffer.put(label, row: row, column: 4, style: focused ? [.bold] : [])
      let field = index == 0 ? newRecord.name : newRecord.cpr
      field.render(into: &buffer, row: row, column: 4 + labelWidth, width: index == 0 ? 44 : 12, focused: focused)
    }
    buffer.put(strings("newRecord.cprHint"), row: top + 5, column: 4 + labelWidth, style: [.dim])
    for (offset, line) in DisplayWidth.wrap(strings("newRecord.help"), to: width - 8).enumerated() {
      buffer.put(line, row: top + 8 + offset, column: 4, style: [.dim])
    }
  }
}
