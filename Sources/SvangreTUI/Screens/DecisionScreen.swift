import SvangreResources
import SvangreRules

extension ScreenID {
  public static let decision = ScreenID(rawValue: "decision")
}

/// The level decision: confirm the suggestion or choose another level with a mandatory
/// reason, then save the visitation under the author's initials. Esc goes back to the
/// walkthrough as it was left, after asking when a reason was typed.
public struct DecisionScreen: ScreenUnit {
  public static let id = ScreenID.decision
  static let levelDown = KeyBinding([.left], "←", .levelDown, help: "key.levelDown", bar: false)
  static let levelUp = KeyBinding([.right], "→", .levelUp, help: "key.levelUp")
  static let setLevels = AssessmentInput.levelRange.map {
    KeyBinding([.char(Character(String($0)))], String($0), .setLevel($0), help: "key.setLevel\($0)", bar: false)
  }
  public static let keyTable =
    [Keys.up, Keys.down, Keys.nextPane, Keys.previousPane, levelDown, levelUp] + setLevels + [
      Keys.confirm("decision"), Keys.back,
    ]

  /// The walkthrough the decision is about, kept whole to go back to.
  public let walkthrough: WalkthroughScreen
  public var form: DecisionForm

  public init(walkthrough: WalkthroughScreen, level: Int, form: DecisionForm? = nil) {
    self.walkthrough = walkthrough
    self.form = form ?? DecisionForm(level: level)
  }

  public var record: RecordDetail? { walkthrough.detail }
  public var draft: Draft? {
    let record = walkthrough.detail
    return Draft(
      recordID: record.id, recordName: record.name, screen: Self.id.rawValue, walkthrough: walkthrough.form,
      decision: form)
  }

  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    guard draft.screen == id.rawValue, let record, let form = draft.decision else { return nil }
    var walkForm = draft.walkthrough ?? WalkthroughForm()
    walkForm.changed = true
    return DecisionScreen(walkthrough: WalkthroughScreen(record, form: walkForm, env), level: 1, form: form)
  }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let row: [KeyBinding] =
      switch form.focus {
      case .level: [Keys.down, Keys.nextPane, Self.levelDown, Self.levelUp] + Self.setLevels
      case .reason: [Keys.up, Keys.previousPane]
      }
    return row + [Keys.confirm("decision"), Keys.back]
  }

  public var focusedField: TextField? {
    get { form.focus == .reason ? form.reason : nil }
    set { if form.focus == .reason, let newValue { form.reason = newValue } }
  }

  var suggestedLevel: Int? {
    if case .success(let assessment) = walkthrough.result { return assessment.suggestedLevel }
    return nil
  }

  var isOverride: Bool { form.level != suggestedLevel }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .levelDown where form.focus == .level: return setLevel(form.level - 1)
    case .levelUp where form.focus == .level: return setLevel(form.level + 1)
    case .setLevel(let level) where form.focus == .level: return setLevel(level)
    case .up, .previousPane: form.focus = .level
    case .down, .nextPane: form.focus = .reason
    case .edited: return [.draftChanged]
    // A typed reason is typed work, as in every other form: Esc asks before dropping it.
    // The level alone is one key to choose again, so it goes back without asking.
    case .back: return form.reason.value.isEmpty ? back() : [.confirmDiscard]
    case .discardConfirmed: return back()
    case .confirm: return save(env)
    case .saved: return [.discardDraft, .load(recordID: walkthrough.detail.id)]
    case .loaded(let record):
      return [
        .show(PlanScreen(record, env)),
        .message(env.strings("decision.saved", ["level": String(form.level), "initials": env.initials ?? ""])),
      ]
    default: break
    }
    return []
  }

  /// Back to the walkthrough. The draft then holds the walkthrough's typing, not this
  /// decision (a discard confirmed has just deleted the draft file; a changed walkthrough
  /// goes back into it).
  func back() -> [Effect] { [.show(walkthrough), .draftChanged] }

  mutating func setLevel(_ level: Int) -> [Effect] {
    let range = AssessmentInput.levelRange
    form.level = min(max(range.lowerBound, level), range.upperBound)
    return [.draftChanged]
  }

  /// Saves the walkthrough as a visitation with the chosen level. The store refuses a save
  /// on a stale revision (someone else saved meanwhile): the message says so and nothing
  /// typed is lost.
  mutating func save(_ env: ScreenEnvironment) -> [Effect] {
    var override: LevelOverride?
    if isOverride {
      guard !form.reason.value.isEmpty else {
        form.focus = .reason
        return [.message(env.strings("decision.reasonRequired"))]
      }
      override = LevelOverride(level: form.level, reason: form.reason.value)
    }
    guard env.initials != nil else { return [.askInitials(retry: .confirm)] }
    let record = walkthrough.detail
    guard let input = walkthrough.form.input(on: env.today, override: override, birth: record.birth) else { return [] }
    return [.appendVisitation(recordID: record.id, input: input, expectedRevision: record.revision)]
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let strings = env.strings
    let (formArea, rule, panel) = WalkthroughScreen.panes(area, percent: 58)
    let pane = FormPane(formArea)
    let text = pane.content
    var row = area.y + 1
    Layout.sectionTitle(
      strings("decision.title"), into: &buffer, row: row, column: pane.title.x, width: pane.title.width)
    row += 2
    if let suggestedLevel {
      buffer.put(
        strings("decision.suggested", ["level": String(suggestedLevel)]), row: row, column: text.x, style: [.bold],
        limit: text.width)
    }
    // Her level so far, after corrections, when the clinician chose it: a new visitation
    // starts from the suggestion, so the earlier choice is shown to be kept or let go.
    if let chosen = walkthrough.detail.current?.override {
      buffer.put(
        strings("decision.chosenBefore", ["level": String(chosen.level), "reason": chosen.reason]), row: row + 1,
        column: text.x, style: [.dim], limit: text.width)
    }
    row += 2
    // The level row: four choices, the chosen one reversed and bracketed.
    let levelFocused = form.focus == .level
    buffer.put(levelFocused ? "▶" : " ", row: row, column: pane.marker.x, style: [.bold])
    var column =
      text.x + buffer.put(strings("decision.level") + " ", row: row, column: text.x, style: levelFocused ? [.bold] : [])
    for level in AssessmentInput.levelRange {
      let chosen = level == form.level
      column += buffer.put(
        chosen ? "[\(level)]" : " \(level) ", row: row, column: column, style: chosen ? [.reverse, .bold] : [])
      column += 1
    }
    if let suggestedLevel, form.level != suggestedLevel {
      buffer.put(
        strings("decision.overrideTag"), row: row, column: column + 1, style: [.bold], limit: text.right - column - 1)
    }
    // A lower level takes no safety limit away (contract /2: birth places follow the care
    // level, the higher of the two); say so where the level is lowered.
    if let suggestedLevel, form.level < suggestedLevel {
      buffer.put(
        strings("decision.limitsKept", ["level": String(suggestedLevel)]), row: row + 1, column: text.x,
        style: [.dim], limit: text.width)
    }
    row += 2
    let reasonFocused = form.focus == .reason
    buffer.put(reasonFocused ? "▶" : " ", row: row, column: pane.marker.x, style: [.bold])
    let reasonLabel = strings(isOverride ? "decision.reasonRequiredLabel" : "decision.reasonOptional")
    buffer.put(reasonLabel, row: row, column: text.x, style: reasonFocused ? [.bold] : [], limit: text.width)
    row += 1
    form.reason.render(into: &buffer, row: row, column: text.x, width: pane.prose.width, focused: reasonFocused)
    row += 2
    let author = env.initials ?? strings("header.noInitials")
    buffer.put(strings("decision.author", ["initials": author]), row: row, column: text.x, limit: text.width)
    row += 2
    for (line, row) in zip(DisplayWidth.wrap(strings("decision.help"), to: pane.prose.width), row..<area.bottom) {
      buffer.put(line, row: row, column: text.x, style: [.dim])
    }
    Layout.verticalRule(into: &buffer, column: rule.x, rows: area.rows)
    SidePanel(result: walkthrough.result, offset: walkthrough.panelOffset, focused: false)
      .render(into: &buffer, area: panel, env)
  }
}
