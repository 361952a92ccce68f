import SvangreRules

extension PregnancyRecord {
  /// Whether every free text in the record (the name, notes, reasons, corrected names and
  /// notes) is within the limits a save holds them to, so that an import takes no text a
  /// save would refuse.
  var textsWithinLimits: Bool {
    func fits(_ text: String, _ limit: Int) -> Bool { InputLimits.fits(text, within: limit) }
    guard fits(woman.name, InputLimits.nameCharacters) else { return false }
    let free = InputLimits.freeTextCharacters
    return history.allSatisfy { entry in
      switch entry.content {
      case .visitation(let visitation): return visitation.overrideReason.map { fits($0, free) } ?? true
      case .note(let note): return fits(note.text, free)
      case .closure(let closure): return fits(closure.reason, free)
      case .birth: return true
      case .amendment(let amendment):
        let limit = amendment.field == .name ? InputLimits.nameCharacters : free
        return fits(amendment.reason, free)
          && [amendment.old, amendment.new].allSatisfy { value in
            if case .string(let text) = value { return fits(text, limit) }
            return true
          }
      }
    }
  }
}
