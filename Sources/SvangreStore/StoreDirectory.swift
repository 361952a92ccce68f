import Foundation
import Glibc

/// Why a file in the store directory (or the directory itself) is not trusted. None of
/// the cases carries content, so no record data can reach a message through them.
public enum FileProblem: String, Sendable, Equatable, Codable {
  /// A symbolic link: never followed, so a link planted at `index.tsv` cannot make
  /// svangre write names and CPR numbers into its target.
  case symlink
  /// A FIFO, device, socket or directory where a regular file belongs: never opened for
  /// reading (a FIFO would block forever).
  case notAFile = "not_a_file"
  /// Owned by another user: not something svangre made.
  case foreignOwner = "foreign_owner"
  /// Writable by the group or by everyone: someone else could have changed it.
  case writableByOthers = "writable_by_others"
  /// A directory that others may list or enter: health data must be the owner's alone.
  case openToOthers = "open_to_others"
}

/// The one way svangre opens anything in the store: relative to the store directory's
/// descriptor (`openat`), never following a symbolic link (`O_NOFOLLOW`), only regular
/// files (checked with `fstatat` before opening, so a device is never opened, and with
/// `fstat` after, `O_NONBLOCK` so a FIFO cannot block), owned by the user running svangre
/// and not writable by others. Every record, `store.lock`, `index.tsv`, temp file and
/// `quarantine/` goes through it (docs/store.md, "Threat model").
final class StoreDirectory: Sendable {
  /// The path as given (for messages).
  let path: String
  /// The open directory: every name is resolved relative to it, so a directory renamed
  /// or replaced after opening cannot redirect a save.
  let fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  deinit { close(fd) }

  /// The largest record file read (a record is a few kilobytes; 20,000-character notes by
  /// the thousand stay far below): a larger file is reported, not read into memory.
  static let recordLimit = 64 << 20
  /// The largest summary index read (about 150 bytes a record).
  static let indexLimit = 512 << 20

  /// Opens the store directory at `path`, creating it and any missing directory on the
  /// way with mode 0700.
  ///
  /// The path itself may pass through symbolic links (a user may keep the store
  /// elsewhere); the directory it ends at must belong to this user and be closed to
  /// everyone else (0700). An existing directory is never `chmod`ed: it is refused with a
  /// message saying how to fix it (`svangre --store /` run as root must not change `/`).
  static func open(path: String) throws(StoreError) -> StoreDirectory {
    var info = stat()
    if stat(path, &info) != 0 {
      guard errno == ENOENT else { throw .unusable(path: path, reason: StoreError.describe(errno)) }
      do {
        try PrivateDirectory.create(path)
      } catch {
        throw .unusable(path: path, reason: StoreError.describe(error.code))
      }
    }
    let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else {
      throw .unusable(path: path, reason: StoreError.describe(errno == ENOTDIR ? ENOTDIR : errno))
    }
    let directory = StoreDirectory(path: path, fd: fd)
    try directory.verifySelf()
    return directory
  }

  /// The directory's own owner and mode, from its descriptor.
  private func verifySelf() throws(StoreError) {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .unusable(path: path, reason: StoreError.describe(errno)) }
    if let problem = Self.problem(info, expecting: S_IFDIR) { throw .untrustedFile(path: path, problem: problem) }
  }

  /// What is wrong with a file of this kind, owner and mode; nil when it can be trusted.
  /// A file others may read but not write is trusted (`check` reports its mode); a
  /// directory must be closed to others altogether.
  static func problem(_ info: stat, expecting kind: mode_t = S_IFREG) -> FileProblem? {
    let type = info.st_mode & S_IFMT
    if type == S_IFLNK { return .symlink }
    if type != kind { return .notAFile }
    if info.st_uid != geteuid() { return .foreignOwner }
    if info.st_mode & 0o022 != 0 { return .writableByOthers }
    if kind == S_IFDIR, info.st_mode & 0o077 != 0 { return .openToOthers }
    return nil
  }

  /// Why a file cannot be opened or read.
  enum Failure: Error, Equatable {
    case missing
    case untrusted(FileProblem)
    /// Larger than the limit for its kind.
    case tooLarge
    /// Permission denied.
    case denied
    case system(operation: String, errno: Int32)

    /// The store error for a file the store itself needs (the lock, a temp file).
    func storeError(path: String) -> StoreError {
      switch self {
      case .untrusted(let problem): .untrustedFile(path: path, problem: problem)
      case .system(let operation, let code): .system(operation: operation, errno: code)
      case .denied: .system(operation: "open", errno: EACCES)
      case .missing: .system(operation: "open", errno: ENOENT)
      case .tooLarge: .system(operation: "read", errno: EFBIG)
      }
    }

    static func from(_ code: Int32, _ operation: String) -> Failure {
      switch code {
      case ENOENT: .missing
      case ELOOP: .untrusted(.symlink)
      case EACCES, EPERM: .denied
      default: .system(operation: operation, errno: code)
      }
    }
  }

  /// The trusted identity of `name` (nil when it is missing or not trusted), from one
  /// `fstatat`: what a listing compares index lines with, so a record file chowned or
  /// chmodded after it was indexed is re-read (and reported) rather than listed.
  func identity(of name: String) -> FileIdentity? {
    var info = stat()
    guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, Self.problem(info) == nil else { return nil }
    return FileIdentity(info)
  }

  /// What is wrong with `name`, nil when it is missing or can be trusted; never opens it.
  func problem(of name: String) -> FileProblem? {
    var info = stat()
    guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
    return Self.problem(info)
  }

  /// Opens an existing or new regular file. `flags` adds the access mode and `O_CREAT`,
  /// `O_APPEND` or `O_EXCL`; the rule's flags are always added. A new file is 0600
  /// whatever the umask.
  func openFile(_ name: String, _ flags: Int32) -> Result<Int32, Failure> {
    var before = stat()
    if fstatat(fd, name, &before, AT_SYMLINK_NOFOLLOW) == 0 {
      // Looked at before opening: opening a device can have effects of its own.
      if let problem = Self.problem(before) { return .failure(.untrusted(problem)) }
    } else if errno != ENOENT || flags & O_CREAT == 0 {
      return .failure(.from(errno, "stat"))
    }
    let file = openat(fd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
    guard file >= 0 else { return .failure(.from(errno, "open")) }
    var info = stat()
    guard fstat(file, &info) == 0 else {
      let code = errno
      close(file)
      return .failure(.system(operation: "stat", errno: code))
    }
    if let problem = Self.problem(info) {
      close(file)
      return .failure(.untrusted(problem))
    }
    if info.st_mode & 0o777 != 0o600, flags & O_ACCMODE != O_RDONLY {
      // The mode given to open is filtered by the umask: 0600 must hold under any umask.
      fchmod(file, 0o600)
    }
    return .success(file)
  }

  /// The whole of a regular file, with its identity; at most `limit` bytes.
  func read(_ name: String, limit: Int) -> Result<([UInt8], FileIdentity), Failure> {
    let file: Int32
    switch openFile(name, O_RDONLY) {
    case .success(let opened): file = opened
    case .failure(let failure): return .failure(failure)
    }
    defer { close(file) }
    var info = stat()
    guard fstat(file, &info) == 0 else { return .failure(.system(operation: "stat", errno: errno)) }
    guard Int(info.st_size) <= limit else { return .failure(.tooLarge) }
    switch FileIO.readAll(file, limit: limit) {
    case .success(let bytes): return .success((bytes, FileIdentity(info)))
    case .failure(let error) where error.code == EFBIG: return .failure(.tooLarge)
    case .failure(let error): return .failure(.from(error.code, "read"))
    }
  }

  /// A subdirectory (`quarantine/`), created 0700 if asked; trusted as the store is.
  func subdirectory(_ name: String, create: Bool) throws(StoreError) -> StoreDirectory {
    let full = (path as NSString).appendingPathComponent(name)
    if create, mkdirat(fd, name, 0o700) != 0, errno != EEXIST {
      throw .unusable(path: full, reason: StoreError.describe(errno))
    }
    let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard child >= 0 else {
      if errno == ELOOP || errno == ENOTDIR {
        var info = stat()
        let problem: FileProblem =
          fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
          ? .symlink : .notAFile
        throw .untrustedFile(path: full, problem: problem)
      }
      throw .unusable(path: full, reason: StoreError.describe(errno))
    }
    let directory = StoreDirectory(path: full, fd: child)
    try directory.verifySelf()
    return directory
  }

  /// Atomically replaces `name` with `bytes`, durably, through the one private-file
  /// writer (`PrivateFile.replace(_:named:in:at:temp:beforeRename:)`), with the temp file
  /// `.<name>.tmp`: the caller holds the store lock, so one that exists was left by a
  /// writer that died mid-save. `beforeRename` gets the new file's identity, which becomes
  /// the record's once renamed: the index is told before the rename so that it can never
  /// describe a file that is not there yet as if it were (see `StoreIndex`).
  func replace(
    _ name: String, with bytes: [UInt8], beforeRename: (FileIdentity) -> Void = { _ in }
  ) throws(StoreError) {
    try PrivateFile.replace(bytes, named: name, in: fd, at: path, temp: "." + name + ".tmp", beforeRename: beforeRename)
  }
}

/// Directories svangre creates on the way to its store or its config: mode 0700 whatever
/// the umask (`mkdir`'s mode is filtered by the umask, so each new one is `chmod`ed).
/// Directories that already exist are left as they are.
public enum PrivateDirectory {
  /// Creates `path` and any missing parent, each new one 0700.
  public static func create(_ path: String) throws(PrivateDirectoryError) {
    var missing: [String] = []
    var cursor = (path as NSString).standardizingPath
    var info = stat()
    while !cursor.isEmpty, cursor != "/", stat(cursor, &info) != 0 {
      guard errno == ENOENT else { throw PrivateDirectoryError(code: errno) }
      missing.append(cursor)
      cursor = (cursor as NSString).deletingLastPathComponent
    }
    for directory in missing.reversed() {
      if mkdir(directory, 0o700) != 0 {
        guard errno == EEXIST else { throw PrivateDirectoryError(code: errno) }
        continue  // made meanwhile by someone else: not ours to change
      }
      // Just made by us: make the mode exact without following a link swapped in.
      let made = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      guard made >= 0 else { throw PrivateDirectoryError(code: errno) }
      fchmod(made, 0o700)
      close(made)
    }
  }
}

/// Why a private directory could not be created: the errno.
public struct PrivateDirectoryError: Error, Sendable {
  public var code: Int32
}
