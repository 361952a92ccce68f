import SvangreResources
import SvangreRules

/// The note for her patient record (`svangre record summary`, the TUI's summary key): the
/// visitation's date and who made it, dating and parity, the level suggested and chosen
/// (with the reason for a change), the findings with their sources, the offers and the
/// next items of her programme. Clinical Danish (English with `--lang en`); every fact is
/// the engine's answer for the record's state now (`DocumentSource`).
public struct JournalNote: RecordDocument {
  public let source: DocumentSource
  public let words: DocumentWords

  /// How many items of the programme still ahead the note lists.
  public static let nextItems = 4

  public init(source: DocumentSource, words: DocumentWords) {
    self.source = source
    self.words = words
  }

  /// The next items of her programme: not done, not missed and not over, soonest first.
  public var next: [ScheduledItemSummary] {
    ProgrammeItem.all(assessment).filter(\.isAhead).prefix(Self.nextItems).map(ScheduledItemSummary.init)
  }

  /// The note as text to paste, one fact a line.
  public var text: String {
    var lines = heading("journal.title", visit: "journal.visitation")
    lines += [
      strings(
        "journal.status_on",
        ["date": words.clinical(source.today), "ga": source.followUp.gestationalAge.description]),
      strings(
        "journal.dating",
        ["due": words.clinical(assessment.dueDate), "how": words.datingHow(source.input, assessment)]),
      strings("parity.\(source.input.parity.rawValue)") + ".",
    ]
    lines += words.birthNotRecorded(source.followUp).map { [$0] } ?? []
    lines.append(words.level(assessment, "journal"))
    if assessment.careLevel != assessment.level {
      lines.append(strings("journal.care_level", ["level": String(assessment.careLevel)]))
    }
    lines.append(
      strings("journal.birth_risks", ["risks": words.list(assessment.birthRisks.map { words.text($0.label) })]))
    lines += [""] + findingLines
    let others = words.otherFindings(source.input, assessment) + words.wishes(source.input)
    if !others.isEmpty { lines.append(strings("journal.other_findings", ["list": others.joined(separator: ", ")])) }
    lines += [""] + offerLines
    lines += [""] + nextLines
    lines += ["", words.footer(assessment)]
    return lines.joined(separator: "\n")
  }

  var findingLines: [String] {
    guard !assessment.reasons.isEmpty else { return [strings("journal.findings.none")] }
    return [strings("journal.findings")]
      + assessment.reasons.map { reason in
        "- "
          + strings(
            reason.implied ? "journal.finding.implied" : "journal.finding",
            ["label": words.text(reason.label), "level": String(reason.level), "source": words.text(reason.source)])
      }
  }

  var offerLines: [String] {
    guard !assessment.offers.isEmpty else { return [strings("journal.offers.none")] }
    return [strings("journal.offers")]
      + assessment.offers.map { offer in
        "- "
          + strings(
            "journal.offer",
            ["label": words.text(offer.label), "causes": words.causes(offer), "source": words.text(offer.source)])
      }
  }

  var nextLines: [String] {
    let items = ProgrammeItem.all(assessment).filter(\.isAhead).prefix(Self.nextItems)
    guard !items.isEmpty else { return [strings("journal.next.none")] }
    return [strings("journal.next")]
      + items.map { item in
        let key =
          switch item.status {
          case .late: "journal.item.late"
          case .due: "journal.item.due"
          default: "journal.item"
          }
        return "- "
          + strings(
            key,
            [
              "dates": words.window(item.from, item.to), "what": words.what(item),
              "latest": item.latest.map(words.clinical) ?? "",
            ])
      }
  }

  /// The note for a program: the facts as values (IDs are the contract's) and the text.
  public var json: JSONValue {
    .object([
      ("format", .string("svangre.summary/1")),
      ("record", .string(source.recordID)),
      ("date", .string(source.today.iso)),
      ("visitation_date", source.visitedOn.map { .string($0.iso) } ?? .null),
      ("author", source.visitedBy.map(JSONValue.string) ?? .null),
      ("due_date", .string(assessment.dueDate.iso)),
      ("dating_source", .string(assessment.datingSource.rawValue)),
      ("gestational_age", .string(source.followUp.gestationalAge.description)),
      ("parity", .string(source.input.parity.rawValue)),
      ("suggested_level", .int(assessment.suggestedLevel)),
      ("level", .int(assessment.level)),
      ("override_reason", assessment.overridden ? .string(assessment.overrideReason ?? "") : .null),
      ("care_level", .int(assessment.careLevel)),
      (
        "findings",
        .array(
          assessment.reasons.map { reason in
            .object([
              ("id", .string(reason.id)), ("level", .int(reason.level)), ("implied", .bool(reason.implied)),
              ("label", .string(words.text(reason.label))), ("source", .string(words.text(reason.source))),
            ])
          })
      ),
      (
        "offers",
        .array(
          assessment.offers.map { offer in
            .object([
              ("id", .string(offer.id)), ("because", .array(offer.because.map(JSONValue.string))),
              ("label", .string(words.text(offer.label))), ("source", .string(words.text(offer.source))),
            ])
          })
      ),
      ("next", .array(next.map(\.json))),
      ("text", .string(text)),
    ])
  }
}

/// An item of her programme as the note's JSON gives it.
public struct ScheduledItemSummary: Sendable, Hashable {
  public var id: String
  public var from: CalendarDate
  public var to: CalendarDate
  public var latest: CalendarDate?
  public var status: VisitStatus

  init(_ item: ProgrammeItem) {
    id = item.id
    from = item.from
    to = item.to
    latest = item.latest
    status = item.status
  }

  var json: JSONValue {
    .object([
      ("id", .string(id)), ("from", .string(from.iso)), ("to", .string(to.iso)),
      ("latest", latest.map { .string($0.iso) } ?? .null), ("status", .string(status.rawValue)),
    ])
  }
}
