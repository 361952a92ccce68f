import Foundation
import SvangreDocuments
import SvangreStore

extension AppModel {
  /// Copies a document: asks the terminal (the runner sends OSC 52 after the frame), or
  /// where it cannot take the text, writes it to a new private file (`ExportFile`: 0600,
  /// never over another file, no CPR number in the name). Returns the message line.
  mutating func copy(_ text: String, what: ScreenID, fileStem: String) -> String {
    let name = strings("screen.\(what.rawValue)")
    if context.clipboard.terminal, TerminalClipboard.fits(text) {
      terminalRequests.append(.clipboard(text))
      return strings("clipboard.copied", ["what": name])
    }
    guard let directory = context.clipboard.fallbackDirectory else {
      return strings("clipboard.failed", ["what": name, "reason": strerror(ENOTSUP)])
    }
    switch Self.writeCopy(text, in: directory, stem: "\(fileStem)-\(context.today.iso)") {
    case .success(let path): return strings("clipboard.saved", ["what": name, "path": path])
    case .failure(let error): return strings("clipboard.failed", ["what": name, "reason": strerror(error.code)])
    }
  }

  /// The requests for the terminal since the last call; the runner performs them.
  public mutating func takeTerminalRequests() -> [TerminalRequest] {
    defer { terminalRequests = [] }
    return terminalRequests
  }

  /// Writes `text` to `stem.txt` in `directory` (made 0700 when missing), or `stem-2.txt`,
  /// … when that exists: a copy never replaces an earlier one. The path, or errno.
  static func writeCopy(_ text: String, in directory: URL, stem: String) -> Result<String, CopyFailure> {
    do throws(PrivateDirectoryError) { try PrivateDirectory.create(directory.path) } catch {
      return .failure(CopyFailure(code: error.code))
    }
    for attempt in 1...100 {
      let name = attempt == 1 ? "\(stem).txt" : "\(stem)-\(attempt).txt"
      let path = directory.appendingPathComponent(name).path
      do throws(ExportFile.Refusal) {
        try ExportFile.create(Data(text.utf8), at: path)
        return .success(path)
      } catch {
        switch error {
        case .exists: continue
        case .cprInName: return .failure(CopyFailure(code: EINVAL))
        case .system(_, let code): return .failure(CopyFailure(code: code))
        }
      }
    }
    return .failure(CopyFailure(code: EEXIST))
  }
}

/// Why a copy could not be written: errno.
struct CopyFailure: Error {
  var code: Int32
}

/// errno as words (the C library's, in English).
private func strerror(_ code: Int32) -> String { String(cString: Glibc.strerror(code)) }
