import Glibc

/// Asks for a password on the terminal, as psql does when neither `PGPASSWORD` nor the
/// password file has one: on `/dev/tty` (never standard input, which may carry a CPR
/// number or an input file), with echo off, restored afterwards. Nil without a terminal
/// or when nothing was typed. The password is never written anywhere: not to the
/// terminal, a log or a file; only to the server's authentication.
public enum PasswordPrompt {
  public static func ask(_ prompt: String) -> String? {
    let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard tty >= 0 else { return nil }
    defer { close(tty) }
    var saved = termios()
    guard tcgetattr(tty, &saved) == 0 else { return nil }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    quiet.c_lflag |= tcflag_t(ICANON)
    // Echo off before the prompt shows: nothing typed after it is ever echoed.
    guard tcsetattr(tty, TCSAFLUSH, &quiet) == 0 else { return nil }
    write(tty, prompt)
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while bytes.count < 1024, read(tty, &byte, 1) == 1, byte != 0x0A, byte != 0x0D { bytes.append(byte) }
    tcsetattr(tty, TCSANOW, &saved)
    write(tty, "\n")
    defer { for index in bytes.indices { bytes[index] = 0 } }
    guard !bytes.isEmpty else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func write(_ fd: Int32, _ text: String) {
    var text = text
    _ = text.withUTF8 { Glibc.write(fd, $0.baseAddress, $0.count) }
  }
}
