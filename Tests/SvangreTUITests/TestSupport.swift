import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import SvangreTUI
import SvangreTestSupport
import SvangreTraining

/// An in-memory stand-in for the record store, so that screen tests need no files.
/// (The end-to-end tests run the real store through the real binary, and
/// `CorrectionScreenTests` the real store through `StoreRepository`.) As the store does,
/// it keeps `current` = the latest visitation's input with the birth as saved or corrected.
final class MemoryRepository: RecordRepository {
  /// The words of its refusals, as the store adapter's.
  var strings = StringCatalog(language: .da)
  var records: [RecordDetail] = []
  var cprs: [String: String] = [:]
  /// The audit clock: the n-th save is stamped `savedOn` at 10:0n. Another day than the
  /// tests' clinical date (`today`), as when a visitation is entered days later.
  var savedOn = "2027-11-25"
  var saves = 0

  func search(_ query: String) throws(RepositoryError) -> [RecordRow] {
    let needle = query.lowercased()
    return records.filter {
      needle.isEmpty || $0.name.lowercased().contains(needle) || cprs[$0.id, default: ""].contains(needle)
    }.map { RecordRow(id: $0.id, name: $0.name, maskedCPR: $0.maskedCPR, revision: $0.revision) }
  }

  func record(id: String) throws(RepositoryError) -> RecordDetail {
    guard let record = records.first(where: { $0.id == id }) else { throw RepositoryError("no record \(id)") }
    return record
  }

  /// Every opening, as the store's access log would have it: the record and the initials.
  var openings: [(id: String, initials: String?)] = []

  func open(id: String, by initials: String?) throws(RepositoryError) -> RecordDetail {
    let record = try record(id: id)
    openings.append((id, initials))
    return record
  }

  func revision(id: String) -> Int? { records.first { $0.id == id }?.revision }

  /// Changes with every save, as the store's stamp does.
  func changeStamp() -> AnyHashable? { records.map(\.revision) }

  func create(name: String, cpr: String, author: String) throws(RepositoryError) -> String {
    // The store's own CPR rule and mask, and its words for a refusal.
    let number: CPRNumber
    do throws(CPRNumber.Problem) { number = try CPRNumber(parsing: cpr) } catch {
      let refusal = StoreError.invalidInput(field: "cpr", reason: error.rawValue)
      throw RepositoryError(strings(refusal.messageKey, refusal.messageArguments))
    }
    let id = "r\(records.count + 1)"
    cprs[id] = number.value
    records.append(
      RecordDetail(
        id: id, name: name, maskedCPR: number.masked, visitations: [], birth: nil, current: nil, revision: 1))
    return id
  }

  func appendVisitation(recordID: String, input: AssessmentInput, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    guard let index = records.firstIndex(where: { $0.id == recordID }) else { throw RepositoryError("no record") }
    guard records[index].revision == expectedRevision else { throw RepositoryError("stale") }
    let assessment = try! AssessmentEngine().assess(input)
    saves += 1
    records[index].visitations.append(
      VisitationSummary(
        seq: records[index].revision, at: savedOn + "T10:0\(saves):00+01:00", author: author, input: input,
        suggestedLevel: assessment.suggestedLevel, level: assessment.level, overrideReason: input.override?.reason))
    records[index].current = input
    if let birth = records[index].birth { records[index].current?.birth = birth }
    records[index].revision += 1
  }

  func recordBirth(recordID: String, birth: Birth, author: String, expectedRevision: Int) throws(RepositoryError) {
    guard let index = records.firstIndex(where: { $0.id == recordID }) else { throw RepositoryError("no record") }
    guard records[index].revision == expectedRevision else { throw RepositoryError("stale") }
    records[index].birth = birth
    records[index].current?.birth = birth
    records[index].revision += 1
  }

  var birthCorrections: [(birth: Birth, reason: String, author: String)] = []

  /// The worklist as the store gives it: each record's programme from its current state
  /// (`RecordProgramme`), in name order.
  func worklist(today: CalendarDate, range: ClosedRange<CalendarDate>, filter: WorklistFilter)
    throws(RepositoryError) -> Worklist
  {
    let engine = AssessmentEngine()
    let programmes = records.sorted { $0.name < $1.name }.compactMap { record -> RecordProgramme? in
      guard let input = record.current, let programme = engine.programme(for: input) else { return nil }
      let facts = RecordProgramme(
        id: record.id, name: record.name, maskedCPR: record.maskedCPR, level: record.visitations.last?.level,
        programme: programme, known: record.known)
      return facts.meets(range) ? facts : nil
    }
    return Worklist(records: programmes, engine: engine, today: today, range: range, filter: filter)
  }

  func amendBirth(recordID: String, birth: Birth, reason: String, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    guard let index = records.firstIndex(where: { $0.id == recordID }) else { throw RepositoryError("no record") }
    guard records[index].revision == expectedRevision else { throw RepositoryError("stale") }
    guard let recorded = records[index].birth else { throw RepositoryError("no birth") }
    guard recorded != birth else { throw RepositoryError("unchanged") }
    records[index].birth = birth
    records[index].current?.birth = birth
    records[index].revision += 1
    birthCorrections.append((birth, reason, author))
  }
}

// The record's own handling, as the store does it: a note and a correction are entries
// beside the rest (a correction keeps the original), a closure stands until reopened.
extension MemoryRepository {
  /// The record at `id` if it is still at `expectedRevision`; the next entry's audit time.
  private func entry(_ id: String, _ expectedRevision: Int) throws(RepositoryError) -> (index: Int, at: String) {
    guard let index = records.firstIndex(where: { $0.id == id }) else { throw RepositoryError("no record") }
    guard records[index].revision == expectedRevision else { throw RepositoryError("stale") }
    saves += 1
    return (index, savedOn + "T10:0\(saves):00+01:00")
  }

  func addNote(recordID: String, text: String, author: String) throws(RepositoryError) {
    // An append, as in the store: on whatever revision the record is at.
    let (index, at) = try entry(recordID, records.first { $0.id == recordID }?.revision ?? 0)
    records[index].events.append(
      RecordEvent(seq: records[index].revision, at: at, author: author, kind: .note(text)))
    records[index].revision += 1
  }

  func correctWoman(
    recordID: String, name: String?, cpr: String?, reason: String, author: String, expectedRevision: Int
  ) throws(RepositoryError) {
    let (index, at) = try entry(recordID, expectedRevision)
    var record = records[index]
    if let name {
      record.corrections.append(
        CorrectionSummary(
          seq: record.revision, at: at, author: author, field: "name", target: nil, old: record.name, new: name,
          reason: reason))
      record.name = name
      record.revision += 1
    }
    if let cpr {
      guard let number = try? CPRNumber(parsing: cpr) else { throw RepositoryError("invalid cpr") }
      record.corrections.append(
        CorrectionSummary(
          seq: record.revision, at: at, author: author, field: "cpr", target: nil, old: record.maskedCPR,
          new: number.masked, reason: reason))
      record.maskedCPR = number.masked
      cprs[recordID] = number.value
      record.revision += 1
    }
    records[index] = record
  }

  func close(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    let (index, at) = try entry(recordID, expectedRevision)
    guard records[index].closure == nil else { throw RepositoryError("closed") }
    let closure = RecordEvent(seq: records[index].revision, at: at, author: author, kind: .closure(reason))
    records[index].events.append(closure)
    records[index].closure = closure
    records[index].revision += 1
  }

  func recordDone(recordID: String, item: String, date: String, today: CalendarDate, author: String)
    throws(RepositoryError)
  {
    // An append, as in the store: on whatever revision the record is at.
    let (index, _) = try entry(recordID, records.first { $0.id == recordID }?.revision ?? 0)
    // The store's rule in short: a real day, not after today.
    guard let day = CalendarDate(iso: date), day <= today else { throw RepositoryError("bad date") }
    records[index].recordedAttendance.append(AttendedItem(id: item, date: day))
    records[index].revision += 1
  }

  func reopen(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    let (index, at) = try entry(recordID, expectedRevision)
    guard let closure = records[index].closure else { throw RepositoryError("not closed") }
    records[index].corrections.append(
      CorrectionSummary(
        seq: records[index].revision, at: at, author: author, field: "closed", target: closure.seq, old: "lukket",
        new: "genåbnet", reason: reason))
    records[index].closure = nil
    records[index].revision += 1
  }
}

let today = CalendarDate(iso: "2026-11-23")!

/// The real store in `directory` with one record: a visitation saved on `today`
/// (2026-11-23), due 2027-05-20, førstegangsfødende, no findings, level 1. Saved the day
/// after the consultation: corrections are shown by when they were saved.
func storeWithOneVisitation(in directory: TemporaryDirectory) throws -> (FileRecordStore, String) {
  let store = try FileRecordStore(
    directory: directory.url.path, clock: .fixed(Date(timeIntervalSince1970: 1_795_521_600)))
  let record = try store.createRecord(name: "Søs Æbelø Ørnsholt", cpr: "010190-2000", author: "AB")
  let input = AssessmentInput(
    referenceDate: today, parity: .nulliparous, dating: Dating(dueDate: CalendarDate(iso: "2027-05-20")!))
  try storeRepository(store).appendVisitation(recordID: record.id, input: input, author: "AB", expectedRevision: 1)
  return (store, record.id)
}

/// The TUI's adapter over `store`, in Danish.
func storeRepository(_ store: FileRecordStore) -> StoreRepository {
  StoreRepository(store: store, engine: AssessmentEngine(), strings: StringCatalog(language: .da))
}

/// A model on a fresh in-memory store, at `width`×`height`, with initials "AB".
func makeModel(
  width: Int = 80, height: Int = 24, language: Language = .da, repository: MemoryRepository = MemoryRepository(),
  initials: String? = "AB", draftURL: URL? = nil, today: CalendarDate = today, trainingSeed: UInt64 = 2026
) -> AppModel {
  let context = AppContext(
    strings: StringCatalog(language: language), today: today, engine: AssessmentEngine(),
    repository: repository, configURL: nil, draftURL: draftURL, trainingSeed: trainingSeed)
  return AppModel(context: context, width: width, height: height, config: UserConfig(initials: initials))
}

extension AppModel {
  mutating func type(_ text: String) {
    for character in text { handle(.char(character)) }
  }

  mutating func press(_ keys: Key...) {
    for key in keys { handle(key) }
  }

  var screenText: String { render().text }

  /// From the list: a new record for `name`, which opens its walkthrough.
  mutating func typeNewRecord(_ name: String = "Søs", cpr: String = "010190-2000") {
    press(.char("n"))
    type(name)
    press(.enter)
    type(cpr)
    press(.enter)
  }

  /// Moves the walkthrough focus down to the finding with this label.
  mutating func focusFinding(_ label: String) {
    for _ in 0..<80 {
      let buffer = render()
      if let row = (0..<buffer.height).first(where: { buffer.line($0).contains("▶") }),
        buffer.line(row).contains(label)
      {
        return
      }
      handle(.down)
    }
  }
}

/// The screen on show, as its own state, for tests that read it.
extension AppModel {
  var training: TrainingScreen? { state as? TrainingScreen }
  var practiceCase: PracticeCase? { training?.practiceCase }
  var practiceScore: PracticeScore { training?.score ?? PracticeScore() }
  var decision: DecisionScreen? { state as? DecisionScreen }
  var plan: PlanScreen? { state as? PlanScreen }
  var walkthrough: WalkthroughScreen? { state as? WalkthroughScreen }
  /// The walkthrough's form, on the walkthrough or under the decision.
  var walk: WalkthroughForm { walkthrough?.form ?? decision?.walkthrough.form ?? WalkthroughForm() }
  var walkResult: Result<Assessment, InputError>? { walkthrough?.result }
  var list: ListScreen? { state as? ListScreen }
  var newRecord: NewRecordScreen? { state as? NewRecordScreen }
}
