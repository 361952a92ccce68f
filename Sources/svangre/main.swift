import SvangreCLI

// `svangre`: the CLI and the TUI on a JSON record store, without the PostgreSQL client
// (a command for a `postgresql://` store becomes `svangre-postgres`: ServerHandOver.swift).
// The command tree is in SvangreCLI (Svangre.swift).
SvangreProgram.run(server: nil)
