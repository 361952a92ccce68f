#ifndef SVANGRE_FUZZ_H
#define SVANGRE_FUZZ_H
#include <stddef.h>
#include <stdint.h>

/// 1 when libFuzzer is linked in (a fuzzing build), else 0.
int svangre_libfuzzer_linked(void);
/// libFuzzer's driver on these arguments (flags, corpus directories) with the input callback
/// below; only when `svangre_libfuzzer_linked()`.
int svangre_libfuzzer_run(int *argc, char ***argv);
/// One fuzz input through the selected target; implemented in Swift (Entry/FuzzEntry.swift).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
