import SvangreRules

/// The level decision: confirm the suggestion or choose another level with a mandatory
/// reason, then save the visitation under the author's initials.
extension AppModel {
  mutating func performOnDecision(_ action: Action) {
    switch action {
    case .levelDown where decision.focus == 0: setDecisionLevel(decision.level - 1)
    case .levelUp where decision.focus == 0: setDecisionLevel(decision.level + 1)
    case .setLevel(let level) where decision.focus == 0: setDecisionLevel(level)
    case .up, .previousPane: decision.focus = 0
    case .down, .nextPane: decision.focus = 1
    case .back: screen = .walkthrough
    case .confirm:
      if decision.focus == 0 && isOverride && decision.reason.value.isEmpty {
        decision.focus = 1
        message = strings("decision.reasonRequired")
        return
      }
      if config.initials == nil {
        dialog = .initials(TextField(maxLength: 6), then: .visitation)
      } else {
        saveVisitation()
      }
    default: break
    }
  }

  mutating func setDecisionLevel(_ level: Int) {
    decision.level = min(max(AssessmentInput.levelRange.lowerBound, level), AssessmentInput.levelRange.upperBound)
    markDirty()
  }

  var suggestedLevel: Int? {
    if case .success(let assessment) = walkResult { return assessment.suggestedLevel }
    return nil
  }

  var isOverride: Bool { decision.level != suggestedLevel }

  /// Saves the walkthrough as a visitation with the chosen level. The store refuses a
  /// save on a stale revision (someone else saved meanwhile): the message says so and
  /// nothing typed is lost.
  mutating func saveVisitation() {
    guard let record, let author = config.initials else { return }
    var override: LevelOverride?
    if isOverride {
      guard !decision.reason.value.isEmpty else {
        decision.focus = 1
        message = strings("decision.reasonRequired")
        return
      }
      override = LevelOverride(level: decision.level, reason: decision.reason.value)
    }
    guard let input = walk.input(on: context.today, override: override, birth: record.birth) else { return }
    do throws(RepositoryError) {
      try context.repository.appendVisitation(
        recordID: record.id, input: input, author: author, expectedRevision: record.revision)
    } catch {
      message = error.message
      return
    }
    discardDraft()
    walk = WalkthroughForm()
    openRecord(id: record.id)
    reloadRows()
    pageOffset = 0
    screen = .plan
    message = strings("decision.saved", ["level": String(decision.level), "initials": author])
  }

  func renderDecision(into buffer: inout ScreenBuffer, rows body: Range<Int>) {
    let leftWidth = width * 58 / 100
    var row = body.lowerBound + 1
    Layout.sectionTitle(strings("decision.title"), into: &buffer, row: row, column: 1, width: leftWidth - 2)
    row += 2
    if let suggestedLevel {
      buffer.put(
        strings("decision.suggested", ["level": String(suggestedLevel)]), row: row, column: 3, style: [.bold],
        limit: leftWidth - 4)
    }
    // Her level so far, after corrections, when the clinician chose it: a new visitation
    // starts from the suggestion, so the earlier choice is shown to be kept or let go.
    if let chosen = record?.current?.override {
      buffer.put(
        strings("decision.chosenBefore", ["level": String(chosen.level), "reason": chosen.reason]), row: row + 1,
        column: 3, style: [.dim], limit: leftWidth - 4)
    }
    row += 2
    // The level row: four choices, the chosen one reversed and bracketed.
    let levelFocused = decision.focus == 0
    buffer.put(levelFocused ? "▶" : " ", row: row, column: 1, style: [.bold])
    var column =
      3 + buffer.put(strings("decision.level") + " ", row: row, column: 3, style: levelFocused ? [.bold] : [])
    for level in AssessmentInput.levelRange {
      let chosen = level == decision.level
      let text = chosen ? "[\(level)]" : " \(level) "
      column += buffer.put(text, row: row, column: column, style: chosen ? [.reverse, .bold] : [])
      column += 1
    }
    if let suggestedLevel, decision.level != suggestedLevel {
      buffer.put(
        strings("decision.overrideTag"), row: row, column: column + 1, style: [.bold], limit: leftWidth - column - 2)
    }
    // A lower level takes no safety limit away (contract /2: birth places follow the care
    // level, the higher of the two); say so where the level is lowered.
    if let suggestedLevel, decision.level < suggestedLevel {
      buffer.put(
        strings("decision.limitsKept", ["level": String(suggestedLevel)]), row: row + 1, column: 3, style: [.dim],
        limit: leftWidth - 4)
    }
    row += 2
    let reasonFocused = decision.focus == 1
    buffer.put(reasonFocused ? "▶" : " ", row: row, column: 1, style: [.bold])
    let reasonLabel = strings(isOverride ? "decision.reasonRequiredLabel" : "decision.reasonOptional")
    buffer.put(reasonLabel, row: row, column: 3, style: reasonFocused ? [.bold] : [], limit: leftWidth - 4)
    row += 1
    decision.reason.render(into: &buffer, row: row, column: 3, width: leftWidth - 6, focused: reasonFocused)
    row += 2
    let author = config.initials ?? strings("header.noInitials")
    buffer.put(strings("decision.author", ["initials": author]), row: row, column: 3, limit: leftWidth - 4)
    row += 2
    for line in DisplayWidth.wrap(strings("decision.help"), to: leftWidth - 6) where row < body.upperBound {
      buffer.put(line, row: row, column: 3, style: [.dim])
      row += 1
    }
    Layout.verticalRule(into: &buffer, column: leftWidth, rows: body)
    renderSidePanel(
      walkResult, into: &buffer, column: leftWidth + 2, width: width - leftWidth - 3, rows: body, focused: false)
  }
}
