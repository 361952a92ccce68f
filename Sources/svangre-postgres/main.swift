import SvangreCLI

// `svangre-postgres`: the same program as `svangre` with the PostgreSQL backend linked in,
// installed beside it; `svangre` becomes this for a `postgresql://` store
// (SvangreCLI/ServerHandOver.swift). Run directly, it serves a directory just the same.
SvangreProgram.run(server: PostgresBackend())
