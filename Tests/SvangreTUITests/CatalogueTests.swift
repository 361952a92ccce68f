import Foundation
import SvangreResources
import SvangreRules
import Testing

@testable import SvangreTUI

@Suite struct CatalogueTests {
  @Test func everyKeyNamedInCodeExists() {
    var keys: [String] = []
    var bindings = Keys.global + DialogKeys.table(for: .discard(quit: true))
    // `c` on a closed record's history: the key table's `c` (close) as `keys(env)` offers it then.
    bindings += [ListScreen.doneSearching, DialogKeys.save, DialogKeys.cancel, Keys.reopenRecord]
    for unit in ScreenRegistry.units {
      keys.append("screen.\(unit.id.rawValue)")
      bindings += unit.keyTable + unit.entrances.map(\.binding)
    }
    for binding in bindings { keys += [binding.helpKey, binding.helpKey + ".short"] }
    keys += ["initials.field"]
    keys += TextRequest.allCases.flatMap { request in
      ["title", "prompt", "field", "missing"].map { "\(request.rawValue).\($0)" }
    }
    keys += WalkItem.fields.map { "walk.field.\($0.key)" } + WalkItem.fields.map { "walk.hint.\($0.key)" }
    keys += ["walk.field.bmi", "walk.hint.bmi"]
    keys += CareProvider.allCases.map { "who.\($0.rawValue)" }
    keys += Parity.allCases.map { "parity.\($0.rawValue)" } + BirthPlace.allCases.map { "place.\($0.rawValue)" }
    keys += [
      "dating_source.due_date", "dating_source.scan", "dating_source.lmp", "programme.basic", "programme.extended",
    ]
    keys += BirthForm.Row.allCases.map { "birth.row\($0.rawValue)" }
    for language in Language.allCases {
      let strings = StringCatalog(language: language)
      #expect(keys.filter { !strings.has($0) } == [], "missing in \(language)")
    }
  }

  @Test func keyTableHasNoClashes() {
    for unit in ScreenRegistry.units {
      var seen: Set<Key> = []
      let opening = ScreenRegistry.entrances(on: unit.id).map(\.binding)
      for binding in unit.keyTable + opening + (unit.id == HelpScreen.id ? [] : Keys.global) {
        for key in binding.keys {
          #expect(!seen.contains(key), "\(key) twice on \(unit.id)")
          seen.insert(key)
        }
      }
    }
  }
}
