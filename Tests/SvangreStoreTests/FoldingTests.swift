import Foundation
import Testing

@testable import SvangreStore

@Suite("Search folds the Turkish i's like the Danish letters")
struct FoldingTests {
  let temp = TemporaryStore()

  @Test(arguments: [
    ("Yıldız", "yildiz"), ("YILDIZ", "yildiz"), ("İlayda", "ilayda"), ("ılgın", "ilgin"), ("Søs", "sos"),
  ])
  func folded(name: String, folded: String) {
    #expect(TextFolding.fold(name) == folded)
  }

  @Test func eachFindsTheOthers() throws {
    let store = try temp.open()
    let yildiz = try store.createRecord(name: "Ayşe Yıldız", cpr: "010190-1234", author: "AB").id
    let ilayda = try store.createRecord(name: "İlayda Kaya", cpr: "020290-1234", author: "AB").id
    for query in ["yildiz", "YILDIZ", "Yıldız", "yıldız"] {
      #expect(try store.search(query).map(\.id) == [yildiz], "\(query)")
    }
    for query in ["ilayda", "İlayda", "ılayda", "ILAYDA"] {
      #expect(try store.search(query).map(\.id) == [ilayda], "\(query)")
    }
  }

  @Test func anIndexFoldedTheOldWayIsRebuilt() throws {
    let store = try temp.open()
    let id = try store.createRecord(name: "Ayşe Yıldız", cpr: "010190-1234", author: "AB").id
    // The index as svangre wrote it before: version 1, "ı" left as it was.
    let path = temp.path("index.tsv")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    let old =
      ["svangre-index\t1"] + lines.dropFirst().map { $0.replacingOccurrences(of: "ayse yildiz", with: "ayse yıldız") }
    try (old.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    #expect(try temp.open().search("yildiz").map(\.id) == [id])
  }
}
