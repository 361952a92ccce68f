import Foundation

// The draft: unsaved work kept in a private file of this TUI's own (`DraftFiles`), written
// when the user pauses and at once on Ctrl-C, a signal or a lost terminal, and offered
// back, made to fit, when a TUI starts after one that ended without saving.
extension AppModel {
  /// The unsaved work as a draft (the screen's own, with the rule set it was made in), or
  /// nil when there is none.
  public var draft: Draft? {
    guard var draft = state.draft else { return nil }
    draft.ruleSetID = context.ruleSet.id
    draft.ruleSetVersion = context.ruleSet.version
    return draft
  }

  /// Marks the work as changed, so that the next `saveDraftIfNeeded` writes it.
  public mutating func markDirty() { draftDirty = true }

  /// This TUI's own draft file, nil when no draft is kept.
  public var draftFile: URL? { draftFiles?.own }

  /// Writes the draft if something changed since the last write.
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
        let kept = draftFiles.setAside(file, as: "unreadable")
        message = strings("draft.unreadable", ["file": kept ?? file.lastPathComponent])
      }
    }
  }

  /// Esc on "continue where you left off?": the draft is not used, but set aside rather
  /// than deleted, since a hurried Esc would otherwise throw away a consultation's typing.
  mutating func declineDraft(_ file: URL) {
    if let kept = draftFiles?.setAside(file, as: "declined") {
      message = strings("draft.declined", ["file": kept])
    } else {
      message = strings("draft.discarded")
    }
  }

  /// Continues from a draft, as far as it fits this rule set and these screens: the screen
  /// it was written on rebuilds itself from it (`ScreenUnit.restore`), the record read
  /// again first.
  mutating func restore(_ draft: Draft) {
    let env = environment
    let (draft, dropped) = draft.fitted(
      to: context.ruleSet, walkItemCount: WalkthroughScreen.items(for: context.ruleSet).count)
    var record: RecordDetail?
    if let id = draft.recordID {
      do throws(RepositoryError) {
        // Her record is shown again: an opening, logged like any other.
        record = try context.repository.open(id: id, by: config.initials)
      } catch {
        message = error.message
        return
      }
    }
    guard let restored = ScreenRegistry.units.lazy.compactMap({ $0.restore(draft, record: record, env) }).first else {
      message = strings("draft.notRestored")
      return
    }
    show(restored)
    markDirty()
    if !dropped.isEmpty {
      message = strings("draft.findingsDropped", ["findings": dropped.joined(separator: ", ")])
    }
  }
}
