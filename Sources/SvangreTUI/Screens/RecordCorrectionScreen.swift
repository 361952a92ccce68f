import SvangreResources
import SvangreRules

extension ScreenID {
  public static let correctWoman = ScreenID(rawValue: "correctWoman")
}

/// The form correcting her name or CPR number, with the reason: reached by `r` from the
/// history. The name starts as it is now; the CPR number starts empty (the screen only
/// ever shows it masked) and stays unchanged unless a new one is typed. One save makes
/// both corrections, each beside the original; the store checks the number and refuses
/// a value equal to the current one.
public struct RecordCorrectionScreen: ScreenUnit {
  public static let id = ScreenID.correctWoman
  public static let keyTable = [
    Keys.up, Keys.down, Keys.nextPane, Keys.previousPane, Keys.confirm("correctWoman"), Keys.back,
  ]
  /// `r` on the record's history.
  public static var entrances: [Entrance] {
    [
      Entrance(from: .history, [.char("r")], "r", opens: id, help: "key.correctWoman") { from, _ in
        from.record.map { [.show(RecordCorrectionScreen($0))] } ?? []
      }
    ]
  }
  public let detail: RecordDetail
  public var form: RecordCorrectionForm

  public init(_ record: RecordDetail, form: RecordCorrectionForm? = nil) {
    detail = record
    self.form = form ?? RecordCorrectionForm(name: record.name)
  }

  public var record: RecordDetail? { detail }
  public var draft: Draft? {
    guard form.changed else { return nil }
    return Draft(recordID: detail.id, recordName: detail.name, screen: Self.id.rawValue, correction: form)
  }

  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    guard draft.screen == id.rawValue, let record, let form = draft.correction else { return nil }
    return RecordCorrectionScreen(record, form: form)
  }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let fields = RecordCorrectionForm.Field.allCases
    return (form.focus == fields.first ? [] : [Keys.up, Keys.previousPane])
      + (form.focus == fields.last ? [] : [Keys.down, Keys.nextPane]) + [Keys.confirm("correctWoman"), Keys.back]
  }

  public var focusedField: TextField? {
    get {
      switch form.focus {
      case .name: form.name
      case .cpr: form.cpr
      case .reason: form.reason
      }
    }
    set {
      guard let newValue else { return }
      switch form.focus {
      case .name: form.name = newValue
      case .cpr: form.cpr = newValue
      case .reason: form.reason = newValue
      }
    }
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    let fields = RecordCorrectionForm.Field.allCases
    switch action {
    case .up, .previousPane: form.focus = fields[max(0, form.focus.rawValue - 1)]
    case .down, .nextPane: form.focus = fields[min(fields.count - 1, form.focus.rawValue + 1)]
    case .edited:
      form.changed = true
      return [.draftChanged]
    case .confirm:
      guard form.focus == .reason else {
        form.focus = fields[form.focus.rawValue + 1]
        return []
      }
      return save(env)
    case .back: return form.changed ? [.confirmDiscard] : [.show(HistoryScreen(detail, env))]
    case .discardConfirmed: return [.show(HistoryScreen(detail, env))]
    case .saved: return [.discardDraft, .load(recordID: detail.id)]
    case .loaded(let record):
      return [.show(HistoryScreen(record, env)), .message(env.strings("history.corrected"))]
    default: break
    }
    return []
  }

  mutating func save(_ env: ScreenEnvironment) -> [Effect] {
    let name = form.name.value.trimmingCharacters(in: .whitespaces)
    let cpr = form.cpr.value.trimmingCharacters(in: .whitespaces)
    let newName = name.isEmpty || name == detail.name ? nil : name
    let newCPR = cpr.isEmpty ? nil : cpr
    guard newName != nil || newCPR != nil else {
      form.focus = .name
      return [.message(env.strings("correctWoman.unchanged"))]
    }
    let reason = form.reason.value.trimmingCharacters(in: .whitespaces)
    guard !reason.isEmpty else { return [.message(env.strings("correctWoman.reasonMissing"))] }
    guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
    return [
      .correctWoman(recordID: detail.id, name: newName, cpr: newCPR, reason: reason, expectedRevision: detail.revision)
    ]
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let inner = area.inset(left: 2, right: 2, top: 1)
    Layout.sectionTitle(
      strings("correctWoman.title"), into: &buffer, row: inner.y, column: inner.x, width: inner.width)
    let labels = ["correctWoman.name", "correctWoman.cpr", "correctWoman.reason"].map { strings($0) }
    let labelWidth = labels.map(DisplayWidth.of).max()! + 2
    let fieldWidth = max(12, inner.width - 2 - labelWidth - 2)
    let fields: [(RecordCorrectionForm.Field, TextField, Int)] = [
      (.name, form.name, min(44, fieldWidth)), (.cpr, form.cpr, 12), (.reason, form.reason, min(60, fieldWidth)),
    ]
    for (index, (field, text, width)) in fields.enumerated() {
      let row = inner.y + 2 + index * 2
      let focused = form.focus == field
      buffer.put(focused ? "▶" : " ", row: row, column: inner.x, style: [.bold])
      buffer.put(labels[index], row: row, column: inner.x + 2, style: focused ? [.bold] : [])
      text.render(into: &buffer, row: row, column: inner.x + 2 + labelWidth, width: width, focused: focused)
    }
    buffer.put(
      strings("correctWoman.cprHint", ["masked": detail.maskedCPR]), row: inner.y + 5,
      column: inner.x + 2 + labelWidth, style: [.dim], limit: inner.width - 2 - labelWidth)
    let help = inner.inset(left: 2, right: 2, top: 9)
    for (line, row) in zip(DisplayWidth.wrap(strings("correctWoman.help"), to: help.width), help.rows) {
      buffer.put(line, row: row, column: help.x, style: [.dim])
    }
  }
}

/// The name-and-CPR correction form (`RecordCorrectionScreen`).
public struct RecordCorrectionForm: Codable, Equatable, Sendable {
  public var name = TextField(maxLength: InputLimits.nameCharacters)
  public var cpr = TextField(maxLength: 11)
  public var reason = TextField(maxLength: InputLimits.freeTextCharacters)
  public var focus = Field.name
  public var changed = false

  /// The focused field (stored as its number in drafts).
  public enum Field: Int, Sendable, CaseIterable, StoredIndex { case name, cpr, reason }

  public init(name: String = "") { self.name.set(name) }
}
