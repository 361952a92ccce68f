import Foundation

// Build-time tool of the EmbedResources plugin: writes one Swift file that holds the bytes
// of every rule set and string catalogue in the package's top-level `Resources/`, so that an
// installed `svangre` is one self-contained file and `Resources/` stays data only.
//
// svangre-embed OUTPUT.swift FILE.json ...   (each FILE under rulesets/ or strings/)

/// A Swift string literal of `text`, escaped so that the compiler reads back the same bytes.
func literal(_ text: String) -> String {
  var out = "\""
  out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      out += "\\u{" + String(scalar.value, radix: 16) + "}"
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("svangre-embed: \(message)\n".utf8))
  exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else { fail("usage: svangre-embed OUTPUT.swift FILE.json ...") }

var groups: [String: [(name: String, text: String)]] = ["rulesets": [], "strings": []]
for path in arguments.dropFirst() {
  let url = URL(fileURLWithPath: path)
  let group = url.deletingLastPathComponent().lastPathComponent
  guard groups[group] != nil else { fail("\(path): not under rulesets/ or strings/") }
  guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
    fail("\(path): cannot be read as UTF-8")
  }
  groups[group]!.append((url.deletingPathExtension().lastPathComponent, text))
}

func table(_ files: [(name: String, text: String)]) -> String {
  files.sorted { $0.name < $1.name }
    .map { "    (\(literal($0.name)), \(literal($0.text)))," }
    .joined(separator: "\n")
}

let source = """
  // Generated at build time by svangre-embed from the package's Resources/. Do not edit.

  /// The bundled data files' bytes, by file name without `.json`, in name order.
  enum ResourceFiles {
    /// `Resources/rulesets/*.json`.
    static let ruleSets: [(name: String, json: StaticString)] = [
  \(table(groups["rulesets"]!))
    ]
    /// `Resources/strings/*.json` (`core.da`, `tui.en`, ...).
    static let strings: [(name: String, json: StaticString)] = [
  \(table(groups["strings"]!))
    ]
  }

  """
do {
  try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
  fail("\(output): \(error.localizedDescription)")
}
