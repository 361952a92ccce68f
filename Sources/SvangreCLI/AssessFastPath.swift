import ArgumentParser

/// `svangre assess` as programs call it, without ArgumentParser's start-up.
///
/// ArgumentParser reflects every command type it parses (mirrors, type metadata, protocol
/// conformance look-ups) and checks for a completion-script request first: about 16 M
/// instructions, 40 % of a whole `svangre assess` process (docs/performance.md). For the
/// plain forms — `svangre assess` followed by `--format json|text`, `--pretty`, `--input`,
/// `--lang`, `--rules`, `--today`, `--store`, each at most once, as `--name value` or
/// `--name=value` — this builds the `Assess` that ArgumentParser's `AssessCommand` would
/// give, without building the command's property wrappers either. Anything else
/// (help, an unknown or repeated option, an empty value or one that starts with "-", an
/// option before `assess`) gives nil and goes through ArgumentParser, which stays the one
/// definition of the command line and words every refusal. A test checks that both give
/// the same command for each form, and that `name` is the command's name.
enum AssessFastPath {
  /// `AssessCommand`'s name, written out: reading its configuration costs a third of this.
  static let name = "assess"

  static func command(_ arguments: [String]) -> Assess? {
    guard arguments.first == name else { return nil }
    // Plain variables, no dictionary: a new generic type costs a conformance look-up here.
    var format, input, lang, rules, today, store: String?
    var pretty = false
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
      guard argument.hasPrefix("--") else { return nil }
      var name = argument.dropFirst(2)
      let value: Substring?
      if let equals = name.firstIndex(of: "=") {
        value = name[name.index(after: equals)...]
        name = name[..<equals]
      } else if name == "pretty" {
        guard !pretty else { return nil }
        pretty = true
        continue
      } else {
        value = rest.popFirst()?[...]
      }
      guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
      func take(_ option: inout String?) -> Bool {
        guard option == nil else { return false }
        option = String(value)
        return true
      }
      let taken =
        switch name {
        case "format": take(&format)
        case "input": take(&input)
        case "lang": take(&lang)
        case "rules": take(&rules)
        case "today": take(&today)
        case "store": take(&store)
        default: false
        }
      guard taken else { return nil }
    }
    var outputFormat: OutputFormat?
    if let format {
      guard let known = OutputFormat(rawValue: format) else { return nil }
      outputFormat = known
    }
    return Assess(
      global: GlobalSettings(store: store, lang: lang, rules: rules, today: today), input: input,
      format: outputFormat, pretty: pretty)
  }
}
