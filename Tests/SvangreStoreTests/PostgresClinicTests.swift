import Foundation
import Glibc
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreRules
import Testing
@testable import SvangreStore

/// Two clinics on one server, and who saved (docs/store.md, "Clinics and who saved"): on a
/// real server (`ThrowawayCluster`), each clinician with her own login role, trying what
/// she must not do through svangre and through SQL with that role.
@Suite("PostgreSQL clinics and authors")
struct PostgresClinicTests {
  /// One database with a clinician in Sønderborg (AB) and one in Aabenraa (CD), and a
  /// record each clinic made.
  struct TwoClinics {
    let cluster: ThrowawayCluster
    let database: String
    let ab: String
    let cd: String
    let sonderborgRecord: String
    let aabenraaRecord: String

    init() throws {
      cluster = try ThrowawayCluster.shared()
      database = try cluster.location(try cluster.makeDatabase()).database
      ab = try cluster.clinician("AB", clinic: "sonderborg", database: database)
      cd = try cluster.clinician("CD", clinic: "aabenraa", database: database)
      let sonderborg = try PostgresRecordStore(
        location: cluster.location(cluster.url(database: database, user: ab)), password: nil,
        clock: .fixed(testClockTime))
      sonderborgRecord = try sonderborg.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB").id
      _ = try sonderborg.addNote(sonderborgRecord, basedOn: nil, text: "Sønderborgs note", author: "AB")
      let aabenraa = try PostgresRecordStore(
        location: cluster.location(cluster.url(database: database, user: cd)), password: nil,
        clock: .fixed(testClockTime))
      aabenraaRecord = try aabenraa.createRecord(name: "Anne Hansen", cpr: "020290-2345", author: "CD").id
      _ = try aabenraa.openForReading(aabenraaRecord, by: nil, purpose: .show)
    }

    func url(_ role: String) -> String { cluster.url(database: database, user: role) }

    func store(_ role: String) throws -> PostgresRecordStore {
      try PostgresRecordStore(location: cluster.location(url(role)), password: nil, clock: .fixed(testClockTime))
    }

    /// `sql` through psql as `role`: its output, or the server's refusal as the error.
    @discardableResult
    func sql(_ role: String, _ sql: String) throws -> String { try cluster.psql(database, sql, user: role) }

    /// What the owner sees of a record: its revision and history rows.
    func revision(_ id: String) throws -> String {
      try cluster.psql(
        database,
        "SELECT revision || '/' || (SELECT count(*) FROM svangre.history WHERE record_id = '\(id)') FROM svangre.records WHERE id = '\(id)'"
      )
    }
  }

  @Test("a clinician of one clinic cannot see, open, add to or log another clinic's records: through svangre")
  func anotherClinicThroughSvangre() throws {
    let clinics = try TwoClinics()
    let ab = try clinics.store(clinics.ab)
    let other = clinics.aabenraaRecord
    #expect(try ab.list().map(\.id) == [clinics.sonderborgRecord])
    #expect(try ab.search("anne").isEmpty && ab.search("0202").isEmpty)
    #expect(throws: StoreError.unknownRecord(id: other)) { try ab.load(other) }
    #expect(throws: StoreError.unknownRecord(id: other)) { try ab.revision(of: other) }
    #expect(throws: StoreError.unknownRecord(id: other)) { try ab.openForReading(other, by: "AB", purpose: .show) }
    #expect(throws: StoreError.unknownRecord(id: other)) {
      try ab.addNote(other, basedOn: nil, text: "Forkert klinik", author: "AB")
    }
    #expect(try ab.accessLog(of: other).isEmpty)
    #expect(try ab.check().recordsChecked == 1)
    let exported = String(decoding: try ab.export(ids: nil), as: UTF8.self)
    #expect(exported.contains(clinics.sonderborgRecord) && !exported.contains(other))
    #expect(try clinics.revision(other) == "1/0\n")  // nothing added

    // The CLI as her: the same, with the words of an unknown record.
    let listed = try runProduct("svangre", ["record", "list", "--format", "json", "--store", clinics.url(clinics.ab)])
    #expect(listed.status == 0 && listed.stdout.contains("Ørnsholt") && !listed.stdout.contains("Anne"), "\(listed)")
    let shown = try runProduct(
      "svangre", ["record", "show", other, "--store", clinics.url(clinics.ab), "--lang", "en"])
    #expect(
      shown.status == 2 && shown.stderr.contains("There is no record") && !shown.stdout.contains("Anne"), "\(shown)")
    let byCPR = try runProduct(
      "svangre", ["record", "show", "--cpr", "-", "--store", clinics.url(clinics.ab)], stdin: "020290-2345\n")
    #expect(byCPR.status == 2 && !byCPR.stdout.contains("Anne"), "\(byCPR)")
    let noted = try runProduct(
      "svangre", ["record", "note", other, "--text", "x", "--store", clinics.url(clinics.ab)])
    #expect(noted.status == 2, "\(noted)")
    #expect(try clinics.revision(other) == "1/0\n")
  }

  @Test("a clinician of one clinic cannot read or write another clinic's rows with SQL through her own role")
  func anotherClinicThroughSQL() throws {
    let clinics = try TwoClinics()
    let (ab, other) = (clinics.ab, clinics.aabenraaRecord)
    #expect(try clinics.sql(ab, "SELECT string_agg(id, ',') FROM svangre.records") == clinics.sonderborgRecord + "\n")
    #expect(try clinics.sql(ab, "SELECT count(*) FROM svangre.records WHERE cpr LIKE '0202%'") == "0\n")
    #expect(try clinics.sql(ab, "SELECT count(*) FROM svangre.history WHERE record_id = '\(other)'") == "0\n")
    #expect(try clinics.sql(ab, "SELECT count(*) FROM svangre.access_log WHERE record_id = '\(other)'") == "0\n")
    // Her own clinic's rows she reads.
    #expect(try clinics.sql(ab, "SELECT count(*) FROM svangre.history") == "1\n")
    // Changing another clinic's record finds nothing to change.
    try clinics.sql(ab, "UPDATE svangre.records SET name = 'X', updated_by = 'AB' WHERE id = '\(other)'")
    #expect(
      try clinics.cluster.psql(clinics.database, "SELECT name FROM svangre.records WHERE id = '\(other)'")
        == "Anne Hansen\n")
    // Adding to it, logging it, moving her own record there, or making one there: refused.
    let note = #"{"at":"2026-11-18T10:00:00+01:00","author":"AB","kind":"note","seq":2,"text":"x"}"#
    for sql in [
      "INSERT INTO svangre.history (record_id, seq, entry) VALUES ('\(other)', 2, '\(note)')",
      "INSERT INTO svangre.access_log (record_id, at, initials, purpose) VALUES ('\(other)', 'x', 'AB', 'show')",
      "UPDATE svangre.records SET clinic = 'aabenraa' WHERE id = '\(clinics.sonderborgRecord)'",
      """
      INSERT INTO svangre.records (id, head, revision, name, cpr, status, visitation_count, updated_at, updated_by, clinic,
        search_name)
      SELECT 'planted000001', head, 1, name, cpr, status, 0, updated_at, 'AB', 'aabenraa', search_name FROM svangre.records
      """,
      "SELECT * FROM svangre.clinicians",
      "UPDATE svangre.clinicians SET clinic = 'aabenraa'",
      "SET svangre.clinic = 'aabenraa'; SELECT count(*) FROM svangre.records WHERE id = '\(other)'",
    ] {
      do {
        let output = try clinics.sql(ab, sql)
        #expect(output.isEmpty || output == "0\n", "\(sql) gave \(output)")
        if !sql.hasPrefix("SET") { Issue.record("her role could run \(sql)") }
      } catch {
        #expect(
          "\(error)".contains("row-level security") || "\(error)".contains("permission denied"), "\(sql): \(error)")
      }
    }
    #expect(try clinics.revision(other) == "1/0\n")
    #expect(try clinics.cluster.psql(clinics.database, "SELECT count(*) FROM svangre.records") == "2\n")
  }

  @Test("the author is the login role's: --author of someone else and SQL naming someone else are refused")
  func nobodySavesAsSomeoneElse() throws {
    let clinics = try TwoClinics()
    let (ab, id) = (clinics.ab, clinics.sonderborgRecord)
    let url = clinics.url(ab)
    // svangre: another's initials refused, in words, nothing saved; none given: hers.
    let store = try clinics.store(ab)
    #expect(store.signedInInitials == "AB")
    #expect(throws: StoreError.otherAuthor(given: "CD", signedIn: "AB")) {
      try store.addNote(id, basedOn: nil, text: "Som CD", author: "CD")
    }
    #expect(throws: StoreError.otherAuthor(given: "CD", signedIn: "AB")) {
      try store.createRecord(name: "Ny Kvinde", cpr: "030390-3456", author: "CD")
    }
    #expect(throws: StoreError.otherAuthor(given: "CD", signedIn: "AB")) {
      try store.openForReading(id, by: "CD", purpose: .show)
    }
    let forged = try runProduct(
      "svangre", ["record", "note", id, "--text", "Som CD", "--author", "CD", "--store", url])
    #expect(forged.status == 2 && forged.stderr.contains("logget ind på databasen som AB"), "\(forged)")
    let english = try runProduct(
      "svangre", ["record", "show", id, "--author", "CD", "--store", url, "--lang", "en", "--format", "json"])
    #expect(english.status == 2 && english.stdout.contains("other_author") && !english.stdout.contains("Ørnsholt"))
    #expect(english.stderr.contains("signed in to the database as AB"), "\(english.stderr)")
    #expect(try clinics.revision(id) == "2/1\n")
    let own = try runProduct("svangre", ["record", "note", id, "--text", "Min note", "--store", url])
    #expect(own.status == 0, "\(own)")
    let shown = try runProduct("svangre", ["record", "show", id, "--store", url])
    #expect(shown.status == 0)
    let record = try store.load(id)
    #expect(record.history.map(\.author) == ["AB", "AB"] && record.notes.map(\.text).last == "Min note")
    #expect(try store.accessLog(of: id).map { "\($0.initials ?? "-") \($0.user)" } == ["AB \(ab)"])

    // SQL through her role: an entry, a list column or a log line in another's name, or
    // stamped with another role, is refused.
    func note(_ author: String) -> String {
      #"{"at":"2026-11-18T10:00:00+01:00","author":"\#(author)","kind":"note","seq":4,"text":"x"}"#
    }
    for sql in [
      "INSERT INTO svangre.history (record_id, seq, entry) VALUES ('\(id)', 4, '\(note("CD"))')",
      "INSERT INTO svangre.history (record_id, seq, entry, saved_by) VALUES ('\(id)', 4, '\(note("AB"))', '\(clinics.cd)')",
      "INSERT INTO svangre.history (record_id, seq, entry, saved_at) VALUES ('\(id)', 4, '\(note("AB"))', now() - interval '1 day')",
      "INSERT INTO svangre.access_log (record_id, at, initials, purpose) VALUES ('\(id)', 'x', 'CD', 'show')",
      "INSERT INTO svangre.access_log (record_id, at, initials, db_user, purpose) VALUES ('\(id)', 'x', 'AB', '\(clinics.cd)', 'show')",
      "UPDATE svangre.records SET updated_by = 'CD' WHERE id = '\(id)'",
    ] {
      #expect(throws: ThrowawayCluster.Failure.self, "\(sql)") { try clinics.sql(ab, sql) }
      do {
        try clinics.sql(ab, sql)
      } catch {
        #expect(
          "\(error)".contains("row-level security") || "\(error)".contains("may save only as AB"), "\(sql): \(error)")
      }
    }
    #expect(try clinics.revision(id) == "3/2\n")
    #expect(try store.check().passed)
  }

  @Test("a clinician's role without initials and clinic is told to ask IT (exit 3); the owner sees every clinic")
  func notYetAClinician() throws {
    let clinics = try TwoClinics()
    let newcomer = try clinics.cluster.clinician("EF", clinic: nil, database: clinics.database)
    let refused = try runProduct("svangre", ["record", "list", "--store", clinics.url(newcomer), "--lang", "en"])
    #expect(refused.status == 3 && refused.stderr.contains("svangre.clinicians"), "\(refused)")
    #expect(refused.stderr.contains(newcomer) && refused.stderr.split(separator: "\n").count == 1)
    #expect(try clinics.sql(newcomer, "SELECT count(*) FROM svangre.records") == "0\n")
    let owner = try PostgresRecordStore(
      location: clinics.cluster.location(clinics.url(ThrowawayCluster.adminUser)), password: nil,
      clock: .fixed(testClockTime))
    #expect(owner.signedInInitials == nil)
    #expect(Set(try owner.list().map(\.id)) == [clinics.sonderborgRecord, clinics.aabenraaRecord])
  }

  @Test(
    "store upgrade from version 1: the records are kept, in the database's clinic, folded for search, and its clinicians see them"
  )
  func upgradeFromVersionOne() throws {
    let cluster = try ThrowawayCluster.shared()
    // A record as version 1 held it, copied row by row from a database of today.
    let today = try cluster.makeDatabase()
    let record = try PostgresRecordStore(location: cluster.location(today), password: nil, clock: .fixed(testClockTime))
      .createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    let url = try cluster.makeDatabase(version: 1)
    let database = try cluster.location(url).database
    let head = try cluster.psql(try cluster.location(today).database, "SELECT head FROM svangre.records")
      .trimmingCharacters(in: .newlines)
    try cluster.psql(
      database,
      """
      INSERT INTO svangre.records (id, head, revision, name, cpr, status, visitation_count, updated_at, updated_by)
      VALUES ('\(record.id)', '\(head.replacingOccurrences(of: "'", with: "''"))', 1, 'Søs Ørnsholt', '010190-1234',
        'open', 0, '2026-11-18T10:00:00+01:00', 'AB')
      """)
    try cluster.psql("postgres", "ALTER DATABASE \(database) SET svangre.clinic = 'sonderborg'")
    let upgraded = try runProduct("svangre", ["store", "upgrade", "--store", url, "--lang", "en"])
    #expect(upgraded.status == 0 && upgraded.stdout.contains("from version 1 to 3"), "\(upgraded)")
    #expect(try cluster.psql(database, "SELECT clinic FROM svangre.records") == "sonderborg\n")
    let ab = try cluster.clinician("AB", clinic: "sonderborg", database: database)
    let store = try PostgresRecordStore(
      location: cluster.location(cluster.url(database: database, user: ab)), password: nil,
      clock: .fixed(testClockTime))
    #expect(try store.load(record.id) == record)
    // Version 3 folded the name it had: the record is found as any other.
    #expect(try store.search("ØRN").map(\.id) == [record.id])
    #expect(try store.addNote(record.id, basedOn: nil, text: "Efter opgraderingen", author: "AB").revision == 2)
  }
}
