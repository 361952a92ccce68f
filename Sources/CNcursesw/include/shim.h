// What Swift cannot import from ncursesw on its own, and ncursesw loaded only by the TUI.
//
// ncursesw (and its libtinfo) is not linked into svangre: loaded at every start it cost
// the dynamic loader 1.1–1.4 M instructions (a hello world's start is 15 M), searched first
// for each of the process's symbols, in every `svangre assess` that never draws a screen
// (docs/performance.md). `cnc_load` opens it with dlopen when the TUI starts; the functions
// below that curses.h declares are defined in curses_loader.c, each calling the library's
// own, so the Swift side calls ncurses as before (a call before `cnc_load` succeeded is a
// programming error and aborts).
//
// SwiftPM drops pkg-config's -D flags, so the wide-character API (get_wch, add_wch)
// stays undeclared unless we ask for it here. Macros and macro constants (A_*, KEY_F)
// are invisible to Swift, so each gets a tiny inline function; Swift 6 also refuses the
// mutable global stdscr, hence the accessor.
#ifndef SVANGRE_CNCURSESW_SHIM_H
#define SVANGRE_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Glibc's Swift module hides wcwidth; the backend uses it to cross-check widths.
extern int wcwidth(wchar_t c);

// Opens ncursesw and finds what svangre uses of it; false (with nothing changed) when it
// cannot, and the TUI says so. Called again, it answers from the first time.
bool cnc_load(void);

WINDOW *cnc_stdscr(void);
static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }

// Writes one character cell (a base character plus up to four combining marks) with
// attributes, avoiding the cchar_t layout dance on the Swift side.
int cnc_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair);

// A parent may start us with signals blocked (a test runner's thread, some launchers);
// then resizes would never reach ncurses. Unblock the ones the TUI relies on.
static inline void cnc_unblock_terminal_signals(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGWINCH);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGCONT);
  sigaddset(&set, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
}

#endif
