import Foundation
import Glibc
import Testing

@testable import SvangreStore

@Suite("Another process's save is seen: the change stamp, and a list of an empty store")
struct ChangeStampTests {
  /// On PostgreSQL the stamp moves when the server's notification of the save arrives:
  /// a moment after the save returns, so the test waits for it (at most 10 s).
  @Test(arguments: Backend.allCases)
  func aSaveElsewhereMovesTheStampAndShowsInTheList(_ backend: Backend) throws {
    let temp = TemporaryStore(backend)
    let store = try temp.store()
    #expect(try store.list().isEmpty)
    let before = store.changeStamp()
    #expect(store.changeStamp() == before)
    let record = try temp.store().createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    #expect(stampMoves(store, from: before))
    // The empty store learnt the record from the index: the list must say so.
    #expect(try store.list().map(\.id) == [record.id])
    let after = store.changeStamp()
    _ = try temp.store().addNote(record.id, basedOn: 1, text: "x", author: "AB")
    #expect(stampMoves(store, from: after))
    #expect(try store.revision(of: record.id) == 2)
  }

  func stampMoves(_ store: any RecordStore, from stamp: [Int64]) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while store.changeStamp() == stamp && Date() < deadline { usleep(5_000) }
    return store.changeStamp() != stamp
  }
}
