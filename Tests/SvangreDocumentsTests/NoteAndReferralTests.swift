import Foundation
@testable import SvangreDocuments
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

/// The record note and the referral say what the engine answered for the record's state
/// now: each fact is looked for by the engine's own values, not by a copy of the output.
@Suite struct NoteAndReferralTests {
  let da = StringCatalog(language: .da)
  let en = StringCatalog(language: .en)

  @Test(
    "The note gives the visitation, dating, level suggested and chosen with the reason, findings with sources, offers")
  func noteHasTheFacts() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins)
    let source = try clinic.source(record, on: "2026-11-30")
    let assessment = source.assessment
    for strings in [da, en] {
      let note = JournalNote(source, strings: strings, ruleSet: .bundled).text
      let language = strings.language
      #expect(note.contains("AB"))
      #expect(note.contains(strings("parity.nulliparous")))
      #expect(note.contains(String(assessment.dueDate.components.year)))
      #expect(note.contains(source.followUp.gestationalAge.description))
      #expect(assessment.overridden && assessment.level == 3 && assessment.suggestedLevel == 2)
      #expect(note.contains("Tvillinger & <b>lang vej</b> til sygehus"))
      #expect(note.contains(strings("journal.level_overridden", ["level": "3", "suggested": "2", "reason": ""])))
      #expect(!assessment.reasons.isEmpty)
      for reason in assessment.reasons {
        #expect(note.contains(reason.label.text(language)) && note.contains(reason.source.text(language)))
      }
      for offer in assessment.offers { #expect(note.contains(offer.label.text(language))) }
      // A fact without a level of its own is still told; so is her wish.
      #expect(note.contains(try #require(RuleSet.bundled.finding("family_diabetes")).label.text(language)))
      #expect(note.contains(try #require(RuleSet.bundled.finding("home_birth_wish")).label.text(language)))
      #expect(!note.contains(Women.cprs[0]) && !note.contains("Ørnsholt"), "the note names no one")
    }
  }

  @Test("The note's next items are the programme still ahead, soonest first: not what she has done")
  func nextItemsRespectWhatIsDone() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[3], cpr: Women.cprs[3], Women.seenEarly)
    let source = try clinic.source(record, on: "2026-12-01")
    let note = JournalNote(source, strings: da, ruleSet: .bundled)
    let ahead: Set<VisitStatus> = [.upcoming, .due, .late]
    #expect(note.next.count == JournalNote.nextItems)
    #expect(note.next.allSatisfy { ahead.contains($0.status) })
    #expect(note.next.map(\.from) == note.next.map(\.from).sorted())
    let done = source.assessment.schedule.filter { $0.status == .done }
    #expect(!done.isEmpty)
    #expect(done.allSatisfy { item in !note.next.contains { $0.id == item.id } })
    let firstAhead = try #require(source.assessment.schedule.first { ahead.contains($0.status) })
    #expect(note.next.first?.id == firstAhead.id || note.next.first!.from <= firstAhead.from)
    let text = note.text
    for item in note.next {
      let label = try #require(
        source.assessment.schedule.first { $0.id == item.id }?.label
          ?? source.assessment.prenatalDiagnostics.items.first { $0.id == item.id }?.label)
      #expect(text.contains(label.da))
    }
  }

  @Test("An item recorded done (a scan) leaves the note's next items and her calendar")
  func recordedDoneLeaves() throws {
    let clinic = try Clinic()
    var record = try clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.plain)
    let before = try clinic.source(record, on: "2026-12-20")
    let scan = try #require(before.assessment.schedule.first { $0.id == "scan_18_20" })
    #expect(JournalNote(before, strings: da, ruleSet: .bundled).next.contains { $0.id == scan.id })
    record = try clinic.store.recordDone(
      record.id, basedOn: record.revision, done: ItemDone(item: scan.id, date: "2026-12-18"), author: "AB",
      today: try #require(CalendarDate(iso: "2026-12-20")))
    let after = try clinic.source(record, on: "2026-12-20")
    #expect(after.assessment.schedule.first { $0.id == scan.id }?.status == .done)
    #expect(!JournalNote(after, strings: da, ruleSet: .bundled).next.contains { $0.id == scan.id })
    let ics = PlanCalendar(after, strings: da, ruleSet: .bundled, stamp: testInstant).ics
    #expect(!ics.contains(PlanCalendar.escape(scan.label.da)))
    #expect(
      PlanCalendar(before, strings: da, ruleSet: .bundled, stamp: testInstant).ics.contains(
        PlanCalendar.escape(scan.label.da)))
  }

  @Test("The note as JSON: the engine's IDs and levels, the text beside them")
  func noteJSON() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins)
    let source = try clinic.source(record, on: "2026-11-23")
    let note = JournalNote(source, strings: da, ruleSet: .bundled)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(note.json.serialized().utf8)) as? [String: Any])
    #expect(object["suggested_level"] as? Int == source.assessment.suggestedLevel)
    #expect(object["level"] as? Int == 3)
    #expect(object["override_reason"] as? String == "Tvillinger & <b>lang vej</b> til sygehus")
    #expect(
      (object["findings"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        == source.assessment.reasons.map(\.id))
    #expect(
      (object["offers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == source.assessment.offers.map(\.id))
    #expect((object["next"] as? [[String: Any]])?.count == JournalNote.nextItems)
    #expect(object["text"] as? String == note.text)
    #expect(object["record"] as? String == record.id)
  }

  @Test("A plain record: level 1, nothing found, no offers, said so")
  func plainNote() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.plain)
    let source = try clinic.source(record, on: "2026-11-23")
    #expect(source.assessment.level == 1 && source.assessment.offers.isEmpty)
    let note = JournalNote(source, strings: da, ruleSet: .bundled).text
    #expect(note.contains(da("journal.level", ["level": "1"])))
    #expect(note.contains(da("journal.findings.none")))
    #expect(note.contains(da("journal.offers.none")))
    #expect(note.contains(da("dating.how.due_date")))
  }

  @Test("The referral: dating and how, parity, level and why, wishes with the home-birth verdict, offers, birth places")
  func referralHasTheFacts() throws {
    let clinic = try Clinic()
    let record = try clinic.woman(Women.names[0], cpr: Women.cprs[0], Women.twins)
    let source = try clinic.source(record, on: "2026-11-23")
    let assessment = source.assessment
    for strings in [da, en] {
      let language = strings.language
      let text = Referral(source, strings: strings, ruleSet: .bundled).text
      #expect(assessment.datingSource == .lastPeriod)
      #expect(
        text.contains(strings("dating.how.lmp", ["date": "", "cycle": "28"]).components(separatedBy: " ").first!))
      #expect(text.contains("28"))
      #expect(text.contains(strings("parity.nulliparous").lowercased()))
      for reason in assessment.reasons {
        #expect(text.contains(reason.label.text(language)) && text.contains(reason.explanation.text(language)))
      }
      #expect(text.contains(try #require(RuleSet.bundled.finding("home_birth_wish")).label.text(language)))
      let home = try #require(assessment.birthplaces.first { $0.kind == .home })
      #expect(!home.suitable, "twins rule out a home birth")
      #expect(text.contains(home.reason.text(language)))
      for offer in assessment.offers { #expect(text.contains(offer.label.text(language))) }
      #expect(assessment.offers.contains { $0.id == "home_birth_risk_talk" })
      for place in assessment.birthplaces where place.suitable { #expect(text.contains(place.name.text(language))) }
      for place in assessment.birthplaces where !place.suitable {
        #expect(!text.contains(strings("referral.birthplaces", ["places": place.name.text(language)])))
      }
      #expect(text.contains(strings.programme(assessment.prenatalDiagnostics.programme)))
      #expect(!text.contains(Women.cprs[0]) && !text.contains("Ørnsholt"))
    }
  }

  @Test("A corrected level counts: the documents use the record's state now")
  func correctedLevelCounts() throws {
    let clinic = try Clinic()
    var record = try clinic.woman(Women.names[1], cpr: Women.cprs[1], Women.plain)
    record = try clinic.store.amend(
      record.id, basedOn: record.revision, field: .level, target: record.visitations[0].seq, value: "2",
      reason: "Svær social belastning", author: "CD")
    let source = try clinic.source(record, on: "2026-11-23")
    #expect(source.assessment.level == 2)
    let note = JournalNote(source, strings: da, ruleSet: .bundled).text
    #expect(
      note.contains(
        da("journal.level_overridden", ["level": "2", "suggested": "1", "reason": "Svær social belastning"])))
  }

  @Test("No document before the first visitation")
  func noVisitationNoDocument() throws {
    let clinic = try Clinic()
    let record = try clinic.store.createRecord(name: "Ny Kvinde", cpr: "050590-1000", author: "AB")
    #expect(throws: DocumentRefusal.self) { try clinic.source(record, on: "2026-11-23") }
  }
}
