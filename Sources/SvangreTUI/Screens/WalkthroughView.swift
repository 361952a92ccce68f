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

/// The columns of a form pane (walkthrough, decision, birth), split from its area by
/// constraints: a margin, the focus marker "▶", a gap, the content (labels, boxes, fields)
/// and a margin before the rule. A section title spans marker to content; a criterion's
/// explanation sits three columns into the content; a field row splits the content into
/// label, field and hint.
struct FormPane {
  let area: Rect
  let title: Rect
  let marker: Rect
  let content: Rect
  let indented: Rect
  /// Wrapped text (the dating line, problems) keeps two columns clear of the rule.
  let prose: Rect

  init(_ area: Rect) {
    self.area = area
    let parts = area.columns([.length(1), .length(1), .length(1), .fill(), .length(1)])
    marker = parts[1]
    content = parts[3]
    title = area.inset(left: 1, right: 1)
    indented = content.inset(left: 3)
    prose = content.inset(right: 2)
  }

  /// A field's row: its label, the field (11 columns, a date) and the hint, a column apart.
  func fieldRow(_ row: Int) -> (label: Rect, field: Rect, hint: Rect) {
    let parts = Rect(x: content.x, y: row, width: content.width, height: 1)
      .columns([.length(19), .length(1), .length(11), .length(1), .fill()])
    return (parts[0], parts[2], parts[4])
  }
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
    let pane = FormPane(formArea)
    let lines = walkLines(pane, env)
    let focusLine = lines.firstIndex { if case .item(let index) = $0 { index == form.focus } else { false } } ?? 0
    let offset = Layout.centredOffset(focus: focusLine, count: lines.count, visible: area.height)
    let problems = form.fieldProblems
    for (line, row) in zip(lines[offset...], area.rows) {
      switch line {
      case .section(let title):
        Layout.sectionTitle(title, into: &buffer, row: row, column: pane.title.x, width: pane.title.width)
      case .info(let text, let style):
        buffer.put(
          DisplayWidth.truncate(text, to: pane.content.width), row: row, column: pane.content.x, style: style)
      case .explanation(let text):
        buffer.put(text, row: row, column: pane.indented.x, style: [.dim], limit: pane.indented.width)
      case .note(let text):
        buffer.put(text, row: row, column: pane.indented.x, style: [.bold], limit: pane.indented.width)
      case .item(let index):
        renderItem(index, row: row, pane: pane, problem: problems[items[index]], into: &buffer, env)
      }
    }
    Layout.verticalRule(into: &buffer, column: rule.x, rows: area.rows)
    SidePanel(result: result, offset: panelOffset, focused: panelFocused).render(into: &buffer, area: panel, env)
  }

  /// The form pane's lines for a pane `width` columns wide.
  func walkLines(width: Int, _ env: ScreenEnvironment) -> [WalkLine] {
    walkLines(FormPane(Rect(x: 0, y: 0, width: width, height: 0)), env)
  }

  /// The form pane's lines, built from the rule set and the form.
  func walkLines(_ pane: FormPane, _ env: ScreenEnvironment) -> [WalkLine] {
    let strings = env.strings
    var lines: [WalkLine] = []
    if let last = detail.visitations.last {
      for line in DisplayWidth.wrap(strings("walk.basedOn", ["date": last.day]), to: pane.prose.width) {
        lines.append(.info(line, [.dim]))
      }
    }
    lines.append(.section(strings("walk.dating")))
    for index in 0..<WalkItem.fields.count { lines.append(.item(index)) }
    let problems = form.fieldProblems
    for item in WalkItem.fields + [.bmi] {
      guard let problem = problems[item] else { continue }
      let text = "! " + strings("walk.field.\(item.key)") + ": " + strings(problem)
      for line in DisplayWidth.wrap(text, to: pane.prose.width) { lines.append(.info(line, [.bold])) }
    }
    for line in DisplayWidth.wrap(datingSummary(strings), to: pane.prose.width) {
      lines.append(.info(line, [.bold]))
    }
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
        let explanation = finding.explanation.text(env.language)
        for line in DisplayWidth.wrap(explanation, to: pane.indented.width, maxLines: maxLines) {
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
    _ index: Int, row: Int, pane: FormPane, problem: String?, into buffer: inout ScreenBuffer,
    _ env: ScreenEnvironment
  ) {
    let strings = env.strings
    let item = items[index]
    let focused = index == form.focus && !panelFocused
    let content = pane.content
    buffer.put(focused ? "▶" : " ", row: row, column: pane.marker.x, style: [.bold])
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
      let used = buffer.put(ticked ? "[x] " : "[ ] ", row: row, column: content.x, style: style)
      let room = content.width - used
      let label = DisplayWidth.truncate(finding?.label.text(env.language) ?? id, to: room - DisplayWidth.of(tag)) + tag
      buffer.put(label, row: row, column: content.x + used, style: style, limit: room)
    case .parity:
      let used = buffer.put(strings("walk.parity") + " ", row: row, column: content.x, style: labelStyle)
      var column = content.x + used
      // The two choices run to the rule, the second cut with "…" in a narrow pane.
      for parity in Parity.allCases {
        let chosen = form.parity == parity
        let text = (chosen ? "(•) " : "( ) ") + strings("parity.\(parity.rawValue)") + "  "
        column += buffer.put(
          text, row: row, column: column, style: chosen ? [.bold] : [], limit: pane.area.right - column)
      }
    default:
      let (label, fieldArea, hintArea) = pane.fieldRow(row)
      buffer.put(strings("walk.field.\(item.key)"), row: row, column: label.x, style: labelStyle, limit: label.width)
      let field = form[field: item] ?? TextField()
      field.render(into: &buffer, row: row, column: fieldArea.x, width: fieldArea.width, focused: focused)
      // A problem is flagged here in bold; the line under the dating fields says what it is.
      let hint = (problem == nil ? "" : "!") + strings("walk.hint.\(item.key)")
      buffer.put(
        hint, row: row, column: hintArea.x, style: problem == nil ? [.dim] : [.bold], limit: hintArea.width)
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
