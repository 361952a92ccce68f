// What Swift cannot import from ncursesw on its own.
//
// SwiftPM drops pkg-config's -D flags, so the wide-character API (get_wch, add_wch)
// stays undeclared unless we ask for it here. Macros and macro constants (A_*, KEY_F)
// are invisible to Swift, so each gets a tiny inline function; Swift 6 also refuses the
// mutable globals (stdscr, COLORS), hence the accessors.
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

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }

// Writes one character cell (a base character plus up to four combining marks) with
// attributes, avoiding the cchar_t layout dance on the Swift side.
static inline int cnc_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
  cchar_t cell;
  if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}

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
