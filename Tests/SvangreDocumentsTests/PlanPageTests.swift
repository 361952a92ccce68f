import Foundation
import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

/// Her page printed as a browser prints it: headless Chromium to PDF, then poppler's
/// pdfinfo (pages, size) and pdftotext (what is on the page).
@Suite(.serialized) struct PlanPageTests {
  struct Printed {
    var pages: Int
    var pageSize: String
    var text: String
  }

  /// Prints `html` to PDF with headless Chromium and reads the PDF back.
  func print(_ html: String, in scratch: Scratch, name: String) throws -> Printed {
    let page = scratch.file("\(name).html")
    let pdf = scratch.file("\(name).pdf")
    try Data(html.utf8).write(to: URL(fileURLWithPath: page))
    let chromium = try run(
      try tool("/usr/bin/chromium"),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--user-data-dir=" + scratch.file("profile"),
        "--print-to-pdf=" + pdf, "file://" + page,
      ])
    try #require(FileManager.default.fileExists(atPath: pdf), "chromium printed nothing: \(chromium.err)")
    let info = try run(try tool("/usr/bin/pdfinfo"), [pdf]).out
    let text = try run(try tool("/usr/bin/pdftotext"), [pdf, "-"]).out
    func field(_ name: String) -> String {
      info.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map {
        $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
      } ?? ""
    }
    return Printed(pages: Int(field("Pages")) ?? 0, pageSize: field("Page size"), text: text)
  }

  /// Runs of white space as one space, so a phrase is found however the PDF broke it.
  func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

  @Test("One A4 page in Danish and in English, with her due date, level, programme, offers and birth places")
  func onePageWithTheFacts() throws {
    let clinic = try Clinic()
    let scratch = Scratch()
    let record = try clinic.woman(Women.names[2], cpr: Women.cprs[2], Women.many)
    let source = try clinic.source(record, on: "2026-11-23")
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      let plan = HerPlan(source, strings: strings, ruleSet: .bundled)
      let printed = try print(PlanPage(plan).html, in: scratch, name: "many-\(language)")
      #expect(printed.pages == 1, "the page runs over in \(language)")
      #expect(printed.pageSize.hasSuffix("(A4)"), "not A4: \(printed.pageSize)")
      let text = flat(printed.text)
      let assessment = source.assessment
      #expect(text.contains(flat(strings("herplan.title"))))
      #expect(text.contains("O'Brien"))
      // The due date as she reads it ("15. maj 2027"), and the level in her words.
      let (year, month, day) = assessment.dueDate.components
      #expect(text.contains(String(year)) && text.contains(strings("month.\(month)")) && text.contains(String(day)))
      #expect(text.contains(flat(strings("herplan.level", ["level": String(assessment.level)]))))
      #expect(text.contains(flat(strings("herplan.level.\(assessment.careLevel)"))))
      for item in assessment.schedule { #expect(text.contains(flat(item.label.text(language))), "\(item.id)") }
      for offer in assessment.offers { #expect(text.contains(flat(offer.label.text(language))), "\(offer.id)") }
      for place in assessment.birthplaces where place.suitable {
        #expect(text.contains(flat(place.name.text(language))), "\(place.site)")
      }
      #expect(!CPRNumber.appears(in: printed.text))
    }
  }

  @Test("What the record holds is escaped: her name prints as typed and makes no markup")
  func recordTextIsEscaped() throws {
    let clinic = try Clinic()
    let scratch = Scratch()
    let record = try clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins)
    let plan = HerPlan(
      try clinic.source(record, on: "2026-11-23"), strings: StringCatalog(language: .da), ruleSet: .bundled)
    let html = PlanPage(plan).html
    #expect(html.contains("Søs &lt;Æbelø&gt; &amp; Ørnsholt"))
    #expect(!html.contains("<Æbelø>"))
    #expect(!html.contains("<script") && !html.contains("http"))
    let printed = try print(html, in: scratch, name: "twins")
    #expect(printed.pages == 1)
    #expect(flat(printed.text).contains("Søs <Æbelø> & Ørnsholt"))
    #expect(!html.contains(Women.cprs[0]))
  }

  @Test("The text plan says the same as the page")
  func textPlan() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.plain)
    let source = try clinic.source(record, on: "2026-11-23")
    let strings = StringCatalog(language: .en)
    let text = HerPlan(source, strings: strings, ruleSet: .bundled).text
    #expect(text.contains("Ida Ærø"))
    #expect(text.contains(strings("herplan.level.1")))
    #expect(text.contains(strings("herplan.offers.none")))
    for item in source.assessment.schedule { #expect(text.contains(item.label.en)) }
    #expect(!text.contains(Women.cprs[1]))
  }
}
