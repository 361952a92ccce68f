import Foundation
import SvangreResources
import SvangreRules

/// What is drawn around every screen (the header, the status bar) and over it (dialogs).
extension AppModel {
  /// Row 0: the app and the screen on the left; the woman, today's date and the author
  /// on the right. When space is short the woman's name is cut, never the date or initials.
  func renderHeader(into buffer: inout ScreenBuffer) {
    buffer.fill(row: 0, style: [.reverse])
    let title = " " + strings("app.title") + " · " + strings("screen.\(screen.rawValue)") + "  "
    let titleWidth = buffer.put(title, row: 0, column: 0, style: [.reverse, .bold])
    let today = strings(
      "header.today", ["date": context.today.iso, "initials": config.initials ?? strings("header.noInitials")])
    var right = today + " "
    if let record = state.record {
      let room = width - titleWidth - DisplayWidth.of(right) - 3
      // The masked CPR number stays whole beside the name: the name gives way first.
      let cpr = " " + record.maskedCPR
      let name = DisplayWidth.truncate(record.name, to: room - DisplayWidth.of(cpr))
      if room > 8 {
        right = (name.isEmpty ? DisplayWidth.truncate(record.maskedCPR, to: room) : name + cpr) + " · " + right
      }
    }
    buffer.put(right, row: 0, column: max(titleWidth, width - DisplayWidth.of(right)), style: [.reverse])
  }

  /// The keys that work now: the dialog's while one is open, else `activeKeys`.
  var statusKeys: [KeyBinding] { dialog.map(DialogKeys.table(for:)) ?? activeKeys }

  /// The last row: the keys that work now, straight from the key table. Help and quit are
  /// always shown at the right end; the others fill from the left as room allows.
  func renderStatusBar(into buffer: inout ScreenBuffer) {
    buffer.fill(row: height - 1, style: [.reverse])
    let shown = statusKeys.filter(\.inStatusBar)
    let isPinned = { (binding: KeyBinding) in binding.action.isHelpOrQuit }
    let pinned = shown.filter(isPinned)
    func text(_ binding: KeyBinding) -> (label: String, help: String) {
      (" \(binding.label)", " \(strings(binding.helpKey + ".short")) ")
    }
    func put(_ binding: KeyBinding, at column: Int) -> Int {
      let (label, help) = text(binding)
      let used = buffer.put(label, row: height - 1, column: column, style: [.reverse, .bold])
      return used + buffer.put(help, row: height - 1, column: column + used, style: [.reverse])
    }
    let pinnedWidth = pinned.map { DisplayWidth.of(text($0).label + text($0).help) }.reduce(0, +)
    var column = 0
    for binding in shown where !isPinned(binding) {
      let (label, help) = text(binding)
      if column + DisplayWidth.of(label + help) > width - pinnedWidth { break }
      column += put(binding, at: column)
    }
    column = width - pinnedWidth
    for binding in pinned { column += put(binding, at: column) }
  }

  // MARK: - Dialogs

  mutating func handleDialog(_ key: Key) {
    guard let dialog else { return }
    if var field = dialog.field, field.edit(key) {
      self.dialog = dialog.with(field: field)
      return
    }
    switch Keys.action(for: key, in: DialogKeys.table(for: dialog)) {
    case .confirm?:
      confirmDialog(dialog)
    case .back?:
      if case .restoreDraft(_, let file) = dialog { declineDraft(file) }
      self.dialog = nil
      retryAfterInitials = nil
    default:
      break
    }
  }

  mutating func confirmDialog(_ dialog: Dialog) {
    switch dialog {
    case .initials(let field):
      guard let initials = UserConfig.normalise(initials: field.value) else {
        message = strings("initials.invalid")
        return
      }
      config.initials = initials
      if let url = context.configURL {
        do { try config.save(to: url) } catch { message = strings("initials.notSaved") }
      }
      self.dialog = nil
      if let retry = retryAfterInitials {
        retryAfterInitials = nil
        send(retry)
      }
    case .discard(let quit):
      self.dialog = nil
      discardDraft()
      if quit { ending = .quit } else { send(.discardConfirmed) }
    case .restoreDraft(let draft, let file):
      self.dialog = nil
      draftFiles?.adopt(file)
      restore(draft)
    case .text(let request, let field):
      let text = field.value.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else {
        message = strings(request.rawValue + ".missing")
        return
      }
      self.dialog = nil
      send(.textEntered(request, text))
    }
  }

  /// A framed box in the middle: the question, then — for a dialog that asks for text —
  /// a labelled field in brackets, then the keys ("Enter: gem · Esc: annullér").
  func renderDialog(_ dialog: Dialog, into buffer: inout ScreenBuffer) {
    let boxWidth = min(width - 4, 64)
    let title: String
    let prompt: String
    switch dialog {
    case .initials:
      title = strings("initials.title")
      prompt = strings("initials.prompt")
    case .discard(let quit):
      title = strings("discard.title")
      prompt = strings(quit ? "discard.quit" : "discard.back")
    case .restoreDraft(let draft, _):
      title = strings("draft.title")
      let what = draft.recordName.map { strings("draft.forRecord", ["name": $0]) } ?? strings("draft.newRecord")
      prompt = strings("draft.found", ["what": what])
    case .text(let request, _):
      title = strings(request.rawValue + ".title")
      prompt = strings(request.rawValue + ".prompt")
    }
    let lines = DisplayWidth.wrap(prompt, to: boxWidth - 4)
    let boxHeight = lines.count + (dialog.field == nil ? 4 : 6)
    let box = Rect(x: (width - boxWidth) / 2, y: max(1, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
    Layout.box(into: &buffer, row: box.y, column: box.x, width: box.width, height: box.height, title: title)
    let inner = box.inset(left: 2, right: 2, top: 1, bottom: 1)
    for (line, row) in zip(lines, inner.rows) { buffer.put(line, row: row, column: inner.x) }
    var row = inner.y + lines.count + 1
    if let field = dialog.field {
      let label = strings(dialog.fieldLabelKey) + " ["
      let used = buffer.put(label, row: row, column: inner.x, style: [.bold])
      let fieldWidth = min(inner.width - used - 1, dialog.fieldWidth)
      field.render(into: &buffer, row: row, column: inner.x + used, width: fieldWidth, focused: true)
      buffer.put("]", row: row, column: inner.x + used + fieldWidth, style: [.bold])
      row += 2
    }
    let keys = DialogKeys.table(for: dialog).map { "\($0.label): \(strings($0.helpKey + ".short"))" }
    buffer.put(keys.joined(separator: " · "), row: row, column: inner.x, style: [.dim], limit: inner.width)
  }
}

/// The dialogs' keys: Enter and Esc, worded as yes/no for a question and as save/cancel
/// for a dialog that asks for text.
enum DialogKeys {
  static let yes = KeyBinding([.enter], "Enter", .confirm, help: "key.confirm.dialog")
  static let no = KeyBinding([.esc], "Esc", .back, help: "key.back.dialog")
  static let save = KeyBinding([.enter], "Enter", .confirm, help: "key.confirm.text")
  static let cancel = KeyBinding([.esc], "Esc", .back, help: "key.back.text")

  static func table(for dialog: Dialog) -> [KeyBinding] {
    dialog.field == nil ? [yes, no] : [save, cancel]
  }
}

extension Dialog {
  /// The text the dialog asks for, if it asks for text.
  var field: TextField? {
    switch self {
    case .initials(let field), .text(_, let field): field
    case .discard, .restoreDraft: nil
    }
  }

  func with(field: TextField) -> Dialog {
    switch self {
    case .initials: .initials(field)
    case .text(let request, _): .text(request, field)
    case .discard, .restoreDraft: self
    }
  }

  var fieldLabelKey: String {
    switch self {
    case .text(let request, _): request.rawValue + ".field"
    default: "initials.field"
    }
  }

  /// Room for the longest text the field takes and the cursor after it.
  var fieldWidth: Int {
    switch self {
    case .initials: UserConfig.initialsMaximumLength + 2
    case .text(let request, _): min(60, request.maxLength + 2)
    default: 60
    }
  }
}

extension Action {
  var isBack: Bool { if case .back = self { true } else { false } }
  /// The screen the action opens (`Entrance`), if it is such a key.
  var opens: ScreenID? { if case .open(let screen) = self { screen } else { nil } }

  /// Help and quit sit at the right end of the status bar.
  var isHelpOrQuit: Bool {
    switch self {
    case .help, .quit: true
    default: false
    }
  }
}
