#ifndef SVANGRE_FUZZ_H
#define SVANGRE_FUZZ_H
/// Replays corpus files through the fuzz entry point; implemented in Swift
/// (Entry/FuzzStore.swift), called before `main` by replay_hook.c in a plain build.
int svangre_fuzz_replay(int argc, char **argv);
#endif
