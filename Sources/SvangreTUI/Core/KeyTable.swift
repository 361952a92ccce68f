/// Every screen of the app. Also the unit of the key table: a binding lists the screens
/// where it works, which is what the status bar and the help screen show.
public enum ScreenID: String, CaseIterable, Hashable, Sendable {
  case list, newRecord, walkthrough, decision, plan, history, birth, training, help
  /// A dialog over any screen: initials, "discard changes?", "restore the draft?".
  case dialog
}

/// Everything a user can ask for. `update` dispatches on these, never on raw keys, so the
/// key table below is the single place where a key gets its meaning.
public enum Action: Hashable, Sendable {
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
  case training
  case newVisitation
  case levelDown, levelUp
  case setLevel(Int)
}

/// One row of the key table: the keys, what they do, where, and how help describes them.
public struct KeyBinding: Sendable {
  public let keys: [Key]
  /// How the keys are written in the status bar and help, e.g. "↑/k".
  public let label: String
  public let action: Action
  /// The string-catalogue key of the one-line description.
  public let helpKey: String
  public let screens: Set<ScreenID>
  /// Whether the status bar shows it (help always does).
  public let inStatusBar: Bool
  /// When each key has its own action (1–4 answer levels 1–4 in training): parallel to
  /// `keys`; nil means every key does `action`.
  var actionPerKey: [Action]? = nil
  /// Whether the binding is a plain letter that a focused text field would rather take.
  public var isLetter: Bool { keys.allSatisfy { $0.printable != nil } }

  /// What `key` does under this binding, if it is one of its keys.
  public func action(for key: Key) -> Action? {
    guard let index = keys.firstIndex(of: key) else { return nil }
    return actionPerKey?[index] ?? action
  }
}

/// The one key table. Dispatch, the status bar and the help screen all read it, so they
/// cannot disagree.
public enum KeyTable {
  static let all: Set<ScreenID> = Set(ScreenID.allCases).subtracting([.dialog])
  static let records: Set<ScreenID> = [.plan, .history, .birth]
  static let lists: Set<ScreenID> = [
    .list, .walkthrough, .decision, .plan, .history, .birth, .training, .help, .newRecord,
  ]

  public static let bindings: [KeyBinding] = [
    KeyBinding(
      keys: [.up, .char("k")], label: "↑/k", action: .up, helpKey: "key.up", screens: lists, inStatusBar: false),
    KeyBinding(
      keys: [.down, .char("j")], label: "↓/j", action: .down, helpKey: "key.down", screens: lists, inStatusBar: true),
    KeyBinding(
      keys: [.pageUp], label: "PgUp", action: .pageUp, helpKey: "key.pageUp", screens: lists, inStatusBar: false),
    KeyBinding(
      keys: [.pageDown], label: "PgDn", action: .pageDown, helpKey: "key.pageDown", screens: lists, inStatusBar: false),
    KeyBinding(
      keys: [.tab], label: "Tab", action: .nextPane, helpKey: "key.nextPane",
      screens: [.walkthrough, .newRecord, .decision, .birth], inStatusBar: true),
    KeyBinding(
      keys: [.backTab], label: "S-Tab", action: .previousPane, helpKey: "key.previousPane",
      screens: [.walkthrough, .newRecord, .decision, .birth], inStatusBar: false),
    KeyBinding(
      keys: [.char(" ")], label: "␣", action: .toggle, helpKey: "key.toggle", screens: [.walkthrough, .birth],
      inStatusBar: true),
    KeyBinding(
      keys: [.left], label: "←", action: .levelDown, helpKey: "key.levelDown", screens: [.decision], inStatusBar: false),
    KeyBinding(
      keys: [.right], label: "→", action: .levelUp, helpKey: "key.levelUp", screens: [.decision], inStatusBar: true),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.list", screens: [.list], inStatusBar: true
    ),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.newRecord", screens: [.newRecord],
      inStatusBar: true),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.walkthrough", screens: [.walkthrough],
      inStatusBar: true),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.decision", screens: [.decision],
      inStatusBar: true),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.birth", screens: [.birth],
      inStatusBar: true),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .confirm, helpKey: "key.confirm.dialog", screens: [.dialog],
      inStatusBar: true),
    KeyBinding(
      keys: (1...4).map { .char(Character(String($0))) }, label: "1–4", action: .setLevel(1),
      helpKey: "key.answerLevel", screens: [.training], inStatusBar: true,
      actionPerKey: (1...4).map { .setLevel($0) }),
    KeyBinding(
      keys: [.enter, .char("n")], label: "Enter/n", action: .confirm, helpKey: "key.confirm.training",
      screens: [.training], inStatusBar: true),
    KeyBinding(
      keys: [.char("1")], label: "1", action: .setLevel(1), helpKey: "key.setLevel1", screens: [.decision],
      inStatusBar: false),
    KeyBinding(
      keys: [.char("2")], label: "2", action: .setLevel(2), helpKey: "key.setLevel2", screens: [.decision],
      inStatusBar: false),
    KeyBinding(
      keys: [.char("3")], label: "3", action: .setLevel(3), helpKey: "key.setLevel3", screens: [.decision],
      inStatusBar: false),
    KeyBinding(
      keys: [.char("4")], label: "4", action: .setLevel(4), helpKey: "key.setLevel4", screens: [.decision],
      inStatusBar: false),
    KeyBinding(
      keys: [.char("/")], label: "/", action: .search, helpKey: "key.search", screens: [.list], inStatusBar: true),
    KeyBinding(
      keys: [.char("n")], label: "n", action: .newRecord, helpKey: "key.newRecord", screens: [.list], inStatusBar: true),
    KeyBinding(
      keys: [.char("v")], label: "v", action: .newVisitation, helpKey: "key.newVisitation", screens: records,
      inStatusBar: true),
    KeyBinding(keys: [.char("p")], label: "p", action: .plan, helpKey: "key.plan", screens: records, inStatusBar: true),
    KeyBinding(
      keys: [.char("h")], label: "h", action: .history, helpKey: "key.history", screens: records, inStatusBar: true),
    KeyBinding(
      keys: [.char("b")], label: "b", action: .birth, helpKey: "key.birth", screens: [.plan, .history],
      inStatusBar: true),
    KeyBinding(
      keys: [.char("i")], label: "i", action: .initials, helpKey: "key.initials", screens: [.list], inStatusBar: true),
    KeyBinding(
      keys: [.char("t")], label: "t", action: .training, helpKey: "key.training", screens: [.list], inStatusBar: true),
    KeyBinding(
      keys: [.esc], label: "Esc", action: .back, helpKey: "key.back", screens: all.subtracting([.list]),
      inStatusBar: true),
    KeyBinding(
      keys: [.esc], label: "Esc", action: .back, helpKey: "key.back.dialog", screens: [.dialog], inStatusBar: true),
    KeyBinding(
      keys: [.f1, .char("?")], label: "F1/?", action: .help, helpKey: "key.help", screens: all.subtracting([.help]),
      inStatusBar: true),
    KeyBinding(keys: [.char("q")], label: "q", action: .quit, helpKey: "key.quit", screens: all, inStatusBar: true),
  ]

  /// The action `key` means on `screen`, if any.
  public static func action(for key: Key, on screen: ScreenID) -> Action? {
    bindings.first { $0.screens.contains(screen) && $0.keys.contains(key) }?.action(for: key)
  }

  /// The bindings that work on `screen`, in table order.
  public static func bindings(on screen: ScreenID) -> [KeyBinding] {
    bindings.filter { $0.screens.contains(screen) }
  }
}
