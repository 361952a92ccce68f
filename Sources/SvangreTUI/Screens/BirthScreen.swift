import SvangreResources
import SvangreRules

extension ScreenID {
  public static let birth = ScreenID(rawValue: "birth")
}

/// Birth and postnatal: enter the birth (date, place, discharge hours, traumatic, child
/// loss); the side shows the postnatal contacts with dates and the offers, asked of the
/// engine on every change. A birth already recorded is corrected, with a reason.
public struct BirthScreen: ScreenUnit {
  public static let id = ScreenID.birth
  public static let keyTable = [
    Keys.up, Keys.down, Keys.nextPane, Keys.previousPane, Keys.toggle, Keys.confirm("birth"), Keys.back,
  ]
  public private(set) var detail: RecordDetail
  public var form: BirthForm
  public private(set) var result: Result<Assessment, InputError>?

  public init(_ record: RecordDetail, form: BirthForm? = nil, _ env: ScreenEnvironment) {
    detail = record
    self.form = form ?? record.birth.map(BirthForm.init(from:)) ?? BirthForm()
    reassess(env)
  }

  public var record: RecordDetail? { detail }
  public var draft: Draft? {
    guard form.changed else { return nil }
    return Draft(recordID: detail.id, recordName: detail.name, screen: Self.id.rawValue, birth: form)
  }

  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    guard draft.screen == id.rawValue, let record else { return nil }
    return BirthScreen(record, form: draft.birth ?? BirthForm(), env)
  }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let rows = BirthForm.Row.allCases
    let toggles = [.place, .traumatic, .childLoss].contains(form.focus)
    return (form.focus == rows.first ? [] : [Keys.up]) + (form.focus == rows.last ? [] : [Keys.down])
      + [Keys.nextPane, Keys.previousPane] + (toggles ? [Keys.toggle] : []) + [Keys.confirm("birth"), Keys.back]
  }

  public var focusedField: TextField? {
    get {
      switch form.focus {
      case .date: form.date
      case .dischargeHours where form.place == .hospital: form.dischargeHours
      default: nil
      }
    }
    set {
      guard let newValue else { return }
      switch form.focus {
      case .date: form.date = newValue
      case .dischargeHours: form.dischargeHours = newValue
      default: break
      }
    }
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    let rows = BirthForm.Row.allCases
    switch action {
    case .up, .previousPane: form.focus = rows[max(0, form.focus.rawValue - 1)]
    case .down, .nextPane: form.focus = rows[min(rows.count - 1, form.focus.rawValue + 1)]
    case .toggle:
      switch form.focus {
      case .place: form.place = form.place == .hospital ? .home : .hospital
      case .traumatic: form.traumatic.toggle()
      case .childLoss: form.childLoss.toggle()
      default: return []
      }
      return changed(env)
    case .edited: return changed(env)
    case .confirm: return save(env)
    case .textEntered(.birthCorrection, let reason):
      guard let birth = form.birth else { return [] }
      return [.amendBirth(recordID: detail.id, birth: birth, reason: reason, expectedRevision: detail.revision)]
    case .saved: return [.discardDraft, .load(recordID: detail.id)]
    case .loaded(let record):
      // Read back as stored: a second Enter is a correction of this birth.
      let key = detail.birth == nil ? "birth.saved" : "birth.corrected"
      detail = record
      form.changed = false
      reassess(env)
      return [.message(env.strings(key))]
    case .back: return form.changed ? [.confirmDiscard] : [.show(PlanScreen(detail, env))]
    case .discardConfirmed: return [.show(PlanScreen(detail, env))]
    default: break
    }
    return []
  }

  mutating func changed(_ env: ScreenEnvironment) -> [Effect] {
    form.changed = true
    reassess(env)
    return [.draftChanged]
  }

  mutating func reassess(_ env: ScreenEnvironment) {
    var input = detail.input(on: env.today)
    input?.birth = form.birth
    result = input?.birth == nil ? nil : env.clinic.assess(input)
  }

  mutating func save(_ env: ScreenEnvironment) -> [Effect] {
    guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
    guard let birth = form.birth else {
      form.focus = .date
      return [.message(env.strings("birth.dateMissing"))]
    }
    if case .failure(let error) = result { return [.message(error.message(env.strings))] }
    // Already recorded: the edited values are saved as a correction, with a reason.
    if detail.birth != nil { return [.askText(.birthCorrection)] }
    return [.recordBirth(recordID: detail.id, birth: birth, expectedRevision: detail.revision)]
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let (formArea, rule, panel) = WalkthroughScreen.panes(area, percent: 45)
    let pane = FormPane(formArea)
    var row = area.y + 1
    Layout.sectionTitle(strings("birth.title"), into: &buffer, row: row, column: pane.title.x, width: pane.title.width)
    row += 2
    for field in BirthForm.Row.allCases {
      let focused = form.focus == field
      let parts = Rect(x: pane.content.x, y: row, width: pane.content.width, height: 1).columns([.length(20), .fill()])
      let value = parts[1]
      buffer.put(focused ? "▶" : " ", row: row, column: pane.marker.x, style: [.bold])
      buffer.put(
        strings("birth.row\(field.rawValue)"), row: row, column: parts[0].x, style: focused ? [.bold] : [],
        limit: parts[0].width)
      switch field {
      case .date: form.date.render(into: &buffer, row: row, column: value.x, width: 11, focused: focused)
      case .place:
        // The choices one under the other (the row below is free), so both always show.
        for (offset, place) in [BirthPlace.hospital, .home].enumerated() {
          let chosen = form.place == place
          buffer.put(
            (chosen ? "(•) " : "( ) ") + strings("place.\(place.rawValue)"), row: row + offset, column: value.x,
            style: chosen ? [.bold] : [], limit: value.width)
        }
      case .dischargeHours:
        if form.place == .hospital {
          // The hours field, a column, then "timer".
          let hours = value.columns([.length(5), .length(1), .fill()])
          form.dischargeHours.render(
            into: &buffer, row: row, column: hours[0].x, width: hours[0].width, focused: focused)
          buffer.put(strings("birth.hours"), row: row, column: hours[2].x, style: [.dim], limit: hours[2].width)
        } else {
          buffer.put(strings("birth.notAtHome"), row: row, column: value.x, style: [.dim], limit: value.width)
        }
      case .traumatic, .childLoss:
        let ticked = field == .traumatic ? form.traumatic : form.childLoss
        buffer.put(ticked ? "[x]" : "[ ]", row: row, column: value.x, style: ticked ? [.bold] : [])
      }
      row += 2
    }
    if let saved = detail.birth {
      buffer.put(
        strings("birth.recorded", ["date": saved.date.iso]), row: row, column: pane.content.x, style: [.dim],
        limit: pane.content.width)
    }
    Layout.verticalRule(into: &buffer, column: rule.x, rows: area.rows)
    for (line, row) in zip(postnatalLines(width: panel.width, env), area.rows) {
      buffer.put(line.text, row: row, column: panel.x, style: line.style, limit: panel.width)
    }
  }

  /// The postnatal side: contacts with dates, then the offers.
  func postnatalLines(width: Int, _ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    var lines: [PageLine] = []
    switch result {
    case .success(let assessment):
      lines.append(PageLine(text: strings("birth.postnatal"), style: [.bold, .underline]))
      for item in assessment.postnatal {
        lines.append(PageLine(text: "\(DateWindow.text(item.from, item.to))  \(strings.who(item.who))", style: [.bold]))
        lines += PageLine.wrapped(item.label.text(env.language), width: width, indent: 2)
      }
      lines.append(.blank)
      lines.append(PageLine(text: strings("panel.offers"), style: [.bold, .underline]))
      for offer in assessment.offers { lines += PageLine.wrapped("• " + offer.label.text(env.language), width: width) }
    case .failure(let error):
      lines.append(PageLine(text: strings("panel.inputProblem"), style: [.bold]))
      lines += PageLine.wrapped(error.message(strings), width: width)
    case nil:
      let key = detail.current == nil ? "birth.needVisitation" : "birth.waiting"
      lines += PageLine.wrapped(strings(key), [.dim], width: width)
    }
    return lines
  }
}
