// Whether libFuzzer is linked in, and its driver. A fuzzing build (SVANGRE_FUZZ=1,
// Package.swift) links libFuzzer; a plain build does not, and the weak reference below
// is then null, so the same executable replays corpus files instead.
//
// svangre-fuzz's own `main` calls the driver rather than libFuzzer's `main`: SwiftPM gives
// an executable target a `main` of its own (and one it made a library would not link), and
// the target name must come off the command line before libFuzzer reads its flags.
#include <stddef.h>
#include <stdint.h>

#include "svangre_fuzz.h"

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))
    __attribute__((weak));

int svangre_libfuzzer_linked(void) { return LLVMFuzzerRunDriver != NULL; }

int svangre_libfuzzer_run(int *argc, char ***argv) { return LLVMFuzzerRunDriver(argc, argv, LLVMFuzzerTestOneInput); }
