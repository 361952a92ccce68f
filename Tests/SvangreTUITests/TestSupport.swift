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
/// `RepositoryContractTests` hold it to the store's behaviour and words.
final class MemoryRepository: RecordRepository {
  /// The words of its refusals, as the store adapter's.
  var strings = StringCatalog(language: .da)
  var records: [RecordDetail] = []
  var cprs: [String: String] = [:]
  /// The audit clock: the n-th save is stamped `savedOn` at 10:0n. Another day than the
  /// tests' clinical date (`today`), as when a visitation is entered days later.
  var savedOn = "2027-11-25"
  var saves = 0
  /// Every save stamped with this time instead, as a store on a fixed clock stamps them.
  var auditTime: String?
  /// Who saved each record last, and when: what the store's stale-copy refusal names.
  var lastChange: [String: (author: String, at: String)] = [:]

  /// The store's words for `error`, as `StoreRepository` gives them.
  func refusal(_ error: StoreError) -> RepositoryError {
    RepositoryError(strings(error.messageKey, error.messageArguments))
  }

  /// The audit time of a new save.
  func stamp() -> String {
    saves += 1
    return auditTime ?? savedOn + "T10:0\(saves):00+01:00"
  }

  /// As the store searches (`FileRecordStore.search`): a query with a digit is the start
  /// of a CPR number (hyphen and spaces left out), any other the folded name
  /// (`TextFolding`, the store's own folding) anywhere in the folded name; in the store's
  /// order, by folded name, then id.
  func search(_ query: String) throws(RepositoryError) -> [RecordRow] {
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    let sorted = records.sorted {
      let (left, right) = (TextFolding.fold($0.name), TextFolding.fold($1.name))
      return left == right ? $0.id < $1.id : Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
    }
    let found: [RecordDetail]
    if trimmed.isEmpty {
      found = sorted
    } else if trimmed.contains(where: \.isNumber) {
      let digits = trimmed.filter { $0 != "-" && $0 != " " }.uppercased()
      found = sorted.filter { cprs[$0.id, default: ""].filter { $0 != "-" }.hasPrefix(digits) }
    } else {
      let needle = TextFolding.fold(trimmed)
      found = sorted.filter { TextFolding.fold($0.name).contains(needle) }
    }
    return found.map { RecordRow(id: $0.id, name: $0.name, maskedCPR: $0.maskedCPR, revision: $0.revision) }
  }

  func record(id: String) throws(RepositoryError) -> RecordDetail {
    guard let record = records.first(where: { $0.id == id }) else { throw refusal(.unknownRecord(id: id)) }
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
    // Created at 10:00, before the first save (10:01): not counted as a save.
    lastChange[id] = (author, auditTime ?? savedOn + "T10:00:00+01:00")
    cprs[id] = number.value
    records.append(
      RecordDetail(
        id: id, name: name, maskedCPR: number.masked, visitations: [], birth: nil, current: nil, revision: 1))
    return id
  }

  func appendVisitation(recordID: String, input: AssessmentInput, author: String, expectedRevision: Int)
    throws(RepositoryError)
  {
    let (index, at) = try entry(recordID, expectedRevision, by: author)
    let assessment = try! AssessmentEngine().assess(input)
    records[index].visitations.append(
      VisitationSummary(
        seq: records[index].revision, at: at, author: author, input: input,
        suggestedLevel: assessment.suggestedLevel, level: assessment.level, overrideReason: input.override?.reason))
    records[index].current = input
    if let birth = records[index].birth { records[index].current?.birth = birth }
    records[index].revision += 1
  }

  func recordBirth(recordID: String, birth: Birth, author: String, expectedRevision: Int) throws(RepositoryError) {
    let (index, _) = try entry(recordID, expectedRevision, by: author)
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
    guard let recorded = try record(id: recordID).birth else {
      throw refusal(.invalidInput(field: "birth", reason: "missing"))
    }
    guard recorded != birth else { throw refusal(.invalidInput(field: "value", reason: "unchanged")) }
    let (index, _) = try entry(recordID, expectedRevision, by: author)
    records[index].birth = birth
    records[index].current?.birth = birth
    records[index].revision += 1
    birthCorrections.append((birth, reason, author))
  }
}

// The record's own handling, as the store does it: a note and a correction are entries
// beside the rest (a correction keeps the original), a closure stands until reopened.
extension MemoryRepository {
  /// The record at `id` if it is still at `expectedRevision` (nil: an append, on whatever
  /// revision it is at), refused as the store refuses a stale copy; the new entry's audit
  /// time, saved as the record's last change by `author`.
  func entry(_ id: String, _ expectedRevision: Int?, by author: String) throws(RepositoryError) -> (
    index: Int, at: String
  ) {
    guard let index = records.firstIndex(where: { $0.id == id }) else { throw refusal(.unknownRecord(id: id)) }
    if let expectedRevision, records[index].revision != expectedRevision {
      let last = lastChange[id] ?? ("", "")
      throw refusal(.staleCopy(id: id, changedBy: last.author, at: last.at))
    }
    let at = stamp()
    lastChange[id] = (author, at)
    return (index, at)
  }

  func addNote(recordID: String, text: String, author: String) throws(RepositoryError) {
    let (index, at) = try entry(recordID, nil, by: author)
    records[index].events.append(
      RecordEvent(seq: records[index].revision, at: at, author: author, kind: .note(text)))
    records[index].revision += 1
  }

  func correctWoman(
    recordID: String, name: String?, cpr: String?, reason: String, author: String, expectedRevision: Int
  ) throws(RepositoryError) {
    let before = try record(id: recordID)
    if let cpr {
      do throws(CPRNumber.Problem) { _ = try CPRNumber(parsing: cpr) } catch {
        throw refusal(.invalidInput(field: "cpr", reason: error.rawValue))
      }
    }
    // A correction to the value it already has is refused, as by the store.
    if name == before.name || cpr.map({ try? CPRNumber(parsing: $0).value }) == cprs[recordID] {
      throw refusal(.invalidInput(field: "value", reason: "unchanged"))
    }
    let (index, at) = try entry(recordID, expectedRevision, by: author)
    var record = records[index]
    // One entry, one revision, for both fields (as the store's `Amendment.also`).
    if let name {
      record.corrections.append(
        CorrectionSummary(
          seq: record.revision, at: at, author: author, field: "name", target: nil, old: record.name, new: name,
          reason: reason))
      record.name = name
    }
    if let cpr {
      let number = try! CPRNumber(parsing: cpr)
      record.corrections.append(
        CorrectionSummary(
          seq: record.revision, at: at, author: author, field: "cpr", target: nil, old: record.maskedCPR,
          new: number.masked, reason: reason))
      record.maskedCPR = number.masked
      cprs[recordID] = number.value
    }
    record.revision += 1
    records[index] = record
  }

  func close(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    if try record(id: recordID).closure != nil { throw refusal(.closed(id: recordID)) }
    let (index, at) = try entry(recordID, expectedRevision, by: author)
    let closure = RecordEvent(seq: records[index].revision, at: at, author: author, kind: .closure(reason))
    records[index].events.append(closure)
    records[index].closure = closure
    records[index].revision += 1
  }

  func recordDone(recordID: String, item: String, date: String, today: CalendarDate, author: String)
    throws(RepositoryError)
  {
    // The store's rule in short: a real day, not after today.
    guard let day = CalendarDate(iso: date) else { throw refusal(.invalidInput(field: "done.date", reason: "format")) }
    guard day <= today else { throw refusal(.invalidInput(field: "done.date", reason: "future")) }
    let (index, _) = try entry(recordID, nil, by: author)
    records[index].recordedAttendance.append(AttendedItem(id: item, date: day))
    records[index].revision += 1
  }

  func reopen(recordID: String, reason: String, author: String, expectedRevision: Int) throws(RepositoryError) {
    guard try record(id: recordID).closure != nil else {
      throw refusal(.invalidInput(field: "record", reason: "not_closed"))
    }
    let (index, at) = try entry(recordID, expectedRevision, by: author)
    let closure = records[index].closure!
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
