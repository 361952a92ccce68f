import Foundation
import Testing

@testable import SvangreStore

@Suite("Another process's save is seen: the change stamp, and a list of an empty store")
struct ChangeStampTests {
  let temp = TemporaryStore()

  @Test func aSaveElsewhereMovesTheStampAndShowsInTheList() throws {
    let store = try temp.open()
    #expect(try store.list().isEmpty)
    let before = store.changeStamp()
    #expect(store.changeStamp() == before)
    let record = try temp.open().createRecord(name: "Anna", cpr: "010190-1234", author: "AB")
    #expect(store.changeStamp() != before)
    // The empty store learnt the record from the index: the list must say so.
    #expect(try store.list().map(\.id) == [record.id])
    let after = store.changeStamp()
    _ = try temp.open().addNote(record.id, basedOn: 1, text: "x", author: "AB")
    #expect(store.changeStamp() != after)
  }
}
