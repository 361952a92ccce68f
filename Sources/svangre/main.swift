// Entry point: see Svangre.swift for the command tree.
Svangre.main()
