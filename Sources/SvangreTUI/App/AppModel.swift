import Foundation
import SvangreResources
import SvangreRules
import SvangreTraining

/// A dialog shown over the current screen. While one is open it gets every key.
public enum Dialog: Equatable, Sendable {
  /// Ask for the author's initials; `then` is the save that was waiting for them.
  case initials(TextField, then: PendingSave?)
  /// "Discard what you typed?" before quitting (`quit`) or going back.
  case discard(quit: Bool)
  /// "Restore the draft from last time?" — the draft, and the file it was read from.
  case restoreDraft(Draft, file: URL)
  /// The birth is already recorded: ask why it is corrected, then save the correction.
  case birthCorrection(TextField)
}

/// A save that needs the author's initials first.
public enum PendingSave: Equatable, Sendable {
  case record, visitation, birth
}

/// How the app loop should end.
public enum Ending: Equatable, Sendable {
  case quit
  /// Ctrl-C: the draft is kept and offered back next time.
  case interrupted
}

/// The whole state of the TUI and the one place it changes: `handle(_:)` takes a key,
/// updates the state (calling the engine and the store as needed), and `render()` draws
/// the state into a fresh `ScreenBuffer`. Nothing here touches the terminal.
public struct AppModel {
  public let context: AppContext
  public internal(set) var width: Int
  public internal(set) var height: Int
  public internal(set) var screen: ScreenID = .list
  public internal(set) var dialog: Dialog?
  /// One line under the body: what just happened, or what went wrong.
  public internal(set) var message: String?
  public internal(set) var ending: Ending?
  public internal(set) var config: UserConfig

  // The record list.
  var query = TextField(maxLength: 40)
  var searching = false
  var rows: [RecordRow] = []
  var selectedRow = 0
  var listOffset = 0

  let factsCache = ListFactsCache()

  var newRecord = NewRecordForm()

  /// The opened record; the plan, history, birth and walkthrough screens are about her.
  var record: RecordDetail?

  var walk = WalkthroughForm()
  /// The walkthrough's focusable rows, from the rule set (fixed for the session).
  let walkItems: [WalkItem]
  /// The engine's answer for the walkthrough form, refreshed on every change.
  var walkResult: Result<Assessment, InputError>?
  var walkOffset = 0
  var panelFocused = false
  var panelOffset = 0

  var decision = DecisionForm(level: 1)

  var birth = BirthForm()
  var birthResult: Result<Assessment, InputError>?

  /// Training: the generator (kept for the whole run, so every session gets new cases),
  /// the case on screen, the trainee's answer to it and the session's score.
  var practice: PracticeCaseGenerator?
  var practiceCase: PracticeCase?
  var practiceAnswer: (level: Int, right: Bool)?
  var practiceScore = PracticeScore()

  /// The engine's answer for the opened record on today's date (plan, history, birth).
  var recordAssessment: FollowUpAssessment?
  /// Scroll offset of the read-only screens (plan, history, help).
  var pageOffset = 0
  /// Where Esc returns from help.
  var screenBeforeHelp: ScreenID = .list

  /// Whether something typed is not saved yet (and is kept in the draft).
  var draftDirty = false
  /// This TUI's draft file, and the drafts of TUIs that have ended.
  let draftFiles: DraftFiles?
  /// The store's change stamp when the list was last read (see `tick`).
  var listStamp: AnyHashable?

  var strings: StringCatalog { context.strings }
  var language: Language { context.language }

  /// `draftFiles` defaults to this process's files beside `context.draftURL`.
  public init(context: AppContext, width: Int, height: Int, config: UserConfig, draftFiles: DraftFiles? = nil) {
    self.context = context
    self.width = width
    self.height = height
    self.config = config
    walkItems = AppModel.walkItems(for: context.ruleSet)
    self.draftFiles = draftFiles ?? context.draftURL.map { DraftFiles(base: $0) }
    reloadRows()
    offerDraftLeftBehind()
  }

  // MARK: - Update

  /// Applies one key. Order matters: resize and Ctrl-C always work; a too-small terminal
  /// only lets you quit; an open dialog gets the key; a focused text field takes typing;
  /// everything else goes through the key table.
  public mutating func handle(_ key: Key) {
    if case .resize(let newWidth, let newHeight) = key {
      width = newWidth
      height = newHeight
      return
    }
    if key == .ctrlC {
      ending = .interrupted
      return
    }
    message = nil
    guard Layout.fits(width: width, height: height) else {
      if key == .char("q") { requestQuit() }
      return
    }
    if dialog != nil {
      handleDialog(key)
      return
    }
    if let path = focusedField {
      var field = self[keyPath: path]
      if field.edit(key) {
        if field != self[keyPath: path] {
          self[keyPath: path] = field
          fieldChanged()
        }
        return
      }
    }
    guard let action = KeyTable.action(for: key, on: screen) else { return }
    perform(action)
  }

  /// The text field that takes typed characters on the current screen, if any.
  var focusedField: WritableKeyPath<AppModel, TextField>? {
    switch screen {
    case .list: return searching ? \.query : nil
    case .newRecord: return newRecord.focus == 0 ? \.newRecord.name : \.newRecord.cpr
    case .walkthrough:
      guard !panelFocused else { return nil }
      switch walkItems[walk.focus] {
      case .dueDate: return \.walk.dueDate
      case .lastPeriod: return \.walk.lastPeriod
      case .cycleDays: return \.walk.cycleDays
      case .scanDate: return \.walk.scanDate
      case .scanAge: return \.walk.scanAge
      case .bmi: return \.walk.bmi
      case .parity, .finding: return nil
      }
    case .decision: return decision.focus == 1 ? \.decision.reason : nil
    case .birth:
      switch birth.focus {
      case 0: return \.birth.date
      case 2: return \.birth.dischargeHours
      default: return nil
      }
    case .plan, .history, .training, .help, .dialog: return nil
    }
  }

  /// After typing into a field: search as you type, or re-assess live.
  mutating func fieldChanged() {
    switch screen {
    case .list:
      reloadRows()
    case .walkthrough:
      walk.changed = true
      markDirty()
      reassessWalk()
    case .birth:
      birth.changed = true
      markDirty()
      reassessBirth()
    case .newRecord, .decision:
      markDirty()
    default: break
    }
  }

  mutating func perform(_ action: Action) {
    switch action {
    case .help:
      screenBeforeHelp = screen
      pageOffset = 0
      screen = .help
    case .quit:
      requestQuit()
    default:
      switch screen {
      case .list: performOnList(action)
      case .newRecord: performOnNewRecord(action)
      case .walkthrough: performOnWalkthrough(action)
      case .decision: performOnDecision(action)
      case .plan, .history: performOnRecordPage(action)
      case .birth: performOnBirth(action)
      case .training: performOnTraining(action)
      case .help: performOnHelp(action)
      case .dialog: break
      }
    }
  }

  mutating func requestQuit() {
    if hasUnsavedWork {
      dialog = .discard(quit: true)
    } else {
      ending = .quit
    }
  }

  /// Whether leaving now would drop typed work.
  public var hasUnsavedWork: Bool {
    switch screen {
    case .newRecord: !newRecord.isEmpty
    case .walkthrough, .decision: walk.changed || screen == .decision
    case .birth: birth.changed
    default: false
    }
  }

  // MARK: - Dialogs

  mutating func handleDialog(_ key: Key) {
    guard let dialog else { return }
    if case .initials(var field, let then) = dialog, field.edit(key) {
      self.dialog = .initials(field, then: then)
      return
    }
    if case .birthCorrection(var field) = dialog, field.edit(key) {
      self.dialog = .birthCorrection(field)
      return
    }
    switch KeyTable.action(for: key, on: .dialog) {
    case .confirm:
      confirmDialog(dialog)
    case .back:
      if case .restoreDraft(_, let file) = dialog { Draft.discard(at: file) }
      self.dialog = nil
    default:
      break
    }
  }

  mutating func confirmDialog(_ dialog: Dialog) {
    switch dialog {
    case .initials(let field, let then):
      guard let initials = UserConfig.normalise(initials: field.value) else {
        message = strings("initials.invalid")
        return
      }
      config.initials = initials
      if let url = context.configURL {
        do { try config.save(to: url) } catch { message = strings("initials.notSaved") }
      }
      self.dialog = nil
      switch then {
      case .record: createRecord()
      case .visitation: saveVisitation()
      case .birth: saveBirth()
      case nil: break
      }
    case .discard(let quit):
      self.dialog = nil
      discardDraft()
      if quit {
        ending = .quit
      } else {
        leaveForm()
      }
    case .restoreDraft(let draft, let file):
      self.dialog = nil
      draftFiles?.adopt(file)
      restore(draft)
    case .birthCorrection(let field):
      let reason = field.value.trimmingCharacters(in: .whitespaces)
      guard !reason.isEmpty else {
        message = strings("birthCorrection.reasonMissing")
        return
      }
      self.dialog = nil
      saveBirthCorrection(reason: reason)
    }
  }

  /// Leaves a form without saving (after "discard?"), back to where it was opened from.
  mutating func leaveForm() {
    switch screen {
    case .newRecord:
      newRecord = NewRecordForm()
      screen = .list
    case .walkthrough, .decision:
      walk = WalkthroughForm()
      screen = record?.visitations.isEmpty == false ? .plan : .list
    case .birth:
      birth = BirthForm()
      screen = .plan
    default:
      screen = .list
    }
    if screen == .list { record = nil }
  }

  // MARK: - Records

  mutating func reloadRows() {
    listStamp = context.repository.changeStamp()
    do throws(RepositoryError) {
      rows = try context.repository.search(query.value)
    } catch {
      rows = []
      message = error.message
    }
    selectedRow = min(selectedRow, max(0, rows.count - 1))
    listOffset = 0
  }

  /// Called while the app waits for a key: when the list is on screen and the store has
  /// changed (a save from the CLI or another terminal), the list is read again, keeping
  /// the selected record selected. True when the list was read again (draw it).
  @discardableResult
  public mutating func tick() -> Bool {
    guard screen == .list, dialog == nil, let stamp = context.repository.changeStamp(), stamp != listStamp else {
      return false
    }
    let selected = rows.indices.contains(selectedRow) ? rows[selectedRow].id : nil
    let offset = listOffset
    reloadRows()
    if let selected, let index = rows.firstIndex(where: { $0.id == selected }) {
      selectedRow = index
      listOffset = min(offset, index)
    }
    return true
  }

  /// Opens a record and assesses it on today's date; false (with a message) if it failed.
  @discardableResult
  mutating func openRecord(id: String) -> Bool {
    do throws(RepositoryError) {
      record = try context.repository.record(id: id)
      reassessRecord()
      return true
    } catch {
      message = error.message
      return false
    }
  }

  mutating func reassessRecord() {
    recordAssessment = record.flatMap(followUp(of:))
  }

  /// A record's state now (after corrections) assessed by the engine on today's date, with
  /// what the record knows of her attendance: the clinical dates of her saved visitations
  /// (the engine counts those inside a consultation's window as done, from the first one
  /// on, and calls the rest missed). Past 44+0 with no birth, as on her last day.
  func followUp(of record: RecordDetail) -> FollowUpAssessment? {
    guard let input = record.input(on: context.today) else { return nil }
    return try? context.engine.assessFollowUp(input, consultations: record.visitations.map(\.input.referenceDate))
  }

  mutating func reassessWalk() {
    guard let input = walk.input(on: context.today) else {
      walkResult = nil
      return
    }
    do throws(InputError) {
      walkResult = .success(try context.engine.assess(input))
    } catch {
      walkResult = .failure(error)
    }
  }

  mutating func reassessBirth() {
    guard var input = record?.input(on: context.today) else {
      birthResult = nil
      return
    }
    input.birth = birth.birth
    guard input.birth != nil else {
      birthResult = nil
      return
    }
    do throws(InputError) {
      birthResult = .success(try context.engine.assess(input))
    } catch {
      birthResult = .failure(error)
    }
  }

  // MARK: - Render

  /// Draws the whole screen. Pure: the same state always gives the same buffer.
  public func render() -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: height)
    guard Layout.fits(width: width, height: height) else {
      Layout.renderTooSmall(into: &buffer, strings: strings)
      return buffer
    }
    renderHeader(into: &buffer)
    let body = Layout.bodyRows(height: height)
    switch screen {
    case .list: renderList(into: &buffer, rows: body)
    case .newRecord: renderNewRecord(into: &buffer, rows: body)
    case .walkthrough: renderWalkthrough(into: &buffer, rows: body)
    case .decision: renderDecision(into: &buffer, rows: body)
    case .plan: renderPlan(into: &buffer, rows: body)
    case .history: renderHistory(into: &buffer, rows: body)
    case .birth: renderBirth(into: &buffer, rows: body)
    case .training: renderTraining(into: &buffer, rows: body)
    case .help: renderHelp(into: &buffer, rows: body)
    case .dialog: break
    }
    if let message {
      buffer.put(message, row: height - 2, column: 1, style: [.bold])
    }
    renderStatusBar(into: &buffer)
    if let dialog { renderDialog(dialog, into: &buffer) }
    return buffer
  }

  /// Row 0: the app and the screen on the left; the woman, today's date and the author
  /// on the right. When space is short the woman's name is cut, never the date or initials.
  func renderHeader(into buffer: inout ScreenBuffer) {
    buffer.fill(row: 0, style: [.reverse])
    let title = " " + strings("app.title") + " · " + strings("screen.\(screen.rawValue)") + "  "
    let titleWidth = buffer.put(title, row: 0, column: 0, style: [.reverse, .bold])
    let today = strings(
      "header.today", ["date": context.today.iso, "initials": config.initials ?? strings("header.noInitials")])
    var right = today + " "
    if let record, screen != .list, screen != .newRecord {
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

  /// The last row: the keys of the current screen, straight from the key table. Help and
  /// quit are always shown at the right end; the others fill from the left as room allows.
  func renderStatusBar(into buffer: inout ScreenBuffer) {
    let current: ScreenID = dialog == nil ? screen : .dialog
    buffer.fill(row: height - 1, style: [.reverse])
    let shown = KeyTable.bindings(on: current).filter(\.inStatusBar)
    let pinned = shown.filter { $0.action == .help || $0.action == .quit }
    let others = shown.filter { $0.action != .help && $0.action != .quit }
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
    for binding in others {
      let (label, help) = text(binding)
      if column + DisplayWidth.of(label + help) > width - pinnedWidth { break }
      column += put(binding, at: column)
    }
    column = width - pinnedWidth
    for binding in pinned { column += put(binding, at: column) }
  }

  func renderDialog(_ dialog: Dialog, into buffer: inout ScreenBuffer) {
    let boxWidth = min(width - 4, 64)
    let column = (width - boxWidth) / 2
    let title: String
    var lines: [String]
    var field: TextField?
    switch dialog {
    case .initials(let text, _):
      title = strings("initials.title")
      lines = [strings("initials.prompt")]
      field = text
    case .discard(let quit):
      title = strings("discard.title")
      lines = [strings(quit ? "discard.quit" : "discard.back")]
    case .restoreDraft(let draft, _):
      title = strings("draft.title")
      let what = draft.recordName.map { strings("draft.forRecord", ["name": $0]) } ?? strings("draft.newRecord")
      lines = [strings("draft.found", ["what": what])]
    case .birthCorrection(let text):
      title = strings("birthCorrection.title")
      lines = [strings("birthCorrection.prompt")]
      field = text
    }
    lines = lines.flatMap { DisplayWidth.wrap($0, to: boxWidth - 4) }
    lines.append("")
    lines.append(strings("dialog.keys"))
    let boxHeight = lines.count + (field == nil ? 2 : 4)
    let row = max(1, (height - boxHeight) / 2)
    Layout.box(into: &buffer, row: row, column: column, width: boxWidth, height: boxHeight, title: title)
    var y = row + 1
    for (index, line) in lines.enumerated() {
      if index == lines.count - 2, let field {
        let fieldWidth = if case .birthCorrection = dialog { boxWidth - 4 } else { 12 }
        field.render(into: &buffer, row: y, column: column + 2, width: fieldWidth, focused: true)
        y += 2
      }
      buffer.put(line, row: y, column: column + 2, style: index == lines.count - 1 ? [.dim] : [])
      y += 1
    }
  }
}
