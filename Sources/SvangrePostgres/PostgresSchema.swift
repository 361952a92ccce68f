import PostgresNIO
import SvangreStore

/// The database's schema, versioned: each migration is applied once, in order, with its
/// row in `svangre.schema_migrations`, by `svangre store upgrade`
/// (run by the clinic's IT as the tables' owner). A store opens only a database at the
/// version it was built for.
///
/// What the schema itself enforces, whoever connects (docs/store.md, "A clinic's shared
/// store"):
/// - history entries and access-log lines are append-only: a trigger refuses every UPDATE,
///   DELETE and TRUNCATE of them, and the clinicians' role is granted only SELECT and
///   INSERT on them;
/// - a record's head (the record as created) never changes: the clinicians' role may
///   update only the summary columns a save keeps current, and a trigger refuses a
///   changed head and every DELETE.
enum PostgresSchema {
  /// The role every clinician's login role is a member of: what svangre needs, no more.
  static let clinicianRole = "svangre_clinician"

  /// One version's change: its statements, in order (each sent on its own: the server
  /// takes one statement per query with parameters).
  struct Migration: Sendable {
    let version: Int
    let description: String
    let statements: [String]
    /// What SQL alone cannot do, after the statements, in the same transaction.
    var after: (@Sendable (PostgresSession) throws(StoreError) -> Void)? = nil
  }

  static let migrations: [Migration] = [
    Migration(
      version: 1, description: "records, append-only history, access log",
      statements: [
        """
        CREATE TABLE svangre.records (
          id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{4,64}$'),
          head text NOT NULL,
          revision integer NOT NULL CHECK (revision >= 1),
          name text NOT NULL,
          cpr text NOT NULL,
          last_level integer,
          due_date text,
          status text NOT NULL,
          visitation_count integer NOT NULL,
          updated_at text NOT NULL,
          updated_by text NOT NULL,
          quarantined_at timestamptz
        )
        """,
        """
        CREATE TABLE svangre.history (
          record_id text NOT NULL REFERENCES svangre.records (id),
          seq integer NOT NULL CHECK (seq >= 1),
          entry text NOT NULL,
          saved_by name NOT NULL DEFAULT session_user,
          saved_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (record_id, seq)
        )
        """,
        """
        CREATE TABLE svangre.access_log (
          id bigserial PRIMARY KEY,
          record_id text NOT NULL,
          at text NOT NULL,
          initials text,
          db_user name NOT NULL DEFAULT session_user,
          purpose text NOT NULL CHECK (purpose ~ '^[a-z_]{1,32}$')
        )
        """,
        """
        CREATE INDEX access_log_record ON svangre.access_log (record_id, id)
        """,
        """
        CREATE FUNCTION svangre.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'svangre: % of % refused: it is append-only', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$
        """,
        """
        CREATE FUNCTION svangre.keep_head() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id IS DISTINCT FROM OLD.id OR NEW.head IS DISTINCT FROM OLD.head THEN
            RAISE EXCEPTION 'svangre: a record''s head never changes'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON svangre.history
          FOR EACH ROW EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON svangre.history
          FOR EACH STATEMENT EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON svangre.access_log
          FOR EACH ROW EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON svangre.access_log
          FOR EACH STATEMENT EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        CREATE TRIGGER keep_head BEFORE UPDATE ON svangre.records
          FOR EACH ROW EXECUTE FUNCTION svangre.keep_head()
        """,
        """
        CREATE TRIGGER no_delete BEFORE DELETE ON svangre.records
          FOR EACH ROW EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        CREATE TRIGGER no_truncate BEFORE TRUNCATE ON svangre.records
          FOR EACH STATEMENT EXECUTE FUNCTION svangre.refuse_change()
        """,
        """
        -- A save tells the clinic's other terminals (LISTEN svangre_saves).
        CREATE FUNCTION svangre.notify_save() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('svangre_saves', NEW.id);
          RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER notify_save AFTER INSERT OR UPDATE ON svangre.records
          FOR EACH ROW EXECUTE FUNCTION svangre.notify_save()
        """,
        """
        DO $$ BEGIN
          CREATE ROLE svangre_clinician NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
        """,
        """
        GRANT USAGE ON SCHEMA svangre TO svangre_clinician
        """,
        """
        GRANT SELECT ON svangre.schema_migrations TO svangre_clinician
        """,
        """
        GRANT SELECT, INSERT ON svangre.history, svangre.access_log TO svangre_clinician
        """,
        """
        GRANT USAGE ON SEQUENCE svangre.access_log_id_seq TO svangre_clinician
        """,
        """
        GRANT SELECT, INSERT ON svangre.records TO svangre_clinician
        """,
        """
        GRANT UPDATE (revision, name, cpr, last_level, due_date, status, visitation_count, updated_at, updated_by,
          quarantined_at) ON svangre.records TO svangre_clinician
        """,
      ]),
    clinics,
    searchNames,
  ]

  /// The version this build reads and writes.
  static var current: Int { migrations.last!.version }

  /// The database's version: 0 before the first `svangre store upgrade`.
  static func version(_ session: PostgresSession) throws(StoreError) -> Int {
    let table = try session.rows("SELECT to_regclass('svangre.schema_migrations') IS NOT NULL AS present")
    guard let present = table.first, try session.decode(present, "present", as: Bool.self) else { return 0 }
    let rows = try session.rows("SELECT coalesce(max(version), 0) AS version FROM svangre.schema_migrations")
    guard let row = rows.first else { return 0 }
    return try session.decode(row, "version", as: Int.self)
  }

  /// Applies the pending migrations in one transaction (all or none), holding a lock so
  /// that two upgrades at once apply each migration once. Returns the versions before and
  /// after.
  /// `target` stops at an older version (the tests' way to a database as an older
  /// svangre left it).
  static func upgrade(_ session: PostgresSession, to target: Int = current) throws(StoreError) -> (from: Int, to: Int) {
    try session.transaction { () throws(StoreError) in
      try session.execute("CREATE SCHEMA IF NOT EXISTS svangre")
      try session.execute(
        """
        CREATE TABLE IF NOT EXISTS svangre.schema_migrations (
          version integer PRIMARY KEY,
          description text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(),
          applied_by name NOT NULL DEFAULT session_user
        )
        """)
    }
    return try session.transaction { () throws(StoreError) in
      try session.execute("LOCK TABLE svangre.schema_migrations IN EXCLUSIVE MODE")
      let from = try version(session)
      guard from <= current else {
        throw .databaseSchema(server: session.location.description, found: from, expected: current)
      }
      for migration in migrations where migration.version > from && migration.version <= target {
        for statement in migration.statements { try session.execute(statement) }
        try migration.after?(session)
        try session.rows(
          "INSERT INTO svangre.schema_migrations (version, description) VALUES (\(migration.version), \(migration.description))"
        )
      }
      return (from, max(from, min(target, current)))
    }
  }
}
