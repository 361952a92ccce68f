extension Assessment {
  /// The contract's name and version, written first in every result.
  public static let contract = "svangre.assessment/2"

  /// The result as contract `svangre.assessment/2` JSON, texts in `language`.
  public func contractJSON(language: Language) -> JSONValue {
    func text(_ localized: LocalizedText) -> JSONValue { .string(localized.text(language)) }
    func dated(_ item: ScheduledItem) -> JSONValue {
      var members: [(String, JSONValue)] = [
        ("id", .string(item.id)), ("who", .string(item.who.rawValue)),
        ("from", .string(item.from.iso)), ("to", .string(item.to.iso)),
      ]
      if let gaFrom = item.gaFrom, let gaTo = item.gaTo {
        members += [("ga_from", .string(gaFrom.description)), ("ga_to", .string(gaTo.description))]
      }
      if let gaLatest = item.gaLatest, let latest = item.latest {
        members += [("ga_latest", .string(gaLatest.description)), ("latest", .string(latest.iso))]
      }
      members.append(("status", .string(item.status.rawValue)))
      if let doneDate = item.doneDate { members.append(("done_date", .string(doneDate.iso))) }
      if !item.indicatedBy.isEmpty {
        members.append(("indicated_by", .array(item.indicatedBy.map { .string($0) })))
      }
      members += [("text", text(item.label)), ("source", text(item.source))]
      return .object(members)
    }

    let diagnostics = prenatalDiagnostics.items.map { item -> JSONValue in
      var members: [(String, JSONValue)] = [("id", .string(item.id))]
      if let gaFrom = item.gaFrom { members.append(("ga_from", .string(gaFrom.description))) }
      if let gaTo = item.gaTo { members.append(("ga_to", .string(gaTo.description))) }
      if let gaLatest = item.gaLatest { members.append(("ga_latest", .string(gaLatest.description))) }
      if let from = item.from { members.append(("from", .string(from.iso))) }
      if let to = item.to { members.append(("to", .string(to.iso))) }
      if let latest = item.latest { members.append(("latest", .string(latest.iso))) }
      if let status = item.status { members.append(("status", .string(status.rawValue))) }
      if let doneDate = item.doneDate { members.append(("done_date", .string(doneDate.iso))) }
      members += [("text", text(item.label)), ("source", text(item.source))]
      return .object(members)
    }

    return .object([
      ("contract", .string(Self.contract)),
      ("ruleset", .object([("id", .string(ruleSetID)), ("version", .string(ruleSetVersion))])),
      ("dating", .object([("due_date", .string(dueDate.iso)), ("source", .string(datingSource.rawValue))])),
      ("gestational_age", .string(gestationalAge.description)),
      ("suggested_level", .int(suggestedLevel)),
      ("level", .int(level)),
      ("overridden", .bool(overridden)),
      ("override_reason", overrideReason.map { .string($0) } ?? .null),
      ("care_level", .int(careLevel)),
      ("birth_risks", .array(birthRisks.map { .string($0.id) })),
      (
        "reasons",
        .array(
          reasons.map {
            .object([
              ("id", .string($0.id)), ("level", .int($0.level)), ("implied", .bool($0.implied)),
              ("source", text($0.source)),
              ("text", text($0.label)),
            ])
          })
      ),
      (
        "offers",
        .array(
          offers.map {
            .object([
              ("id", .string($0.id)), ("because", .array($0.because.map { .string($0) })),
              ("text", text($0.label)), ("source", text($0.source)),
            ])
          })
      ),
      ("schedule", .array(schedule.map(dated))),
      (
        "prenatal_diagnostics",
        .object([("programme", .string(prenatalDiagnostics.programme.rawValue)), ("items", .array(diagnostics))])
      ),
      (
        "birthplaces",
        .array(
          birthplaces.map {
            .object([
              ("site", .string($0.site)), ("name", text($0.name)), ("suitable", .bool($0.suitable)),
              ("rule", $0.ruleID.map { .string($0) } ?? .null),
              ("because", .array($0.because.map { .string($0) })),
              ("reason", text($0.reason)), ("source", text($0.reasonText.source)),
            ])
          })
      ),
      ("postnatal", .array(postnatal.map(dated))),
    ])
  }
}
