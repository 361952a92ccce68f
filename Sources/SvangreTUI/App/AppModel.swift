import Foundation
import SvangreResources
import SvangreRules
import SvangreTraining

/// A dialog shown over the current screen. While one is open it gets every key.
public enum Dialog: Equatable, Sendable {
  /// Ask for the author's initials (then the action that waited for them is sent again).
  case initials(TextField)
  /// "Discard what you typed?" before quitting (`quit`) or going back.
  case discard(quit: Bool)
  /// "Restore the draft from last time?" — the draft, and the file it was read from.
  case restoreDraft(Draft, file: URL)
  /// A line of text for the screen: a note, the reason of a correction or a closure.
  case text(TextRequest, TextField)
}

/// How the app loop should end.
public enum Ending: Equatable, Sendable {
  case quit
  /// Ctrl-C: the draft is kept and offered back next time.
  case interrupted
}

/// The app: one screen (`state`), a dialog over it, the message line, and the runner of
/// effects. `handle(_:)` turns a key into an action for the screen (through its key table)
/// and performs the effects the screen returns, with the repository and the disk, feeding
/// each answer back as an action. `render()` draws header, screen, message and status bar
/// into a fresh buffer. Nothing here touches the terminal.
public struct AppModel {
  public let context: AppContext
  public internal(set) var width: Int
  public internal(set) var height: Int
  public internal(set) var state: any ScreenUnit
  public internal(set) var dialog: Dialog?
  /// What to send the screen again once the initials are given.
  var retryAfterInitials: Action?
  /// One line under the body: what just happened, or what went wrong.
  public internal(set) var message: String?
  public internal(set) var ending: Ending?
  public internal(set) var config: UserConfig
  /// The list as it was left (query, selection), to come back to.
  var lastList = ListScreen()
  /// Training's case generator, kept for the whole run so every session gets new cases.
  var practice: PracticeCaseGenerator?
  /// Whether something typed is not saved yet (and not yet in the draft file).
  var draftDirty = false
  /// This TUI's draft file, and the drafts of TUIs that have ended.
  let draftFiles: DraftFiles?
  /// The store's change stamp when the list or the open record was last looked at (see
  /// `tick`).
  var seenStamp: AnyHashable?
  /// What the runner is to ask of the terminal after the next frame (`takeTerminalRequests`).
  public internal(set) var terminalRequests: [TerminalRequest] = []

  public var strings: StringCatalog { context.strings }
  public var screen: ScreenID { state.id }

  /// `draftFiles` defaults to this process's files beside `context.draftURL`.
  public init(context: AppContext, width: Int, height: Int, config: UserConfig, draftFiles: DraftFiles? = nil) {
    self.context = context
    self.width = width
    self.height = height
    self.config = config
    self.draftFiles = draftFiles ?? context.draftURL.map { DraftFiles(base: $0) }
    state = ListScreen()
    perform([.search("")])
    offerDraftLeftBehind()
  }

  /// Called while the app waits for a key: when the store has changed (a save from the
  /// CLI or another terminal), the list on screen is read again, keeping the selected
  /// record selected; an open record whose revision has moved on is read again and given
  /// to its screen (`.recordChanged`): a page (plan, history) shows it, a form keeps what
  /// is typed and its save is refused as stale. True when something was read (draw it).
  @discardableResult
  public mutating func tick() -> Bool {
    guard dialog == nil, let stamp = context.repository.changeStamp(), stamp != seenStamp else { return false }
    if let list = state as? ListScreen {
      perform([.search(list.query.value)])
      return true
    }
    seenStamp = stamp
    guard let shown = state.record, let revision = context.repository.revision(id: shown.id),
      revision != shown.revision, let changed = try? context.repository.record(id: shown.id)
    else { return false }
    send(.recordChanged(changed))
    return true
  }

  /// What screens may read: words, rules, initials and the body area at this size.
  public var environment: ScreenEnvironment {
    ScreenEnvironment(
      strings: context.strings, clinic: context.clinic, initials: config.initials,
      body: Layout.body(width: width, height: height))
  }

  // MARK: - Keys

  /// The bindings that work now: the screen's, then help and quit (help has its own
  /// quit). While a text field takes typing, printable keys go to the field, so the
  /// bindings lose them here — the status bar and help never list a key that would be typed.
  public var activeKeys: [KeyBinding] {
    let unit = state
    // Keys that open other screens go after the screen's own keys, before its Esc.
    let own = unit.keys(environment)
    let opening = entrances.map(\.binding)
    let all =
      own.filter { !$0.action.isBack } + opening + own.filter(\.action.isBack)
      + (unit.id == HelpScreen.id ? [] : Keys.global)
    return unit.focusedField == nil ? all : all.compactMap(\.whileTyping)
  }

  /// Applies one key. Order matters: resize and Ctrl-C always work; a too-small terminal
  /// only lets you quit; an open dialog gets the key; a focused text field takes typing;
  /// everything else goes through the screen's key table.
  public mutating func handle(_ key: Key) {
    if case .resize(let newWidth, let newHeight) = key {
      width = newWidth
      height = newHeight
      if Layout.fits(width: width, height: height) { send(.resized) }
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
    var unit = state
    if var field = unit.focusedField, field.edit(key) {
      if field != unit.focusedField {
        unit.focusedField = field
        state = unit
        send(.edited)
      }
      return
    }
    guard let action = Keys.action(for: key, in: activeKeys) else { return }
    switch action {
    case .help: show(HelpScreen(over: state, keys: activeKeys, environment))
    case .quit: requestQuit()
    case .open(let screen):
      if let entrance = entrances.first(where: { $0.binding.action.opens == screen }) {
        perform(entrance.open(state, environment))
      }
    default: send(action)
    }
  }

  /// The keys other screens declare on this one that work in its state now.
  var entrances: [Entrance] {
    ScreenRegistry.entrances(on: state.id).filter { $0.isOffered(state) }
  }

  /// Gives `action` to the screen and performs what it asks for.
  mutating func send(_ action: Action) {
    var unit = state
    let effects = unit.update(action, environment)
    state = unit
    perform(effects)
  }

  mutating func requestQuit() {
    if state.draft != nil {
      dialog = .discard(quit: true)
    } else {
      ending = .quit
    }
  }

  /// Whether leaving now would drop typed work.
  public var hasUnsavedWork: Bool { state.draft != nil }

  // MARK: - Effects

  /// Performs effects in order; answers go back to the screen as actions. A refusal from
  /// the store is the message line, and the screen keeps everything typed.
  mutating func perform(_ effects: [Effect]) {
    let repository = context.repository
    for effect in effects {
      do throws(RepositoryError) {
        switch effect {
        case .search(let query):
          seenStamp = repository.changeStamp()
          do throws(RepositoryError) {
            send(.found(try repository.search(query)))
          } catch {
            message = error.message
            send(.found([]))
          }
        case .read(let ids):
          send(.read(ids.compactMap { try? repository.record(id: $0) }))
        case .openRecord(let id):
          send(.loaded(try repository.open(id: id, by: config.initials)))
        case .load(let id):
          send(.loaded(try repository.record(id: id)))
        case .create(let name, let cpr):
          send(.created(id: try repository.create(name: name, cpr: cpr, author: author)))
        case .appendVisitation(let id, let input, let revision):
          try repository.appendVisitation(recordID: id, input: input, author: author, expectedRevision: revision)
          send(.saved)
        case .recordBirth(let id, let birth, let revision):
          try repository.recordBirth(recordID: id, birth: birth, author: author, expectedRevision: revision)
          send(.saved)
        case .amendBirth(let id, let birth, let reason, let revision):
          try repository.amendBirth(
            recordID: id, birth: birth, reason: reason, author: author, expectedRevision: revision)
          send(.saved)
        case .addNote(let id, let text):
          try repository.addNote(recordID: id, text: text, author: author)
          send(.saved)
        case .correctWoman(let id, let name, let cpr, let reason, let revision):
          try repository.correctWoman(
            recordID: id, name: name, cpr: cpr, reason: reason, author: author, expectedRevision: revision)
          send(.saved)
        case .close(let id, let reason, let revision):
          try repository.close(recordID: id, reason: reason, author: author, expectedRevision: revision)
          send(.saved)
        case .reopen(let id, let reason, let revision):
          try repository.reopen(recordID: id, reason: reason, author: author, expectedRevision: revision)
          send(.saved)
        case .recordDone(let id, let item, let date):
          try repository.recordDone(recordID: id, item: item, date: date, today: context.today, author: author)
          send(.saved)
        case .worklist(let range, let filter):
          send(.worklistRead(try repository.worklist(today: context.today, range: range, filter: filter)))
        case .show(let next):
          show(next)
        case .message(let text):
          message = text
        case .askInitials(let retry):
          dialog = .initials(TextField(config.initials ?? "", maxLength: UserConfig.initialsMaximumLength))
          retryAfterInitials = retry
        case .confirmDiscard:
          dialog = .discard(quit: false)
        case .askText(let request, let initial):
          dialog = .text(request, TextField(initial, maxLength: request.maxLength))
        case .draftChanged:
          draftDirty = true
        case .discardDraft:
          discardDraft()
        case .nextPracticeCase:
          var generator =
            practice
            ?? PracticeCaseGenerator(
              engine: context.engine, seed: context.trainingSeed ?? UInt64.random(in: 0...UInt64.max),
              today: context.today)
          let next = generator.next()
          practice = generator
          send(.practiceCase(next))
        case .copy(let text, let what, let fileStem):
          message = copy(text, what: what, fileStem: fileStem)
        case .quit:
          requestQuit()
        }
      } catch {
        message = error.message
      }
    }
  }

  /// Who saves: the screens ask for initials before any save (`.askInitials`).
  private var author: String { config.initials ?? "" }

  /// Shows `next`; the list comes back as it was left, searched again (another terminal
  /// or the CLI may have saved meanwhile).
  mutating func show(_ next: any ScreenUnit) {
    if let list = state as? ListScreen { lastList = list }
    if next is ListScreen {
      state = lastList
      perform([.search(lastList.query.value)])
    } else {
      state = next
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
    let env = environment
    renderHeader(into: &buffer)
    state.render(into: &buffer, area: env.body, env)
    if let note = state.footnote(env) {
      // Right-aligned on the message row, so it never covers a line of the page.
      buffer.put(note, row: height - 2, column: width - DisplayWidth.of(note) - 1, style: [.dim])
    }
    if let message { buffer.put(message, row: height - 2, column: 1, style: [.bold]) }
    renderStatusBar(into: &buffer)
    if let dialog { renderDialog(dialog, into: &buffer) }
    return buffer
  }
}
