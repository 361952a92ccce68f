import SvangreRules

/// Birth and postnatal: enter the birth (date, place, discharge hours, traumatic, child
/// loss); the side shows the postnatal contacts with dates and the offers, live.
extension AppModel {
  mutating func performOnBirth(_ action: Action) {
    switch action {
    case .up, .previousPane: birth.focus = max(0, birth.focus - 1)
    case .down, .nextPane: birth.focus = min(BirthForm.rowCount - 1, birth.focus + 1)
    case .toggle:
      switch birth.focus {
      case 1: birth.place = birth.place == .hospital ? .home : .hospital
      case 3: birth.traumatic.toggle()
      case 4: birth.childLoss.toggle()
      default: return
      }
      fieldChanged()
    case .confirm: saveBirth()
    case .back:
      if birth.changed { dialog = .discard(quit: false) } else { leaveForm() }
    default: break
    }
  }

  mutating func saveBirth() {
    guard let record, let author = config.initials else {
      if config.initials == nil { dialog = .initials(TextField(maxLength: 6), then: .birth) }
      return
    }
    guard let value = birth.birth else {
      message = strings("birth.dateMissing")
      birth.focus = 0
      return
    }
    if case .failure(let error) = birthResult {
      message = error.message(strings)
      return
    }
    if record.birth != nil {
      // Already recorded: the edited values are saved as a correction, with a reason.
      dialog = .birthCorrection(TextField(maxLength: InputLimits.freeTextCharacters))
      return
    }
    do throws(RepositoryError) {
      try context.repository.recordBirth(
        recordID: record.id, birth: value, author: author, expectedRevision: record.revision)
    } catch {
      message = error.message
      return
    }
    birthSaved(recordID: record.id, messageKey: "birth.saved")
  }

  /// Saves the edited birth as a correction of the recorded one (the reason was asked).
  mutating func saveBirthCorrection(reason: String) {
    guard let record, let author = config.initials, let value = birth.birth else { return }
    do throws(RepositoryError) {
      try context.repository.amendBirth(
        recordID: record.id, birth: value, reason: reason, author: author, expectedRevision: record.revision)
    } catch {
      message = error.message
      return
    }
    birthSaved(recordID: record.id, messageKey: "birth.corrected")
  }

  /// After a save: the draft is done with, and the record is read back as stored.
  private mutating func birthSaved(recordID: String, messageKey: String) {
    discardDraft()
    birth.changed = false
    openRecord(id: recordID)
    reassessBirth()
    message = strings(messageKey)
  }

  func renderBirth(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    let leftWidth = width * 45 / 100
    var row = body.lowerBound + 1
    Layout.sectionTitle(strings("birth.title"), into: &buffer, row: row, column: 1, width: leftWidth - 2)
    row += 2
    let labelWidth = 20
    for index in 0..<BirthForm.rowCount {
      let focused = birth.focus == index
      buffer.put(focused ? "▶" : " ", row: row, column: 1, style: [.bold])
      buffer.put(strings("birth.row\(index)"), row: row, column: 3, style: focused ? [.bold] : [], limit: labelWidth)
      let column = 3 + labelWidth
      switch index {
      case 0: birth.date.render(into: &buffer, row: row, column: column, width: 11, focused: focused)
      case 1:
        // The choices one under the other (the row below is free), so both always show.
        for (offset, place) in [BirthPlace.hospital, .home].enumerated() {
          let chosen = birth.place == place
          buffer.put(
            (chosen ? "(•) " : "( ) ") + strings("place.\(place.rawValue)"), row: row + offset, column: column,
            style: chosen ? [.bold] : [], limit: max(0, leftWidth - column - 1))
        }
      case 2:
        if birth.place == .hospital {
          birth.dischargeHours.render(into: &buffer, row: row, column: column, width: 5, focused: focused)
          buffer.put(strings("birth.hours"), row: row, column: column + 6, style: [.dim], limit: leftWidth - column - 7)
        } else {
          buffer.put(strings("birth.notAtHome"), row: row, column: column, style: [.dim], limit: leftWidth - column - 1)
        }
      case 3:
        buffer.put(birth.traumatic ? "[x]" : "[ ]", row: row, column: column, style: birth.traumatic ? [.bold] : [])
      default:
        buffer.put(birth.childLoss ? "[x]" : "[ ]", row: row, column: column, style: birth.childLoss ? [.bold] : [])
      }
      row += 2
    }
    if let saved = record?.birth {
      buffer.put(
        strings("birth.recorded", ["date": saved.date.iso]), row: row, column: 3, style: [.dim], limit: leftWidth - 4)
    }
    Layout.verticalRule(into: &buffer, column: leftWidth, rows: body)

    // The postnatal side: contacts with dates, then the offers.
    var lines: [PageLine] = []
    let panelWidth = width - leftWidth - 3
    switch birthResult {
    case .success(let assessment):
      lines.append(PageLine(text: strings("birth.postnatal"), style: [.bold, .underline]))
      for item in assessment.postnatal {
        lines.append(
          PageLine(text: "\(Self.dates(item.from, item.to))  \(strings.who(item.who))", style: [.bold]))
        for line in DisplayWidth.wrap(item.label.text(language), to: panelWidth - 2) {
          lines.append(PageLine(text: "  " + line))
        }
      }
      lines.append(.blank)
      lines.append(PageLine(text: strings("panel.offers"), style: [.bold, .underline]))
      for offer in assessment.offers {
        for line in DisplayWidth.wrap("• " + offer.label.text(language), to: panelWidth) {
          lines.append(PageLine(text: line))
        }
      }
    case .failure(let error):
      lines.append(PageLine(text: strings("panel.inputProblem"), style: [.bold]))
      for line in DisplayWidth.wrap(error.message(strings), to: panelWidth) { lines.append(PageLine(text: line)) }
    case nil:
      let key = record?.current == nil ? "birth.needVisitation" : "birth.waiting"
      for line in DisplayWidth.wrap(strings(key), to: panelWidth) { lines.append(PageLine(text: line, style: [.dim])) }
    }
    for (line, row) in zip(lines, body) {
      buffer.put(line.text, row: row, column: leftWidth + 2, style: line.style, limit: panelWidth)
    }
  }

  /// "2027-05-20", or "2027-05-20–2027-05-21" for a window of more than one day.
  static func dates(_ from: CalendarDate, _ to: CalendarDate) -> String {
    from == to ? from.iso : "\(from.iso)–\(to.iso)"
  }
}
