import SvangreResources
import SvangreRules

extension ScreenID {
  public static let walkthrough = ScreenID(rawValue: "walkthrough")
}

/// The visitation walkthrough: dating, parity, BMI, then every criterion grouped by
/// domain. The side panel shows the engine's suggestion, reasons and offers, asked again
/// on every change of the form (never while drawing).
public struct WalkthroughScreen: ScreenUnit {
  public static let id = ScreenID.walkthrough
  public static let keyTable =
    Keys.scrolling + [Keys.nextPane, Keys.previousPane, Keys.toggle, Keys.confirm("walkthrough"), Keys.back]

  /// The woman the visitation is for.
  public let detail: RecordDetail
  public var form: WalkthroughForm
  /// The focusable rows, from the rule set.
  public let items: [WalkItem]
  /// The engine's answer for the form, refreshed on every change.
  public private(set) var result: Result<Assessment, InputError>?
  /// Whether the arrows scroll the side panel instead of moving in the form.
  public var panelFocused = false
  public var panelOffset = 0

  /// Opens the walkthrough pre-filled from her state now (the latest visitation with
  /// every correction since) when there is one: a secondary visitation starts from what is
  /// known, and saving it keeps the corrections.
  public init(_ record: RecordDetail, form: WalkthroughForm? = nil, _ env: ScreenEnvironment) {
    detail = record
    self.form = form ?? record.current.map(WalkthroughForm.init(from:)) ?? WalkthroughForm()
    items = Self.items(for: env.ruleSet)
    reassess(env)
  }

  /// The focusable rows in order: dating fields, parity, BMI, then the findings of each
  /// domain in the rule set's display order.
  static func items(for ruleSet: RuleSet) -> [WalkItem] {
    var items = WalkItem.fields + [.parity, .bmi]
    for domain in ruleSet.domains {
      items += ruleSet.findings(in: domain.id).map { WalkItem.finding($0.id) }
    }
    return items
  }

  public var record: RecordDetail? { detail }
  public var draft: Draft? {
    guard form.changed else { return nil }
    return Draft(recordID: detail.id, recordName: detail.name, screen: Self.id.rawValue, walkthrough: form)
  }

  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    guard draft.screen == id.rawValue, let record else { return nil }
    var form = draft.walkthrough ?? WalkthroughForm()
    form.changed = true
    return WalkthroughScreen(record, form: form, env)
  }

  var focusedItem: WalkItem { items[form.focus] }

  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] {
    let toggles: Bool
    switch focusedItem {
    case .parity, .finding: toggles = !panelFocused
    default: toggles = false
    }
    return Keys.scrolling + [Keys.nextPane, Keys.previousPane] + (toggles ? [Keys.toggle] : [])
      + [Keys.confirm("walkthrough"), Keys.back]
  }

  public var focusedField: TextField? {
    get { panelFocused ? nil : form[field: focusedItem] }
    set { if !panelFocused { form[field: focusedItem] = newValue } }
  }

  public mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect] {
    switch action {
    case .up, .down, .pageUp, .pageDown:
      let step = action.step
      if panelFocused {
        panelOffset = max(0, panelOffset + step)
      } else {
        form.focus = min(max(0, form.focus + step), items.count - 1)
      }
    case .nextPane, .previousPane:
      panelFocused.toggle()
    case .toggle:
      guard !panelFocused else { return [] }
      switch focusedItem {
      case .parity:
        form.parity = form.parity == .nulliparous ? .multiparous : .nulliparous
      case .finding(let id):
        if let index = form.findings.firstIndex(of: id) {
          form.findings.remove(at: index)
        } else if impliedFindings.contains(id) {
          // The BMI ticks it; only a change of BMI can take it away.
          let label = env.ruleSet.finding(id)?.label.text(env.language) ?? id
          return [.message(env.strings("walk.impliedByBMI", ["finding": label]))]
        } else {
          form.findings.append(id)
        }
      default:
        return []
      }
      return changed(env)
    case .edited:
      return changed(env)
    case .confirm:
      guard case .success(let assessment) = result else {
        return [.message(env.strings("walk.cannotDecide"))]
      }
      return [.show(DecisionScreen(walkthrough: self, level: assessment.suggestedLevel))]
    case .back:
      return form.changed ? [.confirmDiscard] : [.show(leave(env))]
    case .discardConfirmed:
      return [.show(leave(env))]
    default:
      break
    }
    return []
  }

  /// Where Esc goes: her plan if she has a visitation, else the list.
  func leave(_ env: ScreenEnvironment) -> any ScreenUnit {
    detail.visitations.isEmpty ? ListScreen() : PlanScreen(detail, env)
  }

  /// The findings the engine set itself (`Reason.implied`: overweight from the BMI), which
  /// the walkthrough shows ticked although nobody ticked them.
  var impliedFindings: Set<String> {
    guard case .success(let assessment) = result else { return [] }
    return Set(assessment.reasons.filter { $0.implied && items.contains(.finding($0.id)) }.map(\.id))
  }

  mutating func changed(_ env: ScreenEnvironment) -> [Effect] {
    form.changed = true
    reassess(env)
    return [.draftChanged]
  }

  mutating func reassess(_ env: ScreenEnvironment) {
    result = env.clinic.assess(form.input(on: env.today))
  }
}

extension Action {
  /// How far an arrow or page key moves: a line or ten.
  var step: Int {
    switch self {
    case .up: -1
    case .down: 1
    case .pageUp: -10
    case .pageDown: 10
    default: 0
    }
  }
}
