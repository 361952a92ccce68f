import SvangreStore
import SvangreTraining

/// Names a screen: its catalogue title (`screen.<rawValue>`) and its place in a draft
/// file. Each screen declares its own in its file (`extension ScreenID { static let … }`).
public struct ScreenID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
}

/// Everything a user can ask for, and every answer the runner feeds back after performing
/// an effect. Screens' `update` dispatches on these, never on raw keys: a screen's key
/// table is the single place where a key gets its meaning there.
public enum Action: Sendable {
  // From keys.
  case up, down, pageUp, pageDown
  case nextPane, previousPane
  case toggle
  case confirm
  case back
  case search
  case quit
  case help
  case newRecord
  case initials
  case plan, history, birth
  /// A key another screen declared here opens that screen (`Entrance`).
  case open(ScreenID)
  case note, closeRecord, reopenRecord
  /// Mark the plan's item under the cursor done.
  case markDone
  case newVisitation
  case levelDown, levelUp
  /// The worklist's filters: the next provider, the next status.
  case cycleWho, cycleStatus
  case setLevel(Int)
  // From the app.
  /// A text field of the screen changed (typing).
  case edited
  /// The terminal changed size: the body area in the environment is new.
  case resized
  /// The user confirmed "discard what you typed?" for going back.
  case discardConfirmed
  /// The text typed into a text dialog (trimmed, never empty).
  case textEntered(TextRequest, String)
  // Results of effects.
  case found([RecordRow])
  case read([RecordDetail])
  case loaded(RecordDetail)
  /// Someone else saved the record the screen shows: the record as it is now (not an
  /// opening; a form keeps its work and the revision it was started on).
  case recordChanged(RecordDetail)
  case created(id: String)
  case saved
  case practiceCase(PracticeCase)
  case worklistRead(Worklist)
}

/// One row of a key table: the keys, what they do, and how help describes them.
public struct KeyBinding: Sendable {
  public let keys: [Key]
  /// How the keys are written in the status bar and help, e.g. "↑/k".
  public let label: String
  public let action: Action
  /// The string-catalogue key of the one-line description (`<key>.short` in the bar).
  public let helpKey: String
  /// Whether the status bar shows it (help always does).
  public let inStatusBar: Bool
  /// When each key has its own action (1–4 answer levels 1–4 in training): parallel to
  /// `keys`; nil means every key does `action`.
  let actionPerKey: [Action]?

  public init(
    _ keys: [Key], _ label: String, _ action: Action, help helpKey: String, bar inStatusBar: Bool = true,
    actionPerKey: [Action]? = nil
  ) {
    self.keys = keys
    self.label = label
    self.action = action
    self.helpKey = helpKey
    self.inStatusBar = inStatusBar
    self.actionPerKey = actionPerKey
  }

  /// What `key` does under this binding, if it is one of its keys.
  public func action(for key: Key) -> Action? {
    guard let index = keys.firstIndex(of: key) else { return nil }
    return actionPerKey?[index] ?? action
  }

  /// The binding as it works while a text field takes typing: without its printable keys
  /// (they go to the field), or nil when it has no other key.
  public var whileTyping: KeyBinding? {
    let kept = keys.indices.filter { keys[$0].printable == nil }
    guard !kept.isEmpty else { return nil }
    guard kept.count < keys.count else { return self }
    return KeyBinding(
      kept.map { keys[$0] }, kept.map { keys[$0].name }.joined(separator: "/"), action, help: helpKey,
      bar: inStatusBar, actionPerKey: actionPerKey.map { per in kept.map { per[$0] } })
  }
}

/// The bindings screens share, so that the same key is written and described the same
/// way everywhere. A screen's table picks from these and adds its own.
public enum Keys {
  public static let up = KeyBinding([.up, .char("k")], "↑/k", .up, help: "key.up", bar: false)
  public static let down = KeyBinding([.down, .char("j")], "↓/j", .down, help: "key.down")
  public static let pageUp = KeyBinding([.pageUp], "PgUp", .pageUp, help: "key.pageUp", bar: false)
  public static let pageDown = KeyBinding([.pageDown], "PgDn", .pageDown, help: "key.pageDown", bar: false)
  public static let scrolling = [up, down, pageUp, pageDown]
  public static let nextPane = KeyBinding([.tab], "Tab", .nextPane, help: "key.nextPane")
  public static let previousPane = KeyBinding([.backTab], "S-Tab", .previousPane, help: "key.previousPane", bar: false)
  public static let toggle = KeyBinding([.char(" ")], "␣", .toggle, help: "key.toggle")
  public static let back = KeyBinding([.esc], "Esc", .back, help: "key.back")
  public static let help = KeyBinding([.f1, .char("?")], "F1/?", .help, help: "key.help")
  public static let quit = KeyBinding([.char("q")], "q", .quit, help: "key.quit")

  /// Enter, described for one screen (`key.confirm.<screen>`).
  public static func confirm(_ screen: String) -> KeyBinding {
    KeyBinding([.enter], "Enter", .confirm, help: "key.confirm.\(screen)")
  }

  /// The record pages' keys to each other (`p`, `h`, `b`, `v`).
  public static let plan = KeyBinding([.char("p")], "p", .plan, help: "key.plan")
  public static let history = KeyBinding([.char("h")], "h", .history, help: "key.history")
  public static let birth = KeyBinding([.char("b")], "b", .birth, help: "key.birth")
  public static let newVisitation = KeyBinding([.char("v")], "v", .newVisitation, help: "key.newVisitation")
  /// The record's own handling, on its history (`n`, `c`): a note, closing it or — when
  /// closed — opening it again. (`r`, the correction of her name or CPR number, is the
  /// correction screen's entrance.)
  public static let note = KeyBinding([.char("n")], "n", .note, help: "key.note")
  public static let closeRecord = KeyBinding([.char("c")], "c", .closeRecord, help: "key.closeRecord")
  public static let reopenRecord = KeyBinding([.char("c")], "c", .reopenRecord, help: "key.reopenRecord")
  /// The plan's item under the cursor took place (`d`): today, or a day typed.
  public static let markDone = KeyBinding([.char("d")], "d", .markDone, help: "key.markDone")

  /// The keys of every screen but help: help and quit, shown at the right of the bar.
  public static let global = [help, quit]

  /// The action `key` means in `table`, if any.
  public static func action(for key: Key, in table: [KeyBinding]) -> Action? {
    for binding in table { if let action = binding.action(for: key) { return action } }
    return nil
  }
}

extension Key {
  /// How a key is written in the status bar and help.
  public var name: String {
    switch self {
    case .char(" "): "␣"
    case .char(let character): String(character)
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .enter: "Enter"
    case .esc: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "⌫"
    case .delete: "Del"
    case .function(let number): "F\(number)"
    case .ctrlC: "Ctrl-C"
    case .resize: ""
    }
  }
}
