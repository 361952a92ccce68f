// Chooses what runs: a build with --sanitize=fuzzer links libFuzzer, whose `main` fuzzes
// LLVMFuzzerTestOneInput; a plain build has no libFuzzer, and this constructor replays
// the files named on the command line instead (`svangre-fuzz-store FILE|DIR…`).
//
// A constructor rather than a weak `main`: SwiftPM gives a plain executable target a
// `main` of its own, so a weak one would never run.
#include <stddef.h>
#include <stdlib.h>

#include "svangre_fuzz.h"

// Defined only when libFuzzer is linked in.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const unsigned char *, size_t))
    __attribute__((weak));

__attribute__((constructor)) static void svangre_fuzz_replay_without_libfuzzer(int argc, char **argv, char **envp) {
  (void)envp;
  if (LLVMFuzzerRunDriver != NULL) return;
  exit(svangre_fuzz_replay(argc, argv));
}
