import SvangreResources
import SvangreRules

/// Her plan in words for her, not clinicians' shorthand: due date, how far along she is,
/// her level and what it means for her, the programme with dates, her offers and where
/// she can give birth. What `svangre export plan` prints as a page (`html`) or as text
/// (`text`): the content is built once here, the two forms only lay it out.
public struct HerPlan: RecordDocument {
  public let source: DocumentSource
  public let words: DocumentWords

  public init(source: DocumentSource, words: DocumentWords) {
    self.source = source
    self.words = words
  }

  /// One row of the programme table.
  struct Row {
    var when: String
    var what: String
    var who: String
    var status: String
    /// Done, missed or over: printed grey.
    var behind: Bool
  }

  /// A titled list of rows: the pregnancy's programme, or after the birth the contacts.
  struct Section {
    var title: String
    var rows: [Row]
  }

  var title: String { strings("herplan.title") }
  var name: String { source.name }

  /// "Din terminsdato er 20. maj 2027." and how far along she is on the day, in words.
  var dating: [String] {
    let age = source.followUp.gestationalAge
    var lines = [strings("herplan.due", ["date": words.long(assessment.dueDate)])]
    if source.input.birth == nil, !source.followUp.birthNotRecorded {
      lines.append(
        strings(
          "herplan.week",
          ["date": words.long(source.today), "weeks": String(age.weeks), "days": String(age.dayOfWeek)]))
    }
    return lines
  }

  var levelTitle: String { strings("herplan.level", ["level": String(assessment.level)]) }
  /// What the level means for her; the meaning of the care level when an override lowered
  /// the level (her care follows the higher one).
  var levelMeaning: String { strings("herplan.level.\(assessment.careLevel)") }
  var levelSource: String { strings("herplan.level.source") }

  /// Before the birth her visits, scans and tests; after it, the postnatal contacts.
  var programme: Section {
    let items = ProgrammeItem.all(assessment).filter { $0.postnatal == (source.input.birth != nil) }
    return Section(
      title: strings(source.input.birth == nil ? "herplan.programme" : "herplan.postnatal"),
      rows: items.map { item in
        Row(
          when: words.window(item.from, item.to), what: words.text(item.label),
          who: item.who.map { strings.who($0) } ?? "", status: status(item),
          behind: !item.isAhead)
      })
  }

  func status(_ item: ProgrammeItem) -> String {
    strings(
      "herplan.status.\(item.status.rawValue)",
      ["date": (item.status == .done ? item.doneDate : item.latest).map(words.clinical) ?? ""])
  }

  var offersTitle: String { strings("herplan.offers") }
  /// Her offers by name; the rule set's explanations are written for clinicians, so the
  /// page sends her to them for the details (`offersNote`).
  var offers: [String] { assessment.offers.map { words.text($0.label) } }
  var offersNote: String { strings("herplan.offers.note") }
  var noOffers: String { strings("herplan.offers.none") }

  var birthplacesTitle: String { strings("herplan.birthplaces") }
  var suitablePlaces: [String] { assessment.birthplaces.filter(\.suitable).map { words.text($0.name) } }
  var unsuitablePlaces: String? {
    let names = assessment.birthplaces.filter { !$0.suitable }.map { words.text($0.name) }
    return names.isEmpty ? nil : strings("herplan.birthplaces.unsuitable", ["places": names.joined(separator: ", ")])
  }
  var noPlaces: String { strings("herplan.birthplaces.none") }

  var footer: String { strings("herplan.footer", ["date": words.long(source.today)]) }

  /// The plan as plain text, one fact a line.
  public var text: String {
    var lines = [title, name, ""] + dating + ["", levelTitle + ".", levelMeaning, levelSource, ""]
    let section = programme
    lines.append(section.title + ":")
    lines += section.rows.map { row in
      "- "
        + [row.when, row.what, row.who.isEmpty ? nil : "(\(row.who))", row.status.isEmpty ? nil : "– \(row.status)"]
        .compactMap { $0 }.joined(separator: " ")
    }
    lines += ["", offersTitle + ":"]
    lines += offers.isEmpty ? [noOffers] : offers.map { "- " + $0 } + [offersNote]
    lines += ["", birthplacesTitle + ":"]
    lines += suitablePlaces.isEmpty ? [noPlaces] : suitablePlaces.map { "- " + $0 }
    lines += unsuitablePlaces.map { [$0] } ?? []
    lines += ["", footer]
    return lines.joined(separator: "\n")
  }
}
