import Foundation
import Glibc
import SvangreRules
import Testing

@testable import SvangreStore

/// The stamped index (`IndexStamp`): a process that asks only for the worklist takes the
/// index's lines without a `stat` per record file when nothing in the directory changed
/// since a stamp, and still checks the files of every record it returns.
extension WorklistStoreTests {
  /// Two women in the week's worklist, listed once so that the index is stamped.
  func stampedStore() throws -> (store: FileRecordStore, first: String, second: String) {
    let store = try temp.open()
    let first = try woman("Åse Holm", store)
    let second = try woman("Bodil Lund", store)
    _ = try store.list()
    return (store, first, second)
  }

  func names(_ store: FileRecordStore) throws -> Set<String> {
    Set(try store.worklist(engine: engine, today: today, range: week, filter: WorklistFilter()).rows.map(\.name))
  }

  @Test("a listing stamps the index, a save keeps the stamp, and a new process takes it without listing")
  func savesKeepTheStamp() throws {
    let (store, _, _) = try stampedStore()
    #expect(IndexStamp.current(in: store.files)?.records == 2)
    try woman("Cecilie Kjær", store)
    #expect(IndexStamp.current(in: store.files)?.records == 3)
    let fresh = try temp.open()
    #expect(try fresh.stampedProgrammes(meeting: week, wants: { _ in true })?.count == 3)
    #expect(try names(temp.open()) == ["Åse Holm", "Bodil Lund", "Cecilie Kjær"])
  }

  @Test("a record file rewritten in place after the stamp is read again: a closed record leaves the worklist")
  func rewrittenInPlace() throws {
    let (store, first, _) = try stampedStore()
    // The bytes of her record closed, made in a copy of the store, written over her file
    // without a rename: the directory does not change, the file's size and mtime do.
    let copy = TemporaryStore()
    try FileManager.default.createDirectory(atPath: copy.directory, withIntermediateDirectories: true)
    chmod(copy.directory, 0o700)
    let original = try Data(contentsOf: URL(fileURLWithPath: temp.path(first + ".json")))
    let copied = copy.path(first + ".json")
    #expect(FileManager.default.createFile(atPath: copied, contents: original, attributes: [.posixPermissions: 0o600]))
    _ = try copy.open().close(first, basedOn: 2, reason: "flyttet", author: "AB")
    let closed = try Data(contentsOf: URL(fileURLWithPath: copied))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp.path(first + ".json")))
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: closed)
    try handle.close()
    #expect(IndexStamp.current(in: store.files) != nil)
    #expect(try names(temp.open()) == ["Bodil Lund"])
  }

  @Test("a record file opened to others after the stamp is left out of the worklist and named")
  func openedToOthers() throws {
    let (_, first, _) = try stampedStore()
    chmod(temp.path(first + ".json"), 0o666)
    let fresh = try temp.open()
    #expect(try names(fresh) == ["Bodil Lund"])
    #expect(fresh.problems == [RecordProblem(id: first, damage: .writableByOthers)])
  }

  @Test("a file renamed into the store after the stamp changes the directory: the worklist lists every file")
  func renamedIn() throws {
    let (store, _, _) = try stampedStore()
    let other = TemporaryStore()
    let id = try woman("Dorte Dahl", other.open())
    #expect(rename(other.path(id + ".json"), temp.path(id + ".json")) == 0)
    #expect(IndexStamp.current(in: store.files) == nil)
    #expect(try names(temp.open()) == ["Åse Holm", "Bodil Lund", "Dorte Dahl"])
  }

  @Test("a writer killed between its index line and its rename leaves no stamp to trust")
  func killedWriter() throws {
    let (store, first, _) = try stampedStore()
    // Her line as a save that never renamed its file would have left it: closed.
    var record = try store.load(first)
    record = record.appending([.closure(Closure(reason: "flyttet"))], at: "2026-12-16T09:00:00+01:00", author: "AB")
    let line = IndexEntry(
      record: record, file: FileIdentity(inode: 1, size: 1, mtime: 1), rules: store.programmeRules)
    StoreIndex.append(directory: store.files, [line])
    #expect(IndexStamp.current(in: store.files) == nil)
    let fresh = try temp.open()
    #expect(try fresh.stampedProgrammes(meeting: week, wants: { _ in true }) == nil)
    #expect(try names(temp.open()) == ["Åse Holm", "Bodil Lund"])
  }

  @Test("a damaged record file named by the stamp is reported by a process that takes the stamp")
  func unreadableNamed() throws {
    let store = try temp.open()
    try woman("Åse Holm", store)
    let damaged = try woman("Bodil Lund", store)
    let garbage = temp.path(".garbage")
    #expect(
      FileManager.default.createFile(atPath: garbage, contents: Data("{".utf8), attributes: [.posixPermissions: 0o600]))
    #expect(rename(garbage, temp.path(damaged + ".json")) == 0)
    _ = try store.list()
    #expect(IndexStamp.current(in: store.files)?.unreadable == [damaged])
    let fresh = try temp.open()
    #expect(try names(fresh) == ["Åse Holm"])
    #expect(fresh.problems.map(\.id) == [damaged])
  }

  @Test(
    "a stamped index scanned in parts gives the programmes a listing gives, in the list's order",
    arguments: [1, 2, 3, 8])
  func stampedInParts(parts: Int) throws {
    let store = try temp.open()
    // Names out of their list order, two the same (then by id), and one whose file is
    // touched after the stamp (read from her file, then merged into the order).
    for name in [
      "Maja Møller", "Åse Holm", "Anne Hansen", "Bodil Lund", "Anne Hansen", "Ærø Jensen", "Cecilie Kjær", "Eva Berg",
    ] {
      try woman(name, store)
    }
    let touched = try woman("Dorte Dahl", store)
    _ = try store.list()
    var times = [timespec(tv_sec: 1_800_000_000, tv_nsec: 0), timespec(tv_sec: 1_800_000_000, tv_nsec: 0)]
    #expect(utimensat(AT_FDCWD, temp.path(touched + ".json"), &times, 0) == 0)
    #expect(IndexStamp.current(in: store.files) != nil)
    let stamped = try #require(
      try temp.open().stampedProgrammes(meeting: week, parts: parts, wants: { _ in true }))
    let listing = try temp.open()
    _ = try listing.list()
    let listed = try listing.programmes(meeting: week)
    #expect(listed.count == 9)
    #expect(stamped.map(\.id) == listed.map(\.id))
    #expect(stamped == listed)
  }
}
