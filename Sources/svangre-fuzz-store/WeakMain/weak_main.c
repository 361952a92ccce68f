// A weak `main`: a plain build runs the corpus replayer (Swift, `svangre_fuzz_replay`),
// while a build with --sanitize=fuzzer links libFuzzer's strong `main`, which wins.
#include "svangre_fuzz.h"

__attribute__((weak)) int main(int argc, char **argv) { return svangre_fuzz_replay(argc, argv); }
