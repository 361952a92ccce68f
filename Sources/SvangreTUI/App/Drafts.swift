import Foundation

/// Unsaved work kept between sessions: written when the user pauses, and at once on
/// Ctrl-C or a lost terminal; offered back on the next start.
extension AppModel {
  /// The unsaved work as a draft, or nil when there is none.
  public var draft: Draft? { state.unit.draft }

  /// Marks the work as changed, so that the next `saveDraftIfNeeded` writes it.
  public mutating func markDirty() { draftDirty = true }

  /// Writes the draft if something changed since the last write (called when the user
  /// pauses, and at once on Ctrl-C or a lost terminal).
  public mutating func saveDraftIfNeeded() {
    guard draftDirty, let url = context.draftURL else { return }
    draftDirty = false
    if let draft {
      try? draft.save(to: url)
    } else {
      Draft.discard(at: url)
    }
  }

  mutating func discardDraft() {
    draftDirty = false
    if let url = context.draftURL { Draft.discard(at: url) }
  }

  /// Opens the screen the draft was written on, with what was typed. The screen builds
  /// itself from the draft (`ScreenUnit.restore`); the record is read again first.
  mutating func restore(_ draft: Draft) {
    var record: RecordDetail?
    if let id = draft.recordID {
      do throws(RepositoryError) {
        record = try context.repository.record(id: id)
      } catch {
        message = error.message
        return
      }
    }
    let env = environment
    for unit in ScreenState.units {
      if let restored = unit.restore(draft, record: record, env) {
        show(restored)
        return
      }
    }
  }
}
