import Foundation
import SvangreRules
import SvangreStore

/// Unsaved work, written to a private file (0600) in the store directory whenever the
/// user pauses typing and at once on Ctrl-C, a signal or a lost terminal, and offered back
/// on the next start. Deleted when the work is saved or knowingly discarded.
///
/// A draft is read back from a file anything may have happened to: written by another
/// version with another rule set, edited by hand, cut off. So it is never trusted: `fitted`
/// makes every index and value fit this TUI before it is used, and a file that cannot be
/// read is set aside with a message, never a reason not to start.
public struct Draft: Codable, Equatable, Sendable {
  public var recordID: String?
  public var recordName: String?
  public var screen: String
  public var newRecord: NewRecordForm?
  public var walkthrough: WalkthroughForm?
  public var decision: DecisionForm?
  public var birth: BirthForm?
  /// The rule set the findings were ticked in; nil in drafts from before it was kept.
  public var ruleSetID: String?
  public var ruleSetVersion: String?
  public var correction: RecordCorrectionForm?

  /// The name the store's draft files start from (`AppContext.draftURL`).
  public static let fileName = ".svangre-tui-draft.json"

  /// The draft in `url`: nil when there is none, `.failure` when the file is there but is
  /// not a draft (or is over `InputLimits.settingsBytes`).
  public static func read(from url: URL) -> Result<Draft, DraftUnreadable>? {
    switch BoundedRead.ownFile(url.path, limit: InputLimits.settingsBytes) {
    case .failure(.unreadable(let code)) where code == ENOENT: return nil
    case .failure: return .failure(DraftUnreadable())
    case .success(let data):
      guard let draft = try? JSONDecoder().decode(Draft.self, from: data) else { return .failure(DraftUnreadable()) }
      return .success(draft)
    }
  }

  public func save(to url: URL) throws {
    try PrivateFile.replace(try JSONEncoder().encode(self), at: url.path)
  }

  public static func discard(at url: URL) {
    try? FileManager.default.removeItem(at: url)
  }

  /// The draft made to fit `ruleSet` and a walkthrough of `walkItemCount` rows: findings
  /// the rule set does not have are left out (and returned, to be named), every focus is
  /// moved inside its form, a level inside 1–4. The forms' named rows (`StoredIndex`) and
  /// text fields were already made to fit when they were decoded.
  public func fitted(to ruleSet: RuleSet, walkItemCount: Int) -> (draft: Draft, droppedFindings: [String]) {
    var draft = self
    var dropped: [String] = []
    if var walk = draft.walkthrough {
      var seen: Set<String> = []
      walk.findings = walk.findings.filter { id in
        guard ruleSet.finding(id) != nil else {
          dropped.append(id)
          return false
        }
        return seen.insert(id).inserted
      }
      walk.focus = Self.clamp(walk.focus, 0, walkItemCount - 1)
      draft.walkthrough = walk
    }
    if var decision = draft.decision {
      decision.level = Self.clamp(
        decision.level, AssessmentInput.levelRange.lowerBound, AssessmentInput.levelRange.upperBound)
      draft.decision = decision
    }
    draft.ruleSetID = ruleSet.id
    draft.ruleSetVersion = ruleSet.version
    return (draft, dropped)
  }

  private static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), max(low, high)) }
}

/// A draft file that is there but cannot be used.
public struct DraftUnreadable: Error, Equatable, Sendable {}

/// The draft files of one store: each running TUI keeps its own
/// (`.svangre-tui-draft.<pid>.json`), so two TUIs on one store never overwrite each
/// other's work, and a TUI that starts offers the draft of one that has ended.
public struct DraftFiles: Sendable {
  /// `AppContext.draftURL`: the directory and the name the files are made from.
  public let base: URL
  /// This TUI's own draft.
  public let own: URL
  private let isRunning: @Sendable (Int32) -> Bool

  public init(
    base: URL, process: Int32 = getpid(), isRunning: @escaping @Sendable (Int32) -> Bool = DraftFiles.isRunning
  ) {
    self.base = base
    self.isRunning = isRunning
    own = Self.file(base, suffix: String(process))
  }

  /// Whether process `pid` still runs (a process of another user counts as running).
  public static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

  /// Drafts left by TUIs that are no longer running, newest first: the file of a pid that
  /// is gone, the single file of svangre versions before per-TUI drafts, and a file of
  /// this pid (this TUI has written nothing yet, so it is a leftover of an earlier one).
  public func leftBehind() -> [URL] {
    let directory = base.deletingLastPathComponent()
    let stem = base.deletingPathExtension().lastPathComponent + "."
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var found: [(url: URL, modified: Date)] = []
    for name in names where name == base.lastPathComponent || (name.hasPrefix(stem) && name.hasSuffix(".json")) {
      let url = directory.appendingPathComponent(name)
      if url != own, name != base.lastPathComponent {
        let pid = name.dropFirst(stem.count).dropLast(".json".count)
        guard let process = Int32(pid), process > 0, !isRunning(process) else { continue }
      }
      let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? nil
      found.append((url, modified ?? .distantPast))
    }
    return found.sorted { $0.modified > $1.modified }.map(\.url)
  }

  /// Moves a draft out of the way (`….unreadable`, `….declined`): kept for the user to
  /// look at, never offered again (only `.json` files are); returns the new name, or nil
  /// if it could not be moved. A draft is typed work, so it is never deleted unasked.
  public func setAside(_ url: URL, as suffix: String) -> String? {
    let target = url.deletingPathExtension().appendingPathExtension(suffix)
    guard rename(url.path, target.path) == 0 else { return nil }
    return target.lastPathComponent
  }

  /// Makes a draft left behind this TUI's own.
  public func adopt(_ url: URL) {
    if url != own { rename(url.path, own.path) }
  }

  private static func file(_ base: URL, suffix: String) -> URL {
    base.deletingLastPathComponent().appendingPathComponent(
      base.deletingPathExtension().lastPathComponent + "." + suffix + "." + base.pathExtension)
  }
}
