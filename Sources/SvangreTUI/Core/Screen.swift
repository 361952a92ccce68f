import SvangreResources
import SvangreRules
import SvangreStore

/// One screen of the app: its own state, its own key table, `update` (an action in, the
/// effects out) and `render` (the state into a buffer). A screen never touches the disk:
/// what it needs from outside it asks for as an `Effect`, and the runner (`AppModel`)
/// performs it and feeds the answer back as an `Action`. So every screen is tested
/// without a store, and the same state always draws the same frame.
public protocol ScreenUnit {
  static var id: ScreenID { get }
  /// Every binding the screen has, for the help page and the key tests.
  static var keyTable: [KeyBinding] { get }
  /// The keys on other screens that open this one, declared here so that adding a screen
  /// changes no other screen's file.
  static var entrances: [Entrance] { get }
  /// The bindings that work now (e.g. Esc on the list only while searching). The status
  /// bar and help show these; the app drops their printable keys while a field is focused.
  func keys(_ env: ScreenEnvironment) -> [KeyBinding]
  /// The text field that takes typed characters now, if any.
  var focusedField: TextField? { get set }
  mutating func update(_ action: Action, _ env: ScreenEnvironment) -> [Effect]
  func render(into buffer: inout ScreenBuffer, area: Rect, _ env: ScreenEnvironment)

  /// The record the screen is about (the header names her), if any.
  var record: RecordDetail? { get }
  /// Whether leaving now would drop typed work (and the draft to keep it).
  var draft: Draft? { get }
  /// The screen rebuilt from a draft written on it, or nil when the draft is another's.
  static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)?
  /// A note for the message row's right end when nothing else is there ("line 3 of 40").
  func footnote(_ env: ScreenEnvironment) -> String?
}

extension ScreenUnit {
  public var id: ScreenID { Self.id }
  public func keys(_ env: ScreenEnvironment) -> [KeyBinding] { Self.keyTable }
  public static var entrances: [Entrance] { [] }
  public var focusedField: TextField? {
    get { nil }
    set {}
  }
  public var record: RecordDetail? { nil }
  public var draft: Draft? { nil }
  public func footnote(_ env: ScreenEnvironment) -> String? { nil }
  public static func restore(_ draft: Draft, record: RecordDetail?, _ env: ScreenEnvironment) -> (any ScreenUnit)? {
    nil
  }
}

/// A key on one screen that opens another, declared by the screen it opens
/// (`ScreenUnit.entrances`). The runner adds it to that screen's keys (status bar, help,
/// key table), before its Esc; the key's action is `.open(<the new screen's id>)`.
public struct Entrance {
  /// The screen the key works on.
  public let from: ScreenID
  public let binding: KeyBinding
  /// Whether the key works in that screen's state now (only then is it offered).
  public let isOffered: (_ from: any ScreenUnit) -> Bool
  /// What the key does: usually `.show` of the new screen, built from the one it is
  /// opened on (e.g. its `record`).
  public let open: (_ from: any ScreenUnit, _ env: ScreenEnvironment) -> [Effect]

  /// `key` (written `label` in the bar and help, described by the catalogue's `help` and
  /// `help.short`) on `from` opens `screen`.
  public init(
    from: ScreenID, _ keys: [Key], _ label: String, opens screen: ScreenID, help: String,
    when isOffered: @escaping (_ from: any ScreenUnit) -> Bool = { _ in true },
    open: @escaping (_ from: any ScreenUnit, _ env: ScreenEnvironment) -> [Effect]
  ) {
    self.from = from
    binding = KeyBinding(keys, label, .open(screen), help: help)
    self.isOffered = isOffered
    self.open = open
  }
}

/// What a text dialog asks for; its words are the catalogue's `<rawValue>.title`,
/// `.prompt`, `.field` and `.missing` (said when Enter finds the field empty).
public enum TextRequest: String, Sendable, CaseIterable {
  /// Why the recorded birth is corrected.
  case birthCorrection
  /// A journal note.
  case note
  /// Why the record is closed.
  case closeRecord
  /// Why a closed record is opened again.
  case reopenRecord
  /// The day an item of her programme took place (today suggested).
  case doneDate

  /// The longest text the dialog takes: a date, or a free text.
  public var maxLength: Int { self == .doneDate ? 10 : InputLimits.freeTextCharacters }
}

/// What a screen asks the runner to do. Performed by `AppModel.perform(_:)` in order;
/// an answer comes back to the screen as an `Action`.
public enum Effect {
  // The store (answers: .found, .read, .loaded, .created, .saved; a refusal is the message).
  case search(String)
  case read([String])
  /// Open a record for the clinician to see (logged in its access log); answer `.loaded`.
  case openRecord(recordID: String)
  /// Read a record the screen shows already again (after a save; not an opening).
  case load(recordID: String)
  case create(name: String, cpr: String)
  case appendVisitation(recordID: String, input: AssessmentInput, expectedRevision: Int)
  case recordBirth(recordID: String, birth: Birth, expectedRevision: Int)
  case amendBirth(recordID: String, birth: Birth, reason: String, expectedRevision: Int)
  case addNote(recordID: String, text: String)
  /// Corrects her name and CPR number (nil: unchanged), one save with one reason.
  case correctWoman(recordID: String, name: String?, cpr: String?, reason: String, expectedRevision: Int)
  case close(recordID: String, reason: String, expectedRevision: Int)
  case reopen(recordID: String, reason: String, expectedRevision: Int)
  /// An item of her programme took place on `date` (as typed; the store checks it). An
  /// append: saved on whatever a colleague saved meanwhile.
  case recordDone(recordID: String, item: String, date: String)
  /// The clinic's worklist for these days (answer: .worklistRead).
  case worklist(range: ClosedRange<CalendarDate>, filter: WorklistFilter)
  // The app.
  /// Go to another screen.
  case show(any ScreenUnit)
  case message(String)
  /// Ask for the author's initials, then send `retry` to the screen again.
  case askInitials(retry: Action?)
  /// "Discard what you typed?" before going back (answer: .discardConfirmed).
  case confirmDiscard
  /// Ask for a line of text in a dialog, `initial` in its field: a note, a reason, a date
  /// (answer: .textEntered).
  case askText(TextRequest, initial: String = "")
  /// Typed work changed: the draft is written when the user pauses.
  case draftChanged
  /// The work was saved or knowingly dropped: delete the draft.
  case discardDraft
  /// The next practice case from the session's generator (answer: .practiceCase).
  case nextPracticeCase
  /// Copy `text` (a document about the record; `what` names it, by its screen) to the
  /// clipboard through the terminal (OSC 52), or where the terminal cannot, into a new
  /// private file named `fileStem`…: the message line says which.
  case copy(String, what: ScreenID, fileStem: String)
  case quit
}

/// What a screen may read while it updates or renders: the words, the clinical date, the
/// rules through `clinic`, the author's initials and the body area. Nothing here does I/O.
public struct ScreenEnvironment {
  public let strings: StringCatalog
  public let clinic: Clinic
  public let initials: String?
  /// Where the screen draws: between the header and the message row.
  public let body: Rect

  public var language: Language { strings.language }
  public var today: CalendarDate { clinic.today }
  public var ruleSet: RuleSet { clinic.engine.ruleSet }
}

/// The one way screens ask the engine. Called when state changes (opening a record,
/// typing into a form), never while drawing: the answers are kept in the screens' state.
public struct Clinic: Sendable {
  public let engine: AssessmentEngine
  public let today: CalendarDate

  /// A record's state now (after corrections) assessed on today's date, with what the
  /// record knows of her attendance (`RecordDetail.known`: her visitations' clinical dates
  /// and the items recorded done; the engine decides done and missed from them).
  /// Past 44+0 with no birth, as on her last day.
  public func followUp(_ record: RecordDetail) -> FollowUpAssessment? {
    guard let input = record.input(on: today) else { return nil }
    return try? engine.assessFollowUp(input, known: record.known)
  }

  /// The engine's answer for a form's input, or nil while there is none.
  public func assess(_ input: AssessmentInput?) -> Result<Assessment, InputError>? {
    guard let input else { return nil }
    do throws(InputError) { return .success(try engine.assess(input)) } catch { return .failure(error) }
  }
}
