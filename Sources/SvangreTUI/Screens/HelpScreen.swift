import SvangreResources

extension ScreenID {
  public static let help = ScreenID(rawValue: "help")
}

/// Help for the screen it was opened over (F1 or ?): that screen's keys as they work now,
/// from its own key table, and how typing works. Esc goes back to it as it was.
public struct HelpScreen: PageScreen {
  public static let id = ScreenID.help
  public static let keyTable = Keys.scrolling + [Keys.back, Keys.quit]
  /// The screen underneath, unchanged.
  public let previous: any ScreenUnit
  /// Its keys as they worked when help was asked for (as its status bar showed them).
  public let shown: [KeyBinding]
  public var page = Page()

  public init(over previous: any ScreenUnit, keys: [KeyBinding], _ env: ScreenEnvironment) {
    self.previous = previous
    shown = keys
    page = Page(pageLines(env))
  }

  public var record: RecordDetail? { previous.record }
  /// Quitting from help asks first when the screen underneath holds typed work.
  public var draft: Draft? { previous.draft }
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] { page.keys(env) + [Keys.back, Keys.quit] }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    if updatePage(action, env) { return [] }
    return action.isBack ? [.show(previous)] : []
  }

  /// The keys of the screen underneath, help and quit last, each with what it does there.
  public func pageLines(_ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let width = Page.width(env)
    let screen = previous
    var lines = PageLine.wrapped(strings("help.intro"), [.dim], width: width) + [.blank]
    lines.append(.section(strings("screen.\(screen.id.rawValue)"), width: width))
    for binding in shown {
      lines += PageLine.table("  " + DisplayWidth.pad(binding.label, to: 8), strings(binding.helpKey), width: width)
    }
    lines.append(.blank)
    lines += PageLine.wrapped(strings("help.typing"), [.dim], width: width)
    return lines
  }
}
