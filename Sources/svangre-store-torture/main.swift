// A child process for the store's crash and concurrency tests (Tests/SvangreStoreTests).
//
//   svangre-store-torture crash DIR ID          save visitations until killed; after each
//                                               acknowledged save print "ACK <revision> <marker>"
//   svangre-store-torture contend DIR ID N TAG  make N saves, retrying stale-copy refusals;
//                                               print "ACK <marker>" and "REFUSED <message>"
//   svangre-store-torture appends DIR ID[,ID…] N TAG
//                                               make N appends (basedOn nil: visitations and
//                                               notes in turn) into the records in turn,
//                                               never retrying; print "ACK <id> <marker>",
//                                               "LOST <id> <marker> <message>" when the
//                                               server did not answer (the next append
//                                               connects again), and "REFUSED <message>"
//                                               for any other refusal
//
// Each line is written with one write(2) straight to fd 1, so a SIGKILL can cut the
// output only between lines: a printed ACK is a save the store acknowledged.
import Foundation
import Glibc
import SvangrePostgres
import SvangreResources
import SvangreRules
import SvangreStore

func emit(_ line: String) {
  var text = line + "\n"
  _ = text.withUTF8 { write(1, $0.baseAddress, $0.count) }
}

/// A visitation the store takes (an assessment input under the bundled rule set); the
/// marker is its override reason.
func visitation(_ marker: String) -> Visitation {
  Visitation(
    input: .sortedObject([
      "reference_date": .string("2026-11-23"), "parity": .string("nulliparous"),
      "dating": .sortedObject(["due_date": .string("2027-05-20")]),
      "override": .sortedObject(["level": .number(2), "reason": .string(marker)]),
    ]),
    ruleSetID: "dk-rsyd-fodeplan", ruleSetVersion: "2021.1", suggestedLevel: 1, level: 2, overrideReason: marker,
    dueDate: "2027-05-20", gestationalAge: "14+2")
}

let arguments = CommandLine.arguments
let strings = StringCatalog(language: .en)
guard arguments.count >= 4 else {
  emit("usage: svangre-store-torture crash|contend|appends DIR ID[,ID…] [N TAG]")
  exit(2)
}
do {
  // DIR is a store directory or a PostgreSQL store's `postgresql://` location.
  let store: any RecordStore =
    PostgresLocation.isPostgres(arguments[2])
    ? try PostgresRecordStore(location: PostgresLocation(arguments[2]), password: nil, clock: .system)
    : try FileRecordStore(directory: arguments[2], lockTimeout: 30, clock: .system)
  let id = arguments[3]
  switch arguments[1] {
  case "crash":
    var count = 0
    while true {
      count += 1
      let marker = "crash-\(getpid())-\(count)"
      let record = try store.load(id)
      let saved = try store.appendVisitation(
        id, basedOn: record.revision, visitation: visitation(marker), author: "KT")
      emit("ACK \(saved.revision) \(marker)")
    }
  case "contend":
    let total = Int(arguments[4]) ?? 200
    let tag = arguments.count > 5 ? arguments[5] : "P\(getpid())"
    var saved = 0
    var revision = try store.load(id).revision
    while saved < total {
      let marker = "\(tag)-\(saved + 1)"
      do {
        let record = try store.appendVisitation(
          id, basedOn: revision, visitation: visitation(marker), author: tag)
        revision = record.revision
        saved += 1
        emit("ACK \(marker)")
      } catch .staleCopy(let stale, let author, let at) {
        let error = StoreError.staleCopy(id: stale, changedBy: author, at: at)
        emit("REFUSED " + strings(error.messageKey, error.messageArguments))
        revision = try store.load(id).revision
      }
    }
    emit("DONE \(saved)")
  case "appends":
    // What two midwives adding to the same women do: nothing read first, nothing to be
    // stale against, so nothing may be refused.
    let ids = id.split(separator: ",").map(String.init)
    let total = Int(arguments[4]) ?? 500
    let tag = arguments.count > 5 ? arguments[5] : "P\(getpid())"
    var refused = 0
    var lost = 0
    for count in 1...total {
      let target = ids[(count + Int(getpid())) % ids.count]
      let marker = "\(tag)-\(count)"
      do {
        if count.isMultiple(of: 2) {
          _ = try store.addNote(target, basedOn: nil, text: marker, author: tag)
        } else {
          _ = try store.appendVisitation(target, basedOn: nil, visitation: visitation(marker), author: tag)
        }
        emit("ACK \(target) \(marker)")
      } catch .serverUnreachable(let server, let reason) {
        // The server restarted or the connection dropped: this save was not
        // acknowledged; the next one connects again.
        let error = StoreError.serverUnreachable(server: server, reason: reason)
        emit("LOST \(target) \(marker) " + strings(error.messageKey, error.messageArguments))
        lost += 1
        usleep(50_000)
      } catch {
        refused += 1
        emit("REFUSED \(marker) " + strings(error.messageKey, error.messageArguments))
      }
    }
    emit("DONE \(total - refused - lost)")
  default:
    emit("unknown mode")
    exit(2)
  }
} catch {
  emit("ERROR \(error.code) " + strings(error.messageKey, error.messageArguments))
  exit(error.exitCode)
}
