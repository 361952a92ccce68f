import SvangreRules

/// One line of the walkthrough's form pane.
enum WalkLine {
  case section(String)
  /// A focusable row: index into `walkItems`.
  case item(Int)
  case explanation(String)
  /// Why a box is ticked that nobody ticked ("Krydset af fra BMI 31.2").
  case note(String)
  case info(String, TextStyle)
}

/// The visitation walkthrough: dating, parity, BMI, then every criterion grouped by
/// domain. The side panel shows the engine's suggestion, reasons and offers, refreshed
/// on every keystroke.
extension AppModel {
  /// The focusable rows in order: dating fields, parity, BMI, then the findings of each
  /// domain in the rule set's display order.
  static func walkItems(for ruleSet: RuleSet) -> [WalkItem] {
    var items = WalkItem.fields + [.parity, .bmi]
    for domain in ruleSet.domains {
      items += ruleSet.findings(in: domain.id).map { WalkItem.finding($0.id) }
    }
    return items
  }

  /// Opens the walkthrough for the opened record, pre-filled from her state now (the
  /// latest visitation with every correction since) when there is one: a secondary
  /// visitation starts from what is known, and saving it keeps the corrections.
  mutating func startWalkthrough() {
    walk = record?.current.map(WalkthroughForm.init(from:)) ?? WalkthroughForm()
    panelFocused = false
    panelOffset = 0
    reassessWalk()
    screen = .walkthrough
  }

  mutating func performOnWalkthrough(_ action: Action) {
    switch action {
    case .up, .down, .pageUp, .pageDown:
      let step = action == .up ? -1 : action == .down ? 1 : action == .pageUp ? -10 : 10
      if panelFocused {
        panelOffset = max(0, panelOffset + step)
      } else {
        walk.focus = min(max(0, walk.focus + step), walkItems.count - 1)
      }
    case .nextPane, .previousPane:
      panelFocused.toggle()
    case .toggle:
      guard !panelFocused else { return }
      switch walkItems[walk.focus] {
      case .parity:
        walk.parity = walk.parity == .nulliparous ? .multiparous : .nulliparous
      case .finding(let id):
        if let index = walk.findings.firstIndex(of: id) {
          walk.findings.remove(at: index)
        } else if impliedFindings.contains(id) {
          // The BMI ticks it; only a change of BMI can take it away.
          message = strings("walk.impliedByBMI", ["finding": context.ruleSet.finding(id)?.label.text(language) ?? id])
          return
        } else {
          walk.findings.append(id)
        }
      default:
        return
      }
      fieldChanged()
    case .confirm:
      guard case .success(let assessment) = walkResult else {
        message = strings("walk.cannotDecide")
        return
      }
      decision = DecisionForm(level: assessment.suggestedLevel)
      screen = .decision
    case .back:
      if walk.changed { dialog = .discard(quit: false) } else { leaveForm() }
    default:
      break
    }
  }

  /// The form pane's lines, built from the rule set and the form.
  func walkLines(width: Int) -> [WalkLine] {
    var lines: [WalkLine] = []
    if let last = record?.visitations.last {
      for line in DisplayWidth.wrap(strings("walk.basedOn", ["date": last.day]), to: width - 6) {
        lines.append(.info(line, [.dim]))
      }
    }
    lines.append(.section(strings("walk.dating")))
    for index in 0..<WalkItem.fields.count { lines.append(.item(index)) }
    let problems = walk.fieldProblems
    for item in WalkItem.fields + [.bmi] {
      guard let problem = problems[item] else { continue }
      let text = "! " + strings("walk.field.\(item.key)") + ": " + strings(problem)
      for line in DisplayWidth.wrap(text, to: width - 6) { lines.append(.info(line, [.bold])) }
    }
    for line in DisplayWidth.wrap(datingSummary, to: width - 6) { lines.append(.info(line, [.bold])) }
    lines.append(.section(strings("walk.parityAndBMI")))
    lines.append(.item(WalkItem.fields.count))
    lines.append(.item(WalkItem.fields.count + 1))
    var index = WalkItem.fields.count + 2
    for domain in context.ruleSet.domains {
      let findings = context.ruleSet.findings(in: domain.id)
      guard !findings.isEmpty else { continue }
      lines.append(.section(domain.label.text(language)))
      let implied = impliedFindings
      for finding in findings {
        lines.append(.item(index))
        if implied.contains(finding.id), !walk.findings.contains(finding.id) {
          lines.append(.note(strings("walk.fromBMI", ["bmi": walk.bmi.value])))
        }
        // The focused criterion's explanation in full; the others on one line, ending in
        // "…" where cut, so the list stays short enough to scan.
        let maxLines = index == walk.focus ? Int.max : 1
        for line in DisplayWidth.wrap(finding.explanation.text(language), to: width - 7, maxLines: maxLines) {
          lines.append(.explanation(line))
        }
        index += 1
      }
    }
    return lines
  }

  /// The findings the engine set itself (`Reason.implied`: overweight from the BMI), which
  /// the walkthrough shows ticked although nobody ticked them.
  var impliedFindings: Set<String> {
    guard case .success(let assessment) = walkResult else { return [] }
    return Set(assessment.reasons.filter { $0.implied && context.ruleSet.finding($0.id) != nil }.map(\.id))
  }

  /// "Due date 2027-05-20 (from LMP) · GA 14+2 today", or what is missing.
  var datingSummary: String {
    switch walkResult {
    case .success(let assessment):
      return strings(
        "walk.datingLive",
        [
          "due": assessment.dueDate.iso, "source": strings("dating_source.\(assessment.datingSource.rawValue)"),
          "ga": assessment.gestationalAge.description,
        ])
    case .failure(let error):
      return "! " + error.message(strings)
    case nil:
      return strings("walk.needDating")
    }
  }

  func renderWalkthrough(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    let leftWidth = width * 58 / 100
    let lines = walkLines(width: leftWidth)
    let visible = body.count
    let focusLine = lines.firstIndex { if case .item(let index) = $0 { index == walk.focus } else { false } } ?? 0
    let offset = Layout.centredOffset(focus: focusLine, count: lines.count, visible: visible)
    let problems = walk.fieldProblems
    for (line, row) in zip(lines[offset..<min(lines.count, offset + visible)], body) {
      switch line {
      case .section(let title):
        Layout.sectionTitle(title, into: &buffer, row: row, column: 1, width: leftWidth - 2)
      case .info(let text, let style):
        buffer.put(DisplayWidth.truncate(text, to: leftWidth - 4), row: row, column: 3, style: style)
      case .explanation(let text):
        buffer.put(text, row: row, column: 6, style: [.dim], limit: leftWidth - 7)
      case .note(let text):
        buffer.put(text, row: row, column: 6, style: [.bold], limit: leftWidth - 7)
      case .item(let index):
        renderWalkItem(index, row: row, width: leftWidth, problem: problems[walkItems[index]], into: &buffer)
      }
    }
    Layout.verticalRule(into: &buffer, column: leftWidth, rows: body)
    renderSidePanel(
      walkResult, into: &buffer, column: leftWidth + 2, width: width - leftWidth - 3, rows: body,
      focused: panelFocused)
  }

  func renderWalkItem(_ index: Int, row: Int, width: Int, problem: String?, into buffer: inout ScreenBuffer) {
    let item = walkItems[index]
    let focused = index == walk.focus && !panelFocused
    buffer.put(focused ? "▶" : " ", row: row, column: 1, style: [.bold])
    let labelStyle: TextStyle = focused ? [.bold] : []
    switch item {
    case .finding(let id):
      let finding = context.ruleSet.finding(id)
      // Ticked by hand, or by the rules from the BMI (then it says so).
      let implied = !walk.findings.contains(id) && impliedFindings.contains(id)
      let ticked = walk.findings.contains(id) || implied
      let box = ticked ? "[x] " : "[ ] "
      // The level tag stays whole; a long label gives way, ending in "…".
      let tag = finding?.level.map { " " + strings("walk.levelTag", ["level": String($0)]) } ?? ""
      var style: TextStyle = ticked ? [.bold] : []
      if focused { style.insert(.reverse) }
      let used = buffer.put(box, row: row, column: 3, style: style)
      let room = width - 4 - used
      let label = DisplayWidth.truncate(finding?.label.text(language) ?? id, to: room - DisplayWidth.of(tag)) + tag
      buffer.put(label, row: row, column: 3 + used, style: style, limit: room)
    case .parity:
      let used = buffer.put(strings("walk.parity") + " ", row: row, column: 3, style: labelStyle)
      var column = 3 + used
      for parity in Parity.allCases {
        let chosen = walk.parity == parity
        let text = (chosen ? "(•) " : "( ) ") + strings("parity.\(parity.rawValue)") + "  "
        column += buffer.put(text, row: row, column: column, style: chosen ? [.bold] : [], limit: width - column)
      }
    default:
      let label = strings("walk.field.\(item.key)")
      buffer.put(label, row: row, column: 3, style: labelStyle, limit: 19)
      let fieldColumn = 23
      let field = walk[field: item] ?? TextField()
      field.render(into: &buffer, row: row, column: fieldColumn, width: 11, focused: focused)
      // A problem is flagged here in bold; the line under the dating fields says what it is.
      let hint = (problem == nil ? "" : "!") + strings("walk.hint.\(item.key)")
      buffer.put(
        hint, row: row, column: fieldColumn + 12, style: problem == nil ? [.dim] : [.bold],
        limit: width - fieldColumn - 13)
    }
  }

  /// The side panel: suggested level, reasons with sources, offers. Shared by the
  /// walkthrough and the level decision.
  func renderSidePanel(
    _ result: Result<Assessment, InputError>?, into buffer: inout ScreenBuffer, column: Int, width: Int,
    rows: Range<Int>, focused: Bool
  ) {
    var lines: [(String, TextStyle)] = []
    // Wrapped lines hang under the first: bullets stay readable in a narrow panel.
    func add(_ text: String, _ style: TextStyle = [], indent: Int = 0, hanging: Int = 0) {
      for (index, line) in DisplayWidth.wrap(text, to: width - indent - hanging).enumerated() {
        let lead = indent + (index == 0 ? 0 : hanging)
        lines.append((String(repeating: " ", count: lead) + line, style))
      }
    }
    switch result {
    case .success(let assessment):
      add(strings("panel.suggested", ["level": String(assessment.suggestedLevel)]), [.bold, .accent])
      if let description = context.ruleSet.levels.first(where: { $0.level == assessment.suggestedLevel }) {
        add(description.label.text(language), [.dim])
      }
      lines += birthRiskLines(assessment, width: width)
      lines.append(("", []))
      add(strings("panel.reasons"), [.bold, .underline])
      if assessment.reasons.isEmpty { add(strings("panel.noReasons"), [.dim]) }
      for reason in assessment.reasons {
        add("• " + reason.label.text(language) + " (" + String(reason.level) + ")", hanging: 2)
        add(reason.source.text(language), [.dim], indent: 2)
      }
      lines.append(("", []))
      add(strings("panel.offers"), [.bold, .underline])
      if assessment.offers.isEmpty { add(strings("panel.noOffers"), [.dim]) }
      for offer in assessment.offers { add("• " + offer.label.text(language), hanging: 2) }
    case .failure(let error):
      add(strings("panel.inputProblem"), [.bold])
      add(error.message(strings))
    case nil:
      add(strings("panel.waiting"), [.dim])
    }
    let offset = min(panelOffset, max(0, lines.count - rows.count))
    for (line, row) in zip(lines.dropFirst(offset), rows) {
      buffer.put(line.0, row: row, column: column, style: line.1, limit: width)
    }
    if focused { buffer.addStyle(.underline, row: rows.lowerBound, column: column, count: width) }
  }
}

extension WalkItem {
  /// The suffix of this row's catalogue keys (`walk.field.dueDate`).
  var key: String {
    switch self {
    case .dueDate: "dueDate"
    case .lastPeriod: "lastPeriod"
    case .cycleDays: "cycleDays"
    case .scanDate: "scanDate"
    case .scanAge: "scanAge"
    case .parity: "parity"
    case .bmi: "bmi"
    case .finding(let id): id
    }
  }
}
