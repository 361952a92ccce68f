import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

@Suite struct CatalogueTests {
  @Test func everyKeyNamedInCodeExists() {
    var keys: [String] = ScreenID.allCases.map { "screen.\($0.rawValue)" }
    for binding in KeyTable.bindings { keys += [binding.helpKey, binding.helpKey + ".short"] }
    keys += WalkItem.fields.map { "walk.field.\($0.key)" } + WalkItem.fields.map { "walk.hint.\($0.key)" }
    keys += ["walk.field.bmi", "walk.hint.bmi"]
    keys += CareProvider.allCases.map { "who.\($0.rawValue)" }
    keys += Parity.allCases.map { "parity.\($0.rawValue)" } + BirthPlace.allCases.map { "place.\($0.rawValue)" }
    keys += [
      "dating_source.due_date", "dating_source.scan", "dating_source.lmp", "programme.basic", "programme.extended",
    ]
    keys += (0..<BirthForm.rowCount).map { "birth.row\($0)" }
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      #expect(keys.filter { !strings.has($0) } == [], "missing in \(language)")
    }
  }

  @Test func keyTableHasNoClashes() {
    for screen in ScreenID.allCases {
      var seen: [Key: Action] = [:]
      for binding in KeyTable.bindings(on: screen) {
        for key in binding.keys {
          #expect(seen[key] == nil, "\(key) twice on \(screen)")
          seen[key] = binding.action(for: key)
        }
      }
    }
  }
}
