#ifndef SVANGRE_FUZZ_H
#define SVANGRE_FUZZ_H
/// Replays corpus files through the fuzz entry point; implemented in Swift.
int svangre_fuzz_replay(int argc, char **argv);
#endif
