#include "terminal_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

// The app loop only looks at the flag between keys; busy computing (a store of 100,000
// records being read, say) it would not end for as long as that takes. So the handler
// also wakes a guard thread through a pipe (write is async-signal-safe), and the guard
// ends the program itself once the grace is over.

static volatile sig_atomic_t pending_signal = 0;
static int wake_pipe[2] = {-1, -1};
static int grace_milliseconds = 700;
static int modes_fd = -1;
static struct termios saved_modes;
static char reset_bytes[512];
static size_t reset_length = 0;

void terminal_guard_save_modes(int fd) {
  if (tcgetattr(fd, &saved_modes) == 0) modes_fd = fd;
}

void terminal_guard_set_reset(const char *bytes, size_t length) {
  if (length > sizeof reset_bytes) length = sizeof reset_bytes;
  memcpy(reset_bytes, bytes, length);
  reset_length = length;
}

static void note_signal(int signal_number) {
  int saved_errno = errno;
  pending_signal = signal_number;
  if (wake_pipe[1] >= 0) {
    unsigned char byte = (unsigned char)signal_number;
    ssize_t ignored = write(wake_pipe[1], &byte, 1);
    (void)ignored;
  }
  errno = saved_errno;
}

static void *guard(void *unused) {
  (void)unused;
  // The signals go to the app's thread (where they interrupt the wait for a key), not here.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  unsigned char byte = 0;
  for (;;) {
    ssize_t got = read(wake_pipe[0], &byte, 1);
    if (got == 1) break;
    if (got < 0 && errno == EINTR) continue;
    return NULL;
  }
  struct timespec grace = {grace_milliseconds / 1000, (long)(grace_milliseconds % 1000) * 1000000L};
  while (nanosleep(&grace, &grace) != 0 && errno == EINTR) {
  }
  // Still running: the app loop is busy. Restore the terminal and end, as endwin would.
  if (reset_length > 0) {
    ssize_t ignored = write(STDOUT_FILENO, reset_bytes, reset_length);
    (void)ignored;
  }
  if (modes_fd >= 0) tcsetattr(modes_fd, TCSANOW, &saved_modes);
  _exit(128 + byte);
}

void terminal_guard_install(int grace_ms) {
  grace_milliseconds = grace_ms;
  if (wake_pipe[0] < 0 && pipe(wake_pipe) == 0) {
    fcntl(wake_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(wake_pipe[1], F_SETFD, FD_CLOEXEC);
    fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);
    pthread_t thread;
    if (pthread_create(&thread, NULL, guard, NULL) == 0) pthread_detach(thread);
  }
  // No SA_RESTART: a wait for a key returns at once.
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = note_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGHUP, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
}

int terminal_guard_take_signal(void) {
  int signal_number = pending_signal;
  pending_signal = 0;
  return signal_number;
}
