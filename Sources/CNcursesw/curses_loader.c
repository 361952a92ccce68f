// ncursesw opened when the TUI starts, not linked (see shim.h): the functions svangre calls
// are defined here with curses.h's own prototypes (so the compiler checks each against the
// library's), and each calls the library's through a pointer dlsym found. The names are
// the library's, so the Swift side is written as for a linked ncursesw; a name in
// parentheses is not expanded where curses.h also has a macro of it.
#include "shim.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define CURSES_FUNCTIONS(X)                                                                                  \
  X(SCREEN *, newterm, (const char *type, FILE *out, FILE *in), (type, out, in))                            \
  X(SCREEN *, set_term, (SCREEN * screen), (screen))                                                        \
  X(int, endwin, (void), ())                                                                                \
  X(int, raw, (void), ())                                                                                   \
  X(int, noecho, (void), ())                                                                                \
  X(int, nonl, (void), ())                                                                                  \
  X(int, keypad, (WINDOW * window, bool on), (window, on))                                                  \
  X(int, set_escdelay, (int delay), (delay))                                                                \
  X(int, curs_set, (int visibility), (visibility))                                                          \
  X(bool, has_colors, (void), ())                                                                           \
  X(int, start_color, (void), ())                                                                           \
  X(int, use_default_colors, (void), ())                                                                    \
  X(int, init_pair, (NCURSES_PAIRS_T pair, NCURSES_COLOR_T foreground, NCURSES_COLOR_T background),         \
    (pair, foreground, background))                                                                         \
  X(int, werase, (WINDOW * window), (window))                                                               \
  X(int, wrefresh, (WINDOW * window), (window))                                                             \
  X(int, clearok, (WINDOW * window, bool on), (window, on))                                                 \
  X(char *, tigetstr, (const char *name), (name))                                                           \
  X(int, wget_wch, (WINDOW * window, wint_t * character), (window, character))                              \
  X(int, setcchar, (cchar_t * cell, const wchar_t *characters, const attr_t attributes, NCURSES_PAIRS_T pair, \
                    const void *options),                                                                   \
    (cell, characters, attributes, pair, options))                                                          \
  X(int, wmove, (WINDOW * window, int y, int x), (window, y, x))                                            \
  X(int, wadd_wch, (WINDOW * window, const cchar_t *cell), (window, cell))

#define CURSES_PROCEDURES(X)                                        \
  X(delscreen, (SCREEN * screen), (screen))                         \
  X(wtimeout, (WINDOW * window, int delay), (window, delay))

static struct {
#define POINTER(type, name, parameters, arguments) type(*name) parameters;
#define PROCEDURE_POINTER(name, parameters, arguments) void(*name) parameters;
  CURSES_FUNCTIONS(POINTER)
  CURSES_PROCEDURES(PROCEDURE_POINTER)
  WINDOW **standard_screen;
} curses;

static int state;  // 0 not tried, 1 loaded, -1 not loadable

bool cnc_load(void) {
  if (state != 0) return state > 0;
  state = -1;
  void *library = dlopen("libncursesw.so.6", RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return false;
  bool found = true;
#define FIND(type, name, parameters, arguments) \
  found = found && (curses.name = (type(*) parameters)dlsym(library, #name)) != NULL;
#define FIND_PROCEDURE(name, parameters, arguments) \
  found = found && (curses.name = (void(*) parameters)dlsym(library, #name)) != NULL;
  CURSES_FUNCTIONS(FIND)
  CURSES_PROCEDURES(FIND_PROCEDURE)
  found = found && (curses.standard_screen = (WINDOW **)dlsym(library, "stdscr")) != NULL;
  if (!found) return false;
  state = 1;
  return true;
}

// A call before `cnc_load` succeeded: the TUI's start checks it, so this is a bug.
static void require_loaded(void) {
  if (state > 0) return;
  fputs("svangre: ncursesw called before it was loaded (cnc_load)\n", stderr);
  abort();
}

#define WRAPPER(type, name, parameters, arguments) \
  type(name) parameters {                           \
    require_loaded();                               \
    return curses.name arguments;                   \
  }
#define PROCEDURE_WRAPPER(name, parameters, arguments) \
  void(name) parameters {                              \
    require_loaded();                                  \
    curses.name arguments;                             \
  }
CURSES_FUNCTIONS(WRAPPER)
CURSES_PROCEDURES(PROCEDURE_WRAPPER)

WINDOW *cnc_stdscr(void) {
  require_loaded();
  return *curses.standard_screen;
}

int(get_wch)(wint_t *character) { return (wget_wch)(cnc_stdscr(), character); }

// Macros over the window's fields in curses.h (NCURSES_OPAQUE is 0): no call into the library.
int(getmaxx)(const WINDOW *window) { return getmaxx(window); }
int(getmaxy)(const WINDOW *window) { return getmaxy(window); }

int cnc_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
  cchar_t cell;
  if ((setcchar)(&cell, chars, attrs, pair, NULL) != OK) return ERR;
  if ((wmove)(cnc_stdscr(), y, x) == ERR) return ERR;
  return (wadd_wch)(cnc_stdscr(), &cell);
}
