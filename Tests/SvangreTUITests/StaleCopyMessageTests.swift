import Foundation
import SvangreResources
import SvangreRules
import SvangreStore
import Testing

@testable import SvangreTUI

/// The TUI shows a message on one row: the stale-copy refusal must fit 80 columns whole,
/// or the part that says what to do is cut off.
@Suite struct StaleCopyMessageTests {
  @Test(
    "the stale-copy message fits the message row at 80 columns, with the longest initials", arguments: Language.allCases
  )
  func fitsEightyColumns(_ language: Language) {
    let strings = StringCatalog(language: language)
    let longest = String(repeating: "Ø", count: Initials.maximumLength)
    let error = StoreError.staleCopy(id: "p2kc7qehccta", changedBy: longest, at: "2026-11-22T10:42:07+01:00")
    let message = strings(error.messageKey, error.messageArguments)
    var buffer = ScreenBuffer(width: Layout.minimumWidth, height: Layout.minimumHeight)
    let row = Layout.minimumHeight - 2
    // Where and how AppModel.render puts a message.
    buffer.put(message, row: row, column: 1, style: [.bold])
    #expect(buffer.line(row).trimmingCharacters(in: .whitespaces) == message, "\(language): \(message)")
    #expect(message.contains(longest) && message.contains("2026-11-22 10:42"))
  }
}
