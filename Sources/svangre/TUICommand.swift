import Foundation

// Placeholder: the TUI lands with issue 4.
func runTUI(_ global: GlobalOptions) throws {
  FileHandle.standardError.write(Data("svangre: the TUI is not built yet; see `svangre --help`.\n".utf8))
}
