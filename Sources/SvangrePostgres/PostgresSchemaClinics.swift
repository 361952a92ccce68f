extension PostgresSchema {
  /// Version 2: clinics and who is who (docs/store.md, "Clinics and who saved").
  ///
  /// - `svangre.clinicians` maps each clinician's login role to her initials and her
  ///   clinic. Only the tables' owner (the clinic's IT) may read or change it.
  /// - Every record belongs to a clinic (`svangre.records.clinic`). Row-level security lets
  ///   a member of `svangre_clinician` see, open, add to and log openings of her own
  ///   clinic's records only: another clinic's are not there for her, through svangre or
  ///   SQL. The owner is not held by the policies (PostgreSQL's rule for a table's owner):
  ///   IT moves, restores and checks every clinic's records.
  /// - The author of whatever a clinician saves is her initials from the table: a history
  ///   entry, a new record's creator, the list's last change and an access-log line that
  ///   name anyone else are refused, and the role and server time stamped on a history row
  ///   or access-log line must be her session's own.
  /// - A record saved by a role that has no clinic (the owner: `store migrate`, an import)
  ///   goes to the database's `svangre.clinic` setting (`ALTER DATABASE … SET
  ///   svangre.clinic = '…'`), else to the clinic `klinik`; records from before version 2
  ///   too.
  static let clinics = Migration(
    version: 2, description: "clinics, row-level security, the author from the login role",
    statements: [
      """
      CREATE TABLE svangre.clinicians (
        role name PRIMARY KEY,
        initials text NOT NULL CHECK (initials ~ '^[[:alnum:]]{1,12}$'),
        clinic text NOT NULL CHECK (length(clinic) BETWEEN 1 AND 64),
        UNIQUE (clinic, initials)
      )
      """,
      """
      CREATE FUNCTION svangre.current_initials() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$ SELECT initials FROM svangre.clinicians WHERE role = session_user $$
      """,
      """
      CREATE FUNCTION svangre.current_clinic() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog
        AS $$ SELECT clinic FROM svangre.clinicians WHERE role = session_user $$
      """,
      """
      CREATE FUNCTION svangre.default_clinic() RETURNS text LANGUAGE sql STABLE
        SET search_path = pg_catalog
        AS $$ SELECT coalesce(svangre.current_clinic(), nullif(current_setting('svangre.clinic', true), ''), 'klinik') $$
      """,
      """
      ALTER TABLE svangre.records ADD COLUMN clinic text
      """,
      """
      UPDATE svangre.records SET clinic = svangre.default_clinic()
      """,
      """
      ALTER TABLE svangre.records ALTER COLUMN clinic SET NOT NULL
      """,
      """
      ALTER TABLE svangre.records ALTER COLUMN clinic SET DEFAULT svangre.default_clinic()
      """,
      """
      CREATE INDEX records_clinic ON svangre.records (clinic)
      """,
      """
      -- A clinician's record names her as its creator and its last change (she cannot
      -- change its clinic: no column grant).
      CREATE FUNCTION svangre.own_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE mine text := svangre.current_initials();
      BEGIN
        IF mine IS NOT NULL AND (
          (TG_OP = 'INSERT' AND (NEW.head::jsonb ->> 'created_by' IS DISTINCT FROM mine OR NEW.updated_by <> mine))
          OR (TG_OP = 'UPDATE' AND NEW.updated_by IS DISTINCT FROM OLD.updated_by AND NEW.updated_by <> mine)) THEN
          RAISE EXCEPTION 'svangre: % may save only as %', session_user, mine USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$
      """,
      """
      CREATE TRIGGER own_record BEFORE INSERT OR UPDATE ON svangre.records
        FOR EACH ROW EXECUTE FUNCTION svangre.own_record()
      """,
      """
      ALTER TABLE svangre.records ENABLE ROW LEVEL SECURITY
      """,
      """
      ALTER TABLE svangre.history ENABLE ROW LEVEL SECURITY
      """,
      """
      ALTER TABLE svangre.access_log ENABLE ROW LEVEL SECURITY
      """,
      """
      CREATE POLICY own_clinic ON svangre.records TO svangre_clinician
        USING (clinic = (SELECT svangre.current_clinic()))
        WITH CHECK (clinic = (SELECT svangre.current_clinic()))
      """,
      """
      CREATE POLICY own_clinic_read ON svangre.history FOR SELECT TO svangre_clinician
        USING (EXISTS (SELECT 1 FROM svangre.records r WHERE r.id = record_id))
      """,
      """
      CREATE POLICY own_clinic_save ON svangre.history FOR INSERT TO svangre_clinician
        WITH CHECK (
          EXISTS (SELECT 1 FROM svangre.records r WHERE r.id = record_id)
          AND entry::jsonb ->> 'author' = (SELECT svangre.current_initials())
          AND saved_by = session_user AND saved_at = now())
      """,
      """
      CREATE POLICY own_clinic_read ON svangre.access_log FOR SELECT TO svangre_clinician
        USING (EXISTS (SELECT 1 FROM svangre.records r WHERE r.id = record_id))
      """,
      """
      CREATE POLICY own_clinic_log ON svangre.access_log FOR INSERT TO svangre_clinician
        WITH CHECK (
          EXISTS (SELECT 1 FROM svangre.records r WHERE r.id = record_id)
          AND initials = (SELECT svangre.current_initials()) AND db_user = session_user)
      """,
    ])
}
