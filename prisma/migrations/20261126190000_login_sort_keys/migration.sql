-- The grid's username and status sort keys move from StudentContact to a narrow table of their
-- own, one row per link. A login's status changes often (every reset, registration, lockout)
-- and an UPDATE that changes an indexed column writes an entry in every index of the table
-- (no HOT update): on StudentContact that was about 15 btrees per link, ~200 us per link at 2M
-- rows (a bulk reset of 10,000 parents took seconds, creating a million logins minutes). Here
-- a change writes three: the primary key and the two sort indexes.
-- Kept by triggers only: StudentContact's insert, update, delete and truncate, and
-- ParentAccount's insert, update and delete. Trigger bodies are E'' strings with \x3b for
-- semicolons (the migration runner splits scripts on every semicolon).

CREATE TABLE "StudentContactLoginKey" (
  "id" INTEGER NOT NULL,
  "nameKey" TEXT COLLATE "C",
  "removedAt" TIMESTAMP(3),
  "sortUsername" TEXT COLLATE "C" NOT NULL,
  "sortStatus" TEXT COLLATE "C" NOT NULL,
  CONSTRAINT "StudentContactLoginKey_pkey" PRIMARY KEY ("id")
);

INSERT INTO "StudentContactLoginKey" (id, "nameKey", "removedAt", "sortUsername", "sortStatus")
SELECT sc.id, sc."nameKey", sc."removedAt", parent_grid_username_key(pa."usernameKey"), parent_grid_status_key(pa.status::text)
FROM "StudentContact" sc LEFT JOIN "ParentAccount" pa ON pa."contactId" = sc."contactId"
ORDER BY sc.id;

-- Same shape as the other sort indexes (key, name key, id), on the rows still in the roster.
CREATE INDEX "StudentContactLoginKey_sortUsername_idx" ON "StudentContactLoginKey"("sortUsername" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContactLoginKey_sortStatus_idx" ON "StudentContactLoginKey"("sortStatus" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;

DROP TRIGGER student_contact_fill_sort_keys_on_insert ON "StudentContact";
DROP TRIGGER student_contact_fill_sort_keys_on_relink ON "StudentContact";
DROP TRIGGER parent_account_sort_keys_on_insert ON "ParentAccount";
DROP TRIGGER parent_account_sort_keys_on_update ON "ParentAccount";
DROP TRIGGER parent_account_sort_keys_on_delete ON "ParentAccount";
DROP FUNCTION parent_account_sort_keys_follow();
DROP INDEX "StudentContact_sortUsername_idx";
DROP INDEX "StudentContact_sortStatus_idx";
ALTER TABLE "StudentContact" DROP COLUMN "sortUsername", DROP COLUMN "sortStatus";

-- A link inserted without its student's sort keys (every writer but the roster importer, which
-- fills them set-based with the same functions) gets them from its student and school.
CREATE OR REPLACE FUNCTION student_contact_fill_sort_keys() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT parent_grid_child_key(s."lastName", s."firstName"), s."studentNumber", parent_grid_school_key(sch.name), parent_grid_grade_key(s.grade)
    INTO NEW."sortChild", NEW."sortStudentNumber", NEW."sortSchool", NEW."sortGrade"
    FROM "Student" s JOIN "School" sch ON sch.id = s."schoolId" WHERE s.id = NEW."studentId"\x3b
  RETURN NEW\x3b
END
';
CREATE TRIGGER student_contact_fill_sort_keys_on_insert BEFORE INSERT ON "StudentContact"
  FOR EACH ROW WHEN (NEW."sortChild" IS NULL) EXECUTE FUNCTION student_contact_fill_sort_keys();
CREATE TRIGGER student_contact_fill_sort_keys_on_relink BEFORE UPDATE OF "studentId" ON "StudentContact"
  FOR EACH ROW WHEN (OLD."studentId" IS DISTINCT FROM NEW."studentId") EXECUTE FUNCTION student_contact_fill_sort_keys();

-- Statement-level with transition tables: the roster importer inserts and updates links
-- set-based (two million in a district's first import), so each statement is one join.
CREATE FUNCTION student_contact_login_keys_follow() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "StudentContactLoginKey" (id, "nameKey", "removedAt", "sortUsername", "sortStatus")
    SELECT n.id, n."nameKey", n."removedAt", parent_grid_username_key(pa."usernameKey"), parent_grid_status_key(pa.status::text)
    FROM new_rows n LEFT JOIN "ParentAccount" pa ON pa."contactId" = n."contactId"\x3b
  ELSIF TG_OP = ''UPDATE'' THEN
    UPDATE "StudentContactLoginKey" k
    SET "nameKey" = n."nameKey", "removedAt" = n."removedAt",
        "sortUsername" = parent_grid_username_key(pa."usernameKey"), "sortStatus" = parent_grid_status_key(pa.status::text)
    FROM new_rows n JOIN old_rows o ON o.id = n.id LEFT JOIN "ParentAccount" pa ON pa."contactId" = n."contactId"
    WHERE k.id = n.id
      AND (n."nameKey", n."removedAt", n."contactId") IS DISTINCT FROM (o."nameKey", o."removedAt", o."contactId")\x3b
  ELSIF TG_OP = ''DELETE'' THEN
    DELETE FROM "StudentContactLoginKey" k USING old_rows o WHERE k.id = o.id\x3b
  ELSE
    TRUNCATE "StudentContactLoginKey"\x3b
  END IF\x3b
  RETURN NULL\x3b
END
';
CREATE TRIGGER student_contact_login_keys_on_insert AFTER INSERT ON "StudentContact"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_contact_login_keys_follow();
CREATE TRIGGER student_contact_login_keys_on_update AFTER UPDATE ON "StudentContact"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_contact_login_keys_follow();
CREATE TRIGGER student_contact_login_keys_on_delete AFTER DELETE ON "StudentContact"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION student_contact_login_keys_follow();
CREATE TRIGGER student_contact_login_keys_on_truncate AFTER TRUNCATE ON "StudentContact"
  FOR EACH STATEMENT EXECUTE FUNCTION student_contact_login_keys_follow();

-- A login's username and status sort every link of its contact. Only rows whose keys change
-- are written (a sign-in that only counts a failure changes neither).
CREATE FUNCTION parent_account_login_keys_follow() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''DELETE'' THEN
    UPDATE "StudentContactLoginKey" k
    SET "sortUsername" = parent_grid_username_key(pa."usernameKey"), "sortStatus" = parent_grid_status_key(pa.status::text)
    FROM new_rows n JOIN "ParentAccount" pa ON pa.id = n.id JOIN "StudentContact" sc ON sc."contactId" = n."contactId"
    WHERE k.id = sc.id
      AND (k."sortUsername", k."sortStatus") IS DISTINCT FROM
          (parent_grid_username_key(pa."usernameKey"), parent_grid_status_key(pa.status::text))\x3b
  END IF\x3b
  IF TG_OP <> ''INSERT'' THEN
    -- A deleted login, or one moved to another contact (never done today): the old contact has none left.
    UPDATE "StudentContactLoginKey" k SET "sortUsername" = parent_grid_username_key(NULL), "sortStatus" = parent_grid_status_key(NULL)
    FROM old_rows o JOIN "StudentContact" sc ON sc."contactId" = o."contactId"
    WHERE k.id = sc.id AND NOT EXISTS (SELECT 1 FROM "ParentAccount" pa WHERE pa."contactId" = o."contactId")\x3b
  END IF\x3b
  RETURN NULL\x3b
END
';
CREATE TRIGGER parent_account_login_keys_on_insert AFTER INSERT ON "ParentAccount"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_login_keys_follow();
CREATE TRIGGER parent_account_login_keys_on_update AFTER UPDATE ON "ParentAccount"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_login_keys_follow();
CREATE TRIGGER parent_account_login_keys_on_delete AFTER DELETE ON "ParentAccount"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_login_keys_follow();
