import Foundation
import SvangreRules

// The draft: unsaved work kept in a private file of this TUI's own (`DraftFiles`), and
// offered back, made to fit, when a TUI starts after one that ended without saving.
extension AppModel {
  mutating func markDirty() { draftDirty = true }

  /// The unsaved work as a draft, or nil when there is none.
  public var draft: Draft? {
    guard hasUnsavedWork else { return nil }
    return Draft(
      recordID: record?.id, recordName: record?.name, screen: screen.rawValue,
      newRecord: screen == .newRecord ? newRecord : nil,
      walkthrough: screen == .walkthrough || screen == .decision ? walk : nil,
      decision: screen == .decision ? decision : nil,
      birth: screen == .birth ? birth : nil, ruleSetID: context.ruleSet.id,
      ruleSetVersion: context.ruleSet.version)
  }

  /// This TUI's own draft file, nil when no draft is kept.
  public var draftFile: URL? { draftFiles?.own }

  /// Writes the draft if something changed since the last write (called when the user
  /// pauses, and at once on Ctrl-C, a signal or a lost terminal).
  public mutating func saveDraftIfNeeded() {
    guard draftDirty, let url = draftFile else { return }
    draftDirty = false
    if let draft {
      try? draft.save(to: url)
    } else {
      Draft.discard(at: url)
    }
  }

  mutating func discardDraft() {
    draftDirty = false
    if let url = draftFile { Draft.discard(at: url) }
  }

  /// Offers the newest draft a TUI that has ended left behind; one that cannot be read is
  /// set aside with a message, and the next is tried.
  mutating func offerDraftLeftBehind() {
    guard let draftFiles else { return }
    for file in draftFiles.leftBehind() {
      switch Draft.read(from: file) {
      case nil: continue
      case .success(let draft):
        dialog = .restoreDraft(draft, file: file)
        return
      case .failure:
        let kept = draftFiles.setAside(file)
        message = strings("draft.unreadable", ["file": kept ?? file.lastPathComponent])
      }
    }
  }

  /// Continues from a draft, as far as it fits this rule set and these screens.
  mutating func restore(_ draft: Draft) {
    let (draft, dropped) = draft.fitted(to: context.ruleSet, walkItemCount: walkItems.count)
    if let id = draft.recordID {
      guard openRecord(id: id) else { return }
    }
    switch ScreenID(rawValue: draft.screen) {
    case .newRecord:
      newRecord = draft.newRecord ?? NewRecordForm()
      screen = .newRecord
    case .walkthrough, .decision:
      walk = draft.walkthrough ?? WalkthroughForm()
      walk.changed = true
      reassessWalk()
      screen = .walkthrough
      if let form = draft.decision, draft.screen == ScreenID.decision.rawValue {
        decision = form
        screen = .decision
      }
    case .birth:
      birth = draft.birth ?? BirthForm()
      reassessBirth()
      screen = .birth
    default:
      message = strings("draft.notRestored")
      return
    }
    markDirty()
    if !dropped.isEmpty {
      message = strings("draft.findingsDropped", ["findings": dropped.joined(separator: ", ")])
    }
  }
}
