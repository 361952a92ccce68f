import Foundation
import Glibc
import SvangreStore

/// Where every export is written (`svangre export --output`, `export plan --output`, the
/// TUI's copy of a note when the terminal cannot take it): a new file through the one
/// private-file writer (`PrivateFile.create`: 0600 whatever the umask, never through a
/// link, fsynced), never over an existing file, and never under a name that holds a CPR
/// number — a file name shows in directory listings, backups and shell history.
public enum ExportFile {
  public enum Refusal: Error, Sendable, Equatable {
    /// The file name holds a CPR number.
    case cprInName
    /// Something is at the path already.
    case exists
    /// The system refused: the failing call and errno.
    case system(operation: String, errno: Int32)
  }

  public static func create(_ data: Data, at path: String) throws(Refusal) {
    let name = URL(fileURLWithPath: path).lastPathComponent
    if CPRNumber.appears(in: name) { throw .cprInName }
    do throws(StoreError) {
      try PrivateFile.create(data, at: path)
    } catch {
      guard case .system(let operation, let code) = error else { throw .system(operation: "write", errno: EIO) }
      throw code == EEXIST && operation == "open" ? .exists : .system(operation: operation, errno: code)
    }
  }
}
