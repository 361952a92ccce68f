// How the TUI ends on a signal, in C: a signal handler must touch only async-signal-safe
// state, which a Swift closure cannot promise.
#ifndef SVANGRE_TERMINAL_GUARD_H
#define SVANGRE_TERMINAL_GUARD_H

#include <stddef.h>

/// Saves the terminal's modes (before ncurses changes them) for the guard to put back.
void terminal_guard_save_modes(int fd);

/// The bytes that restore the screen (leave the alternate screen, show the cursor, end
/// attributes and the keypad mode), written by the guard if it has to end the program.
void terminal_guard_set_reset(const char *bytes, size_t length);

/// Catches SIGHUP, SIGTERM and SIGINT: each sets the flag `terminal_guard_take_signal`
/// returns, and starts the guard's clock. If the program still runs `grace_ms` after the
/// signal (the app loop is busy and has not seen the flag), the guard writes the reset
/// bytes, puts the saved modes back and exits with 128 + the signal's number.
void terminal_guard_install(int grace_ms);

/// The signal that arrived since the last call, or 0; clears it.
int terminal_guard_take_signal(void);

#endif
