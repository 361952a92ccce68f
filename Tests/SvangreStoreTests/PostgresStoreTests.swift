import Foundation
import Glibc
import SvangrePostgres
import SvangrePostgresTestSupport
import SvangreRules
import Testing
@testable import SvangreStore

/// What only the PostgreSQL store has, on a real server (`ThrowawayCluster`): the history
/// is append-only in the database itself, the CLI chooses the backend from `--store`, and
/// a server that does not answer is a clear refusal (exit 3), not a stack trace or a hang.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
  /// A new database with a clinician AB of the clinic `klinik`: the cluster, the database,
  /// her own login role and her store.
  static func clinicianAB() throws -> (ThrowawayCluster, String, String, PostgresRecordStore) {
    let cluster = try ThrowawayCluster.shared()
    let database = try cluster.location(try cluster.makeDatabase()).database
    let role = try cluster.clinician("AB", clinic: "klinik", database: database)
    let store = try PostgresRecordStore(
      location: cluster.location(cluster.url(database: database, user: role)), password: nil,
      clock: .fixed(testClockTime))
    return (cluster, database, role, store)
  }

  @Test("a clinician's role saves through svangre, and is logged by name, but cannot alter or delete history with SQL")
  func historyIsAppendOnlyInTheDatabase() throws {
    // svangre as the clinician: she saves and opens records with her own role.
    let (cluster, database, role, store) = try Self.clinicianAB()
    let record = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    _ = try store.addNote(record.id, basedOn: nil, text: "Første note", author: "AB")
    _ = try store.openForReading(record.id, by: "AB", purpose: .show)
    #expect(try store.accessLog(of: record.id).map(\.user) == [role])

    // The same role with plain SQL: every change to what was saved is refused.
    for sql in [
      "UPDATE svangre.history SET entry = '{}'",
      "DELETE FROM svangre.history",
      "TRUNCATE svangre.history",
      "UPDATE svangre.access_log SET initials = 'XX'",
      "DELETE FROM svangre.access_log",
      "UPDATE svangre.records SET head = '{}'",
      "DELETE FROM svangre.records",
    ] {
      #expect(throws: ThrowawayCluster.Failure.self, "\(sql)") { try cluster.psql(database, sql, user: role) }
      do {
        try cluster.psql(database, sql, user: role)
      } catch {
        #expect("\(error)".contains("permission denied"), "\(sql): \(error)")
      }
    }
    // Even the tables' owner (here a superuser) is refused by the triggers.
    for sql in [
      "UPDATE svangre.history SET entry = '{}'", "DELETE FROM svangre.history", "TRUNCATE svangre.history",
      "DELETE FROM svangre.access_log", "UPDATE svangre.records SET head = '{}'",
    ] {
      do {
        try cluster.psql(database, sql)
        Issue.record("the owner could run \(sql)")
      } catch {
        #expect("\(error)".contains("append-only") || "\(error)".contains("never changes"), "\(sql): \(error)")
      }
    }
    let reread = try PostgresRecordStore(
      location: cluster.location(cluster.url(database: database)), password: nil, clock: .fixed(testClockTime)
    ).load(record.id)
    #expect(reread.notes.map(\.text) == ["Første note"] && reread.revision == 2)
    #expect(try store.check().passed)
  }

  @Test("the list order is the file store's: folded names byte by byte (long ones past 16 bytes), then the id")
  func listOrder() throws {
    let names = [
      "Anne Margrethe Hansen Ørnsholt B", "Anne Margrethe Hansen Ørnsholt", "Søs", "Søs", "søs", "Åse", "Aase",
      "Anne Margrethe Hansen Ørnsholt A", "Bodil", "Anne", "Øjvind", "Anne Margrethe Hansen Ørnsholt A", "Æble",
    ]
    var orders: [[String]] = []
    for backend in Backend.allCases {
      let temp = TemporaryStore(backend)
      let store = try temp.store()
      for name in names { _ = try store.createRecord(name: name, cpr: "010190-1234", author: "AB") }
      let listed = try temp.store().list()
      orders.append(listed.map { TextFolding.fold($0.name) })
      // Alike folded names are in the order of their ids.
      for (left, right) in zip(listed, listed.dropFirst())
      where TextFolding.fold(left.name) == TextFolding.fold(right.name) {
        #expect(left.id < right.id, "\(backend)")
      }
    }
    #expect(orders[0] == orders[1], "files \(orders[0]) postgres \(orders[1])")
  }

  @Test("a listing of several parts (64 pages each) has every record once, in list order, rows moved by updates too")
  func listingInParts() throws {
    let (cluster, database, _, store) = try Self.clinicianAB()
    // 3,000 records of about 1,600 bytes (about ten parts), as IT restores them: long names, each
    // thrice (ordered by id), in another order than the table's; a tenth changed after.
    try cluster.psql(
      database,
      """
      INSERT INTO svangre.records (id, head, revision, name, cpr, last_level, due_date, status, visitation_count,
        updated_at, updated_by, clinic, search_name)
      SELECT 'r' || lpad(i::text, 11, '0'), repeat('x', 1500), 1, 'Anne Margrethe Ørnsholt ' || (i * 7919 % 1000),
        '010190-' || lpad(i::text, 4, '0'), nullif(i % 4, 0), '2027-05-20', 'open', i % 3, '2026-12-07T10:00:00Z', 'AB',
        'klinik', 'anne margrethe ornsholt ' || (i * 7919 % 1000)
      FROM generate_series(1, 3000) AS i;
      UPDATE svangre.records SET name = name || ' B', search_name = search_name || ' b', revision = 2
        WHERE id LIKE '%0';
      UPDATE svangre.records SET quarantined_at = now() WHERE id = 'r00000000007'
      """)
    let pages = try cluster.psql(database, "SELECT pg_relation_size('svangre.records') / 8192")
    #expect(Int(pages.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 5 * 64, "\(pages) pages")
    let listed = try store.list()
    let expected = try cluster.psql(
      database,
      #"SELECT id FROM svangre.records WHERE quarantined_at IS NULL ORDER BY search_name COLLATE "C", id COLLATE "C""#)
    #expect(listed.map(\.id) == expected.split(separator: "\n").map(String.init))
    #expect(listed.count == 2_999)
    let one = try #require(listed.first { $0.id == "r00000000010" })
    #expect(one.name == "Anne Margrethe Ørnsholt 190 B" && one.maskedCPR == "010190-XXXX" && one.revision == 2)
    #expect(one.lastLevel == 2 && one.visitationCount == 1 && one.dueDate == "2027-05-20" && one.updatedBy == "AB")
    #expect(try store.search("010190-0010").map(\.id) == ["r00000000010"])
    #expect(try store.search("ØRNSHOLT").count == 2_999)
  }

  @Test("a list row holding the listing's separators (written by hand) is still listed whole, read row by row")
  func listingFallsBack() throws {
    let cluster = try ThrowawayCluster.shared()
    let url = try cluster.makeDatabase()
    let store = try PostgresRecordStore(location: cluster.location(url), password: nil, clock: .fixed(testClockTime))
    let odd = try store.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    let plain = try store.createRecord(name: "Anne Hansen", cpr: "020290-2345", author: "AB")
    let database = try cluster.location(url).database
    try cluster.psql(database, #"UPDATE svangre.records SET name = E'S\x1eø\x1fs' WHERE id = '\#(odd.id)'"#)
    let listed = try store.list()
    #expect(listed.map(\.id) == [plain.id, odd.id])
    #expect(listed.last?.name == "S\u{1E}ø\u{1F}s" && listed.last?.maskedCPR == "010190-XXXX")
    #expect(try store.search("0101").map(\.id) == [odd.id] && store.search("anne").map(\.id) == [plain.id])
  }

  @Test("the CLI: --store postgresql://… and SVANGRE_STORE choose the server; store upgrade; the same commands")
  func theCLIOnTheServer() throws {
    let cluster = try ThrowawayCluster.shared()
    let url = try cluster.makeDatabase()
    let created = try runProduct(
      "svangre", ["record", "new", "--store", url, "--name", "Søs Ørnsholt", "--cpr", "010190-1234", "--author", "AB"])
    #expect(created.status == 0, "\(created.stderr)")
    let listed = try runProduct("svangre", ["record", "list", "--format", "json"], environment: ["SVANGRE_STORE": url])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.contains("010190-XXXX") && !listed.stdout.contains("1234"))
    let upgraded = try runProduct("svangre", ["store", "upgrade", "--store", url, "--lang", "en"])
    #expect(upgraded.status == 0 && upgraded.stdout.contains("already at version"), "\(upgraded)")
    let checked = try runProduct("svangre", ["store", "check", "--store", url])
    #expect(checked.status == 0, "\(checked)")
  }

  @Test("a database not yet upgraded is refused with what to run; the upgrade makes it usable")
  func upgradeFirst() throws {
    let cluster = try ThrowawayCluster.shared()
    let name = "svangre_empty_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
    try cluster.psql("postgres", "CREATE DATABASE \(name)")
    let url = cluster.url(database: name)
    let refused = try runProduct("svangre", ["record", "list", "--store", url, "--lang", "en"])
    #expect(refused.status == 3)
    #expect(
      refused.stderr.contains("version 0") && refused.stderr.contains("svangre store upgrade"), "\(refused.stderr)")
    let upgraded = try runProduct("svangre", ["store", "upgrade", "--store", url])
    #expect(upgraded.status == 0 && upgraded.stdout.contains("fra version 0 til 3"), "\(upgraded)")
    #expect(try runProduct("svangre", ["record", "list", "--store", url]).status == 0)
    #expect(try cluster.psql(name, "SELECT version FROM svangre.schema_migrations ORDER BY 1") == "1\n2\n3\n")
  }

  @Test("a server that does not answer: exit 3 and a clear message in Danish or English, within seconds")
  func serverDown() throws {
    let url = "postgresql://svangre@/klinik?host=/nonexistent-svangre-socket-dir"
    let danish = try runProduct("svangre", ["record", "list", "--store", url], timeout: 30)
    #expect(danish.status == 3 && !danish.timedOut)
    #expect(danish.stderr.contains("Databaseserveren") && danish.stderr.contains("svarer ikke"), "\(danish.stderr)")
    let english = try runProduct("svangre", ["record", "list", "--store", url, "--lang", "en"], timeout: 30)
    #expect(english.status == 3)
    #expect(english.stderr.contains("does not answer") && !english.stderr.contains("PSQLError"), "\(english.stderr)")
    #expect(english.stderr.split(separator: "\n").count == 1)
    // Over TCP (loopback, where nothing listens on port 1): the system's words, not NIO's.
    let tcp = try runProduct(
      "svangre", ["record", "list", "--store", "postgresql://svangre@127.0.0.1:1/klinik", "--lang", "en"], timeout: 30)
    #expect(tcp.status == 3)
    #expect(tcp.stderr.contains("does not answer (Connection refused)."), "\(tcp.stderr)")
  }

  @Test("a password in the location is refused, never used: it would stand in the process list")
  func noPasswordOnTheCommandLine() throws {
    let result = try runProduct(
      "svangre", ["record", "list", "--store", "postgresql://ab:hemmelig@localhost/klinik", "--lang", "en"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("~/.pgpass") && !result.stderr.contains("hemmelig"), "\(result.stderr)")
  }

  @Test("locations and the password file read as libpq reads them")
  func locationsAndPasswords() throws {
    let socket = try PostgresLocation("postgresql:///klinik?host=/run/pg", environment: ["USER": "x"])
    #expect(socket.host == nil && socket.socketPath == "/run/pg/.s.PGSQL.5432" && socket.database == "klinik")
    let tcp = try PostgresLocation("postgres://ab@db.klinik.dk:5433/svangre?sslmode=verify-full", environment: [:])
    #expect(tcp.host == "db.klinik.dk" && tcp.port == 5433 && tcp.user == "ab" && tcp.sslMode == .verifyFull)
    #expect(throws: StoreError.invalidInput(field: "store", reason: "sslmode")) {
      try PostgresLocation("postgresql://ab@db/x?sslmode=sometimes", environment: [:])
    }
    #expect(throws: StoreError.invalidInput(field: "store", reason: "password")) {
      try PostgresLocation("postgresql://db/x?password=p", environment: [:])
    }
    let temp = TemporaryStore()
    try FileManager.default.createDirectory(atPath: temp.directory, withIntermediateDirectories: true)
    let file = temp.path("pgpass")
    try "# comment\nother:*:*:*:wrong\ndb.klinik.dk:5433:svangre:ab:rig\\:tig\n*:*:*:*:fallback\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    chmod(file, 0o600)
    #expect(PasswordFile.password(for: tcp, environment: ["PGPASSFILE": file]) == "rig:tig")
    #expect(PasswordFile.password(for: socket, environment: ["PGPASSFILE": file]) == "fallback")
    #expect(PasswordFile.password(for: tcp, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]) == "env")
    chmod(file, 0o644)  // readable by others: ignored, as libpq ignores it
    #expect(PasswordFile.password(for: tcp, environment: ["PGPASSFILE": file]) == nil)
  }
}

/// Moving a clinic: `svangre store migrate --to postgresql://…` as a process.
@Suite("Moving a clinic's records to the server")
struct StoreMigrateTests {
  @Test(
    "every record copied with every history entry and its access log, verified; again changes nothing; a different record is refused"
  )
  func migrate() throws {
    let files = TemporaryStore()
    let source = try files.open()
    var søs = try source.createRecord(name: "Søs Ørnsholt", cpr: "010190-1234", author: "AB")
    søs = try source.appendVisitation(søs.id, basedOn: nil, visitation: sampleVisitation("v1"), author: "AB")
    søs = try source.amend(søs.id, basedOn: 2, field: .name, value: "Søs Holm", reason: "Gift", author: "CD")
    søs = try source.addNote(søs.id, basedOn: nil, text: "Note", author: "AB")
    let anne = try source.createRecord(name: "Anne Hansen", cpr: "0101901A12", author: "AB")
    // Her openings, two of them alike (the same clock): the log moves with the records.
    _ = try source.openForReading(søs.id, by: "AB", purpose: .show)
    _ = try source.openForReading(søs.id, by: "AB", purpose: .show)
    _ = try source.openForReading(søs.id, by: nil, purpose: .open)
    _ = try source.exportForReading(ids: [anne.id], by: "CD")
    let cluster = try ThrowawayCluster.shared()
    let url = try cluster.makeDatabase()

    let moved = try runProduct(
      "svangre", ["store", "migrate", "--store", files.directory, "--to", url, "--lang", "en"])
    #expect(moved.status == 0, "\(moved.stderr)")
    #expect(moved.stdout.contains("2 records copied (2 new, 0 already there)") && moved.stdout.contains("(3 in all)"))
    let server = try PostgresRecordStore(location: cluster.location(url), password: nil, clock: .fixed(testClockTime))
    #expect(try server.load(søs.id) == søs)
    #expect(try server.load(anne.id) == anne)
    #expect(try server.list().map(\.name) == ["Anne Hansen", "Søs Holm"])
    #expect(try source.load(søs.id) == søs)  // the source is untouched
    #expect(moved.stdout.contains("4 access-log lines copied with them (0 already there)"), "\(moved.stdout)")
    #expect(try server.accessLog(of: søs.id) == source.accessLog(of: søs.id))
    #expect(try server.accessLog(of: anne.id).map(\.purpose) == [.export])
    #expect(try server.accessLog(of: søs.id).map(\.user) == Array(repeating: StoreError.userName, count: 3))

    let again = try runProduct(
      "svangre", ["store", "migrate", "--store", files.directory, "--to", url, "--lang", "en"])
    #expect(again.status == 0 && again.stdout.contains("(0 new, 2 already there)"), "\(again)")
    #expect(again.stdout.contains("0 access-log lines copied with them (4 already there)"), "\(again.stdout)")
    #expect(try server.accessLog(of: søs.id).count == 3)

    _ = try server.addNote(anne.id, basedOn: nil, text: "På serveren", author: "AB")
    let refused = try runProduct(
      "svangre", ["store", "migrate", "--store", files.directory, "--to", url, "--lang", "en"])
    #expect(refused.status == 2, "\(refused)")
    #expect(try server.load(anne.id).notes.map(\.text) == ["På serveren"])
  }
}
