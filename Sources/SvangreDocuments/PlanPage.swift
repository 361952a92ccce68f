import SvangreRules

/// Her plan as one printable A4 page of HTML (`svangre export plan --format html`): the
/// content of `HerPlan`, laid out for print with CSS of its own (no scripts, no fonts or
/// images fetched), so a browser prints it as it is. Every text is HTML-escaped, what the
/// record holds (her name) as much as the catalogue's words.
public struct PlanPage: Sendable {
  public let plan: HerPlan

  public init(_ plan: HerPlan) { self.plan = plan }

  public var html: String {
    let programme = plan.programme
    var body: [String] = [
      "<header><h1>\(escape(plan.title))</h1><p class=\"name\">\(escape(plan.name))</p></header>",
      "<section class=\"dating\">" + plan.dating.map { "<p>\(escape($0))</p>" }.joined() + "</section>",
      "<section class=\"level\"><h2>\(escape(plan.levelTitle))</h2><p>\(escape(plan.levelMeaning))</p>"
        + "<p class=\"note\">\(escape(plan.levelSource))</p></section>",
      "<section><h2>\(escape(programme.title))</h2><table><thead><tr>"
        + ["herplan.col.when", "herplan.col.what", "herplan.col.who", "herplan.col.status"].map {
          "<th>\(escape(plan.strings($0)))</th>"
        }.joined() + "</tr></thead><tbody>",
    ]
    body += programme.rows.map { row in
      "<tr\(row.behind ? " class=\"behind\"" : "")>"
        + [row.when, row.what, row.who, row.status].map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
    }
    body.append("</tbody></table></section>")
    body.append("<section><h2>\(escape(plan.offersTitle))</h2>")
    body.append(
      plan.offers.isEmpty
        ? "<p>\(escape(plan.noOffers))</p>"
        : "<ul class=\"columns\">" + plan.offers.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
          + "<p class=\"note\">\(escape(plan.offersNote))</p>")
    body.append("</section><section><h2>\(escape(plan.birthplacesTitle))</h2>")
    body.append(
      plan.suitablePlaces.isEmpty
        ? "<p>\(escape(plan.noPlaces))</p>"
        : "<ul class=\"columns\">" + plan.suitablePlaces.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
    if let unsuitable = plan.unsuitablePlaces { body.append("<p class=\"note\">\(escape(unsuitable))</p>") }
    body.append("</section><footer>\(escape(plan.footer))</footer>")
    return """
      <!DOCTYPE html>
      <html lang="\(plan.strings.language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(plan.title))</title>
      <style>
      \(Self.css)
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  /// One A4 page: small margins, a 9.5-point body, lists in two columns, rows that never
  /// split across pages.
  static let css = """
    @page { size: A4; margin: 12mm 15mm; }
    html { font: 9.5pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; background: #fff; }
    body { margin: 0; }
    h1 { font-size: 17pt; margin: 0; }
    h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; padding-bottom: 0.5mm; border-bottom: 0.3mm solid #777; }
    p { margin: 0.8mm 0; }
    .name { font-size: 12pt; margin-top: 1mm; }
    .dating p { font-size: 11pt; }
    .level { border: 0.4mm solid #000; padding: 0 3mm 2mm; margin-top: 4mm; }
    .level h2 { border: none; }
    .note { font-size: 8.5pt; color: #333; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: 0.5mm 2.5mm 0.5mm 0; }
    th { font-size: 8.5pt; border-bottom: 0.2mm solid #999; }
    td:first-child { white-space: nowrap; }
    tr { break-inside: avoid; }
    tr.behind td { color: #666; }
    ul { margin: 0; padding-left: 5mm; }
    ul.columns { columns: 2; column-gap: 8mm; }
    li { break-inside: avoid; }
    footer { margin-top: 4mm; font-size: 8.5pt; color: #333; }
    @media screen { body { max-width: 178mm; margin: 10mm auto; } }
    """

  /// Text as HTML: the five characters that mean something there, as entities.
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  private func escape(_ text: String) -> String { Self.escape(text) }
}
