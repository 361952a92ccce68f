import Foundation
import SvangreResources
import SvangreRules
import SvangreStore

/// How a record and a listing look on standard output: JSON for programs (contract
/// fields first), text in the chosen language for a person.
enum RecordOutput {
  // MARK: JSON

  static func json(_ record: PregnancyRecord) -> JSONValue {
    let birth: JSONValue
    if let (entry, value) = record.birth, let (_, recorded) = record.recordedBirth {
      // The current values first (after corrections), then the birth as recorded.
      birth = .object(
        [("seq", .int(entry.seq)), ("at", .string(entry.at)), ("author", .string(entry.author))] + fields(value)
          + [
            ("recorded", .object(fields(recorded))),
            ("amendments", .array(record.birthAmendments.map(json))),
          ])
    } else {
      birth = .null
    }
    let closed: JSONValue
    if let (entry, value) = record.closure {
      closed = .object([
        ("seq", .int(entry.seq)), ("at", .string(entry.at)), ("author", .string(entry.author)),
        ("reason", .string(value.reason)),
      ])
    } else {
      closed = .null
    }
    return .object([
      ("id", .string(record.id)),
      ("name", .string(record.name)),
      ("cpr", .string(record.cpr)),
      ("revision", .int(record.revision)),
      ("status", .string(record.status.rawValue)),
      ("parity", .optional(record.parity)),
      ("due_date", .optional(record.dueDate)),
      ("last_level", .optional(record.lastLevel)),
      ("created_at", .string(record.createdAt)),
      ("created_by", .string(record.createdBy)),
      (
        "original",
        .object([
          ("name", .string(record.woman.name)), ("cpr", .string(record.woman.cpr)),
          ("parity", .optional(record.pregnancy.parity)), ("due_date", .optional(record.pregnancy.dueDate)),
        ])
      ),
      ("visitations", .array(record.visitations.map(json))),
      ("notes", .array(record.notes.map(json))),
      ("attendance", .array(record.doneItems.map(json))),
      ("amendments", .array(record.amendments.map(json))),
      ("birth", birth),
      ("closed", closed),
    ])
  }

  static func fields(_ birth: BirthEvent) -> [(String, JSONValue)] {
    [
      ("date", .string(birth.date.iso)), ("place", .string(birth.place.rawValue)),
      ("discharge_hours", birth.dischargeHours.map(JSONValue.number) ?? .null),
      ("traumatic", .bool(birth.traumatic)), ("child_loss", .bool(birth.childLoss)),
    ]
  }

  static func json(_ view: VisitationView) -> JSONValue {
    let visit = view.visitation
    return .object([
      ("seq", .int(view.seq)),
      ("at", .string(view.at)),
      ("author", .string(view.author)),
      ("suggested_level", .int(visit.suggestedLevel)),
      ("level", .int(view.level)),
      ("recorded_level", .int(visit.level)),
      ("override_reason", .optional(visit.overrideReason)),
      ("ruleset", .object([("id", .string(visit.ruleSetID)), ("version", .string(visit.ruleSetVersion))])),
      ("due_date", .optional(visit.dueDate)),
      ("gestational_age", .optional(visit.gestationalAge)),
      ("input", visit.input),
      ("amendments", .array(view.amendments.map(json))),
    ])
  }

  static func json(_ view: NoteView) -> JSONValue {
    .object([
      ("seq", .int(view.seq)), ("at", .string(view.at)), ("author", .string(view.author)),
      ("text", .string(view.text)), ("original_text", .string(view.originalText)),
      ("amendments", .array(view.amendments.map(json))),
    ])
  }

  /// An "item done" entry: the values after corrections, then `recorded_date` as written.
  static func json(_ view: DoneView) -> JSONValue {
    .object([
      ("seq", .int(view.seq)), ("at", .string(view.at)), ("author", .string(view.author)),
      ("item", .string(view.item)), ("date", .string(view.date)), ("cancelled", .bool(view.cancelled)),
      ("note", .optional(view.recorded.note)), ("recorded_date", .string(view.recorded.date)),
      ("amendments", .array(view.amendments.map(json))),
    ])
  }

  static func json(_ view: AmendmentView) -> JSONValue {
    let amendment = view.amendment
    return .object([
      ("seq", .int(view.seq)), ("at", .string(view.at)), ("author", .string(view.author)),
      ("field", .string(amendment.field.rawValue)), ("target", .optional(amendment.target)),
      ("old", amendment.old), ("new", amendment.new),
      ("reason", .string(amendment.reason)),
    ])
  }

  static func json(_ summary: RecordSummary) -> JSONValue {
    .object([
      ("id", .string(summary.id)),
      ("name", .string(summary.name)),
      ("cpr", .string(summary.maskedCPR)),
      ("status", .string(summary.status.rawValue)),
      ("level", .optional(summary.lastLevel)),
      ("due_date", .optional(summary.dueDate)),
      ("visitations", .int(summary.visitationCount)),
      ("revision", .int(summary.revision)),
      ("updated_at", .string(summary.updatedAt)),
      ("updated_by", .string(summary.updatedBy)),
    ])
  }

  // MARK: Text

  /// `ruleSet` names the items recorded done (their label beside the ID).
  static func text(_ record: PregnancyRecord, _ strings: StringCatalog, ruleSet: RuleSet? = nil) -> String {
    var lines: [String] = []
    lines.append("\(record.name)  \(record.cpr)")
    lines.append(strings("store.show.id", ["id": record.id, "revision": String(record.revision)]))
    lines.append(strings("store.show.status", ["status": strings("store.status." + record.status.rawValue)]))
    if let parity = record.parity {
      lines.append(strings("store.show.parity", ["parity": strings("store.parity." + parity)]))
    }
    if let due = record.dueDate { lines.append(strings("store.show.due_date", ["date": due])) }
    lines.append(
      strings("store.show.created", ["at": Timestamp.minutes(record.createdAt), "author": record.createdBy]))
    lines.append("")
    lines.append(strings("store.show.history"))
    if record.history.isEmpty { lines.append("  " + strings("store.show.empty")) }
    for entry in record.history {
      let head = "  #\(entry.seq)  \(Timestamp.minutes(entry.at))  \(entry.author)  "
      switch entry.content {
      case .visitation(let visit):
        let level: String
        if let reason = visit.overrideReason {
          level = strings(
            "store.show.visitation.override",
            [
              "level": String(visit.level), "suggested": String(visit.suggestedLevel), "reason": reason,
            ])
        } else {
          level = strings("store.show.visitation.level", ["level": String(visit.level)])
        }
        var details = level
        if let ga = visit.gestationalAge { details += "  " + strings("store.show.visitation.ga", ["ga": ga]) }
        // The clinical date beside the audit time in `head`: entered later, they differ.
        let date = visit.referenceDate.map { " " + $0 } ?? ""
        lines.append(head + strings("store.kind.visitation") + date + ": " + details)
        lines.append(
          "      " + strings("store.show.visitation.ruleset", ["id": visit.ruleSetID, "version": visit.ruleSetVersion]))
      case .note(let note):
        lines.append(head + strings("store.kind.note") + ": " + note.text)
      case .amendment(let amendment):
        // A correction of several fields is one entry: each field on its own line.
        for (index, part) in amendment.parts.enumerated() {
          let target = part.target.map { " #\($0)" } ?? ""
          lines.append(
            (index == 0 ? head + strings("store.kind.amendment") + ": " : String(repeating: " ", count: head.count))
              + strings(
                "store.show.amendment",
                [
                  "field": strings("store.field." + part.field.rawValue) + target,
                  "old": strings.storedValue(part.old, field: part.field.rawValue),
                  "new": strings.storedValue(part.new, field: part.field.rawValue), "reason": part.reason,
                ]))
        }
      case .birth(let birth):
        lines.append(
          head + strings("store.kind.birth") + ": "
            + strings(
              "store.show.birth", ["date": birth.date.iso, "place": strings("store.place." + birth.place.rawValue)]))
      case .closure(let closure):
        lines.append(head + strings("store.kind.close") + ": " + closure.reason)
      case .done(let done):
        // The item as recorded; its corrections follow as their own entries.
        let label = ruleSet?.schedule.first { $0.id == done.item }?.label.text(strings.language)
        var text = strings(
          "store.show.done", ["item": label.map { "\($0) (\(done.item))" } ?? done.item, "date": done.date])
        if record.doneItems.first(where: { $0.seq == entry.seq })?.cancelled == true {
          text += " " + strings("store.show.done.cancelled")
        }
        if let note = done.note { text += "; " + strings("store.show.done.note", ["note": note]) }
        lines.append(head + strings("store.kind.done") + ": " + text)
      }
    }
    return textLines(lines)
  }

  static func text(_ summaries: [RecordSummary], _ strings: StringCatalog) -> String {
    guard !summaries.isEmpty else { return strings("store.list.empty") }
    let header = [
      strings("store.list.id"), strings("store.list.cpr"), strings("store.list.level"),
      strings("store.list.due"), strings("store.list.status"), strings("store.list.name"),
    ]
    let rows = summaries.map { summary in
      [
        summary.id, summary.maskedCPR, summary.lastLevel.map(String.init) ?? "–", summary.dueDate ?? "–",
        strings("store.status." + summary.status.rawValue), TerminalText.safe(summary.name),
      ]
    }
    let widths = (0..<header.count).map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
  }
}
