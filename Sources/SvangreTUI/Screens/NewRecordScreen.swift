import SvangreResources

extension ScreenID {
  public static let newRecord = ScreenID(rawValue: "newRecord")
}

/// The new-record form: name and CPR number. The store validates the CPR number and
/// refuses what it cannot accept; the message is shown under the form, nothing is lost.
public struct NewRecordScreen: ScreenUnit {
  public static let id = ScreenID.newRecord
  public static let keyTable = [
    Keys.up, Keys.down, Keys.nextPane, Keys.previousPane, Keys.confirm("newRecord"), Keys.back,
  ]
  public var form = NewRecordForm()

  public init(form: NewRecordForm = NewRecordForm()) { self.form = form }

  public var draft: Draft? {
    form.isEmpty ? nil : Draft(recordID: nil, recordName: nil, screen: Self.id.rawValue, newRecord: form)
  }

  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    guard draft.screen == id.rawValue else { return nil }
    return NewRecordScreen(form: draft.newRecord ?? NewRecordForm())
  }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    (form.focus == .name ? [Keys.down, Keys.nextPane] : [Keys.up, Keys.previousPane])
      + [Keys.confirm("newRecord"), Keys.back]
  }

  public var focusedField: TextField? {
    get { form.focus == .name ? form.name : form.cpr }
    set {
      guard let newValue else { return }
      if form.focus == .name { form.name = newValue } else { form.cpr = newValue }
    }
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .up, .previousPane: form.focus = .name
    case .down, .nextPane: form.focus = .cpr
    case .edited: return [.draftChanged]
    case .back: return form.isEmpty ? [.show(ListScreen())] : [.confirmDiscard]
    case .discardConfirmed: return [.show(ListScreen())]
    case .confirm:
      guard form.focus == .cpr else {
        form.focus = .cpr
        return []
      }
      guard !form.name.value.isEmpty else {
        form.focus = .name
        return [.message(env.strings("newRecord.nameMissing"))]
      }
      // The store records who created the record: ask for initials first if need be.
      guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
      return [.create(name: form.name.value, cpr: form.cpr.value)]
    case .created(let id):
      return [.discardDraft, .load(recordID: id)]
    case .loaded(let record):
      let name = form.name.value
      form = NewRecordForm()
      return [
        .show(WalkthroughScreen(record, env)),
        .message(env.strings("newRecord.created", ["name": name])),
      ]
    default: break
    }
    return []
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let inner = area.inset(left: 2, right: 2, top: 1)
    Layout.sectionTitle(strings("newRecord.title"), into: &buffer, row: inner.y, column: inner.x, width: inner.width)
    let labels = [strings("newRecord.name"), strings("newRecord.cpr")]
    let labelWidth = labels.map(DisplayWidth.of).max()! + 2
    let fields: [(NewRecordForm.Field, TextField, Int)] = [(.name, form.name, 44), (.cpr, form.cpr, 12)]
    for (index, (field, text, width)) in fields.enumerated() {
      let row = inner.y + 2 + index * 2
      let focused = form.focus == field
      buffer.put(focused ? "▶" : " ", row: row, column: inner.x, style: [.bold])
      buffer.put(labels[index], row: row, column: inner.x + 2, style: focused ? [.bold] : [])
      text.render(into: &buffer, row: row, column: inner.x + 2 + labelWidth, width: width, focused: focused)
    }
    buffer.put(strings("newRecord.cprHint"), row: inner.y + 5, column: inner.x + 2 + labelWidth, style: [.dim])
    let help = inner.inset(left: 2, right: 2, top: 8)
    for (line, row) in zip(DisplayWidth.wrap(strings("newRecord.help"), to: help.width), help.rows) {
      buffer.put(line, row: row, column: help.x, style: [.dim])
    }
  }
}
