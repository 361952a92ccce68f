import SvangreResources
import SvangreRules

/// One line of the walkthrough's form pane.
enum WalkLine {
  case section(String)
  /// A focusable row: index into `items`.
  case item(Int)
  case explanation(String)
  /// Why a box is ticked that nobody ticked ("✓ krydset af fra BMI 31,2").
  case note(String)
  case info(String, TextStyle)
}

/// Drawing the walkthrough: the form pane on the left (58 %), the side panel on the right.
extension WalkthroughScreen {
  /// The two panes of a form screen and the rule between them: the form, then the
  /// panel after a one-column rule and a gap, one blank column at the right edge.
  static func panes(_ area: Rect, percent: Int) -> (form: Rect, rule: Rect, panel: Rect) {
    let parts = area.columns([.percentage(percent), .length(1), .length(1), .fill(), .length(1)])
    return (parts[0], parts[1], parts[3])
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let (formArea, rule, panel) = Self.panes(area, percent: 58)
    let lines = walkLines(width: formArea.width, env)
    let focusLine = lines.firstIndex { if case .item(let index) = $0 { index == form.focus } else { false } } ?? 0
    let offset = Layout.centredOffset(focus: focusLine, count: lines.count, visible: area.height)
    let problems = form.fieldProblems
    for (line, row) in zip(lines[offset...], area.rows) {
      switch line {
      case .section(let title):
        Layout.sectionTitle(title, into: &buffer, row: row, column: 1, width: formArea.width - 2)
      case .info(let text, let style):
        buffer.put(DisplayWidth.truncate(text, to: formArea.width - 4), row: row, column: 3, style: style)
      case .explanation(let text):
        buffer.put(text, row: row, column: 6, style: [.dim], limit: formArea.width - 7)
      case .note(let text):
        buffer.put(text, row: row, column: 6, style: [.bold], limit: formArea.width - 7)
      case .item(let index):
        renderItem(index, row: row, width: formArea.width, problem: problems[items[index]], into: &buffer, env)
      }
    }
    Layout.verticalRule(into: &buffer, column: rule.x, rows: area.rows)
    SidePanel(result: result, offset: panelOffset, focused: panelFocused).render(into: &buffer, area: panel, env)
  }

  /// The form pane's lines, built from the rule set and the form.
  func walkLines(width: Int, _ env: ScreenEnvironment) -> [WalkLine] {
    let strings = env.strings
    var lines: [WalkLine] = []
    if let last = detail.visitations.last {
      for line in DisplayWidth.wrap(strings("walk.basedOn", ["date": last.day]), to: width - 6) {
        lines.append(.info(line, [.dim]))
      }
    }
    lines.append(.section(strings("walk.dating")))
    for index in 0..<WalkItem.fields.count { lines.append(.item(index)) }
    let problems = form.fieldProblems
    for item in WalkItem.fields + [.bmi] {
      guard let problem = problems[item] else { continue }
      let text = "! " + strings("walk.field.\(item.key)") + ": " + strings(problem)
      for line in DisplayWidth.wrap(text, to: width - 6) { lines.append(.info(line, [.bold])) }
    }
    for line in DisplayWidth.wrap(datingSummary(strings), to: width - 6) { lines.append(.info(line, [.bold])) }
    lines.append(.section(strings("walk.parityAndBMI")))
    lines.append(.item(WalkItem.fields.count))
    lines.append(.item(WalkItem.fields.count + 1))
    var index = WalkItem.fields.count + 2
    for domain in env.ruleSet.domains {
      let findings = env.ruleSet.findings(in: domain.id)
      guard !findings.isEmpty else { continue }
      lines.append(.section(domain.label.text(env.language)))
      let implied = impliedFindings
      for finding in findings {
        lines.append(.item(index))
        if implied.contains(finding.id), !form.findings.contains(finding.id) {
          lines.append(.note(strings("walk.fromBMI", ["bmi": form.bmi.value])))
        }
        // The focused criterion's explanation in full; the others on one line, ending in
        // "…" where cut, so the list stays short enough to scan.
        let maxLines = index == form.focus ? Int.max : 1
        for line in DisplayWidth.wrap(finding.explanation.text(env.language), to: width - 7, maxLines: maxLines) {
          lines.append(.explanation(line))
        }
        index += 1
      }
    }
    return lines
  }

  /// "Due date 2027-05-20 (from LMP) · GA 14+2 today", or what is missing.
  func datingSummary(_ strings: StringCatalog) -> String {
    switch result {
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

  func renderItem(
    _ index: Int, row: Int, width: Int, problem: String?, into buffer: inout ScreenBuffer, _ env: ScreenEnvironment
  ) {
    let strings = env.strings
    let item = items[index]
    let focused = index == form.focus && !panelFocused
    buffer.put(focused ? "▶" : " ", row: row, column: 1, style: [.bold])
    let labelStyle: TextStyle = focused ? [.bold] : []
    switch item {
    case .finding(let id):
      let finding = env.ruleSet.finding(id)
      // Ticked by hand, or by the rules from the BMI (then it says so).
      let ticked = form.findings.contains(id) || impliedFindings.contains(id)
      // The level tag stays whole; a long label gives way, ending in "…".
      let tag = finding?.level.map { " " + strings("walk.levelTag", ["level": String($0)]) } ?? ""
      var style: TextStyle = ticked ? [.bold] : []
      if focused { style.insert(.reverse) }
      let used = buffer.put(ticked ? "[x] " : "[ ] ", row: row, column: 3, style: style)
      let room = width - 4 - used
      let label = DisplayWidth.truncate(finding?.label.text(env.language) ?? id, to: room - DisplayWidth.of(tag)) + tag
      buffer.put(label, row: row, column: 3 + used, style: style, limit: room)
    case .parity:
      let used = buffer.put(strings("walk.parity") + " ", row: row, column: 3, style: labelStyle)
      var column = 3 + used
      for parity in Parity.allCases {
        let chosen = form.parity == parity
        let text = (chosen ? "(•) " : "( ) ") + strings("parity.\(parity.rawValue)") + "  "
        column += buffer.put(text, row: row, column: column, style: chosen ? [.bold] : [], limit: width - column)
      }
    default:
      // Label, field and hint in columns: 3–22, 23–33, then the rest of the pane.
      let columns = Rect(x: 3, y: row, width: width - 4, height: 1).columns([.length(20), .length(12), .fill()])
      buffer.put(strings("walk.field.\(item.key)"), row: row, column: columns[0].x, style: labelStyle, limit: 19)
      let field = form[field: item] ?? TextField()
      field.render(into: &buffer, row: row, column: columns[1].x, width: 11, focused: focused)
      // A problem is flagged here in bold; the line under the dating fields says what it is.
      let hint = (problem == nil ? "" : "!") + strings("walk.hint.\(item.key)")
      buffer.put(
        hint, row: row, column: columns[2].x, style: problem == nil ? [.dim] : [.bold], limit: columns[2].width)
    }
  }
}

/// The side panel of the walkthrough and the level decision: suggested level, birth
/// risks, reasons with sources, offers — the engine's answer as the screen keeps it.
struct SidePanel {
  var result: Result<Assessment, InputError>?
  var offset: Int
  var focused: Bool

  func lines(width: Int, _ env: ScreenEnvironment) -> [PageLine] {
    let strings = env.strings
    let language = env.language
    var lines: [PageLine] = []
    // Wrapped lines hang under the first: bullets stay readable in a narrow panel.
    func add(_ text: String, _ style: TextStyle = [], indent: Int = 0, hanging: Int = 0) {
      for (index, line) in DisplayWidth.wrap(text, to: width - indent - hanging).enumerated() {
        lines.append(
          PageLine(text: String(repeating: " ", count: indent + (index == 0 ? 0 : hanging)) + line, style: style))
      }
    }
    switch result {
    case .success(let assessment):
      add(strings("panel.suggested", ["level": String(assessment.suggestedLevel)]), [.bold, .accent])
      if let description = env.ruleSet.levels.first(where: { $0.level == assessment.suggestedLevel }) {
        add(description.label.text(language), [.dim])
      }
      lines += RecordPages.birthRiskLines(assessment, showsCareLevel: false, env, width: width)
      lines.append(.blank)
      add(strings("panel.reasons"), [.bold, .underline])
      if assessment.reasons.isEmpty { add(strings("panel.noReasons"), [.dim]) }
      for reason in assessment.reasons {
        add("• " + reason.label.text(language) + " (" + String(reason.level) + ")", hanging: 2)
        add(reason.source.text(language), [.dim], indent: 2)
      }
      lines.append(.blank)
      add(strings("panel.offers"), [.bold, .underline])
      if assessment.offers.isEmpty { add(strings("panel.noOffers"), [.dim]) }
      for offer in assessment.offers { add("• " + offer.label.text(language), hanging: 2) }
    case .failure(let error):
      add(strings("panel.inputProblem"), [.bold])
      add(error.message(strings))
    case nil:
      add(strings("panel.waiting"), [.dim])
    }
    return lines
  }

  func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment) {
    let lines = lines(width: area.width, env)
    let first = min(offset, max(0, lines.count - area.height))
    for (line, row) in zip(lines.dropFirst(first), area.rows) {
      buffer.put(line.text, row: row, column: area.x, style: line.style, limit: area.width)
    }
    if focused { buffer.addStyle(.underline, row: area.y, column: area.x, count: area.width) }
  }
}
