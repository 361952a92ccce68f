import SvangreResources
import SvangreRules

/// A document about one woman: her plan (`HerPlan`), the record note (`JournalNote`), the
/// GP's referral (`Referral`). Each is the engine's answer for her record now
/// (`DocumentSource`) put into the shared words (`DocumentWords`); a conforming type writes
/// only its own text, and is made the same way as the others:
/// `Referral(source, strings: strings, ruleSet: ruleSet)`.
public protocol RecordDocument: Sendable {
  var source: DocumentSource { get }
  var words: DocumentWords { get }
  init(source: DocumentSource, words: DocumentWords)
}

extension RecordDocument {
  /// The document on `source`, worded from `strings` with the labels of `ruleSet`.
  public init(_ source: DocumentSource, strings: StringCatalog, ruleSet: RuleSet) {
    self.init(source: source, words: DocumentWords(strings: strings, ruleSet: ruleSet))
  }

  var strings: StringCatalog { words.strings }
  var assessment: Assessment { source.assessment }

  /// The title, then who saw her last and on which day in `visitKey`'s words (nothing
  /// before her first visitation).
  func heading(_ titleKey: String, visit visitKey: String) -> [String] {
    var lines = [strings(titleKey)]
    if let date = source.visitedOn, let author = source.visitedBy {
      lines.append(strings(visitKey, ["date": words.clinical(date), "author": author]))
    }
    return lines
  }
}
