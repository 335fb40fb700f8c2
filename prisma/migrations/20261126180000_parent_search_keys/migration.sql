-- Issue 10: one search box that understands callers, and every sort of the grid fast.
-- Everything the grid searches or sorts on is a column of StudentContact with a C-collated
-- btree whose columns match the ORDER BY (no join, no sort of every match). Keys are derived,
-- never typed twice: generated columns where the source is the row itself, triggers (or the
-- roster importer's own INSERT, with the same functions) where it is another table.
-- Trigger bodies are E'' strings with \x3b for semicolons: the migration runner (Prisma's driver
-- adapter) splits scripts on every semicolon, even inside dollar quotes.

-- The folded name without spaces or punctuation, per part: "o'brien\u0001pat" gives
-- "obrien\u0001pat". [:punct:] and [:space:] under the C collation are ASCII only, so letters
-- of every script stay. The query side uses compactName (lib/text/fold-name.ts).
CREATE FUNCTION parent_compact_key(key text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN regexp_replace(key COLLATE "C", '[[:space:][:punct:]]+', '', 'g');

-- The compact key from the word after the first `skip` words of the last name, NULL when the
-- last name has no such word: ("de la cruz\u0001ana", 2) gives "cruz\u0001ana".
CREATE FUNCTION parent_word_key(key text, skip integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN split_part(key, E'\x01', 1) COLLATE "C" ~ ('^[[:space:][:punct:]]*([^[:space:][:punct:]]+[[:space:][:punct:]]+){' || skip || '}[^[:space:][:punct:]]')
    THEN parent_compact_key(regexp_replace(split_part(key, E'\x01', 1) COLLATE "C",
           '^[[:space:][:punct:]]*([^[:space:][:punct:]]+[[:space:][:punct:]]+){' || skip || '}', ''))
         || E'\x01' || parent_compact_key(split_part(key, E'\x01', 2))
  END;

-- For a last name of several words ("garcia lopez", "de la cruz", "al-amin"), the compact key
-- starting at each later word (up to the fourth): {"lopez\u0001maria"} or {"lacruz\u0001ana",
-- "cruz\u0001ana"}. NULL for a one-word last name (most rows), so the word indexes stay small.
-- Plain expressions only (no subquery), so PostgreSQL inlines them: the importer computes this
-- for every link it writes.
CREATE FUNCTION parent_word_keys(key text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN split_part(key, E'\x01', 1) COLLATE "C" !~ '[^[:space:][:punct:]][[:space:][:punct:]]+[^[:space:][:punct:]]' THEN NULL
    ELSE array_remove(ARRAY[parent_word_key(key, 1), parent_word_key(key, 2), parent_word_key(key, 3)], NULL)
  END;

CREATE FUNCTION parent_grid_child_key(last_name text, first_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(last_name) || E'\x01' || lower(first_name);

-- Numeric grades in numeric order, "K", "PK" and the like before "1".
CREATE FUNCTION parent_grid_grade_key(grade text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN grade ~ '^[0-9]{1,6}$' THEN '1' || lpad(grade, 6, '0') ELSE '0' || lower(grade) END;

-- No login sorts after every username (usernames are [a-z0-9._-], all below "~").
CREATE FUNCTION parent_grid_username_key(username_key text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN COALESCE(username_key, '~');

CREATE FUNCTION parent_grid_school_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(name);

CREATE FUNCTION parent_grid_status_key(status text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN COALESCE(status, 'NONE');

ALTER TABLE "StudentContact"
  ADD COLUMN "nameKey" TEXT COLLATE "C" GENERATED ALWAYS AS (parent_compact_key("parentKey")) STORED,
  ADD COLUMN "nameWordKeys" TEXT[] COLLATE "C" GENERATED ALWAYS AS (parent_word_keys("parentKey")) STORED,
  ADD COLUMN "sortRelationship" TEXT COLLATE "C" GENERATED ALWAYS AS (lower("relationship")) STORED,
  ADD COLUMN "sortChild" TEXT COLLATE "C",
  ADD COLUMN "sortStudentNumber" TEXT COLLATE "C",
  ADD COLUMN "sortSchool" TEXT COLLATE "C",
  ADD COLUMN "sortGrade" TEXT COLLATE "C",
  ADD COLUMN "sortUsername" TEXT COLLATE "C",
  ADD COLUMN "sortStatus" TEXT COLLATE "C";

UPDATE "StudentContact" sc
SET "sortChild" = k.child, "sortStudentNumber" = k.student_number, "sortSchool" = k.school, "sortGrade" = k.grade,
    "sortUsername" = k.username, "sortStatus" = k.status
FROM (
  SELECT l.id, parent_grid_child_key(s."lastName", s."firstName") AS child, s."studentNumber" AS student_number,
         parent_grid_school_key(sch.name) AS school, parent_grid_grade_key(s.grade) AS grade,
         parent_grid_username_key(pa."usernameKey") AS username, parent_grid_status_key(pa.status::text) AS status
  FROM "StudentContact" l
  JOIN "Student" s ON s.id = l."studentId"
  JOIN "School" sch ON sch.id = s."schoolId"
  LEFT JOIN "ParentAccount" pa ON pa."contactId" = l."contactId"
) k
WHERE k.id = sc.id;

-- A row inserted without its sort keys (every writer but the roster importer, which fills them
-- set-based with the same functions) gets them from its student, school and login.
CREATE FUNCTION student_contact_fill_sort_keys() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT parent_grid_child_key(s."lastName", s."firstName"), s."studentNumber", parent_grid_school_key(sch.name), parent_grid_grade_key(s.grade)
    INTO NEW."sortChild", NEW."sortStudentNumber", NEW."sortSchool", NEW."sortGrade"
    FROM "Student" s JOIN "School" sch ON sch.id = s."schoolId" WHERE s.id = NEW."studentId"\x3b
  SELECT parent_grid_username_key(max(pa."usernameKey")), parent_grid_status_key(max(pa.status::text))
    INTO NEW."sortUsername", NEW."sortStatus"
    FROM "ParentAccount" pa WHERE pa."contactId" = NEW."contactId"\x3b
  RETURN NEW\x3b
END
';

CREATE TRIGGER student_contact_fill_sort_keys_on_insert BEFORE INSERT ON "StudentContact"
  FOR EACH ROW WHEN (NEW."sortChild" IS NULL OR NEW."sortStatus" IS NULL) EXECUTE FUNCTION student_contact_fill_sort_keys();
CREATE TRIGGER student_contact_fill_sort_keys_on_relink BEFORE UPDATE OF "studentId", "contactId" ON "StudentContact"
  FOR EACH ROW WHEN (OLD."studentId" IS DISTINCT FROM NEW."studentId" OR OLD."contactId" IS DISTINCT FROM NEW."contactId")
  EXECUTE FUNCTION student_contact_fill_sort_keys();

-- Statement-level with transition tables: the importer updates students and schools set-based,
-- so one UPDATE per statement touches only the links of rows whose sorted fields changed.
CREATE FUNCTION student_sort_keys_follow() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "StudentContact" sc
  SET "sortChild" = parent_grid_child_key(n."lastName", n."firstName"), "sortStudentNumber" = n."studentNumber",
      "sortSchool" = parent_grid_school_key(sch.name), "sortGrade" = parent_grid_grade_key(n.grade)
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "School" sch ON sch.id = n."schoolId"
  WHERE sc."studentId" = n.id
    AND (n."lastName", n."firstName", n."studentNumber", n.grade, n."schoolId")
        IS DISTINCT FROM (o."lastName", o."firstName", o."studentNumber", o.grade, o."schoolId")\x3b
  RETURN NULL\x3b
END
';
CREATE TRIGGER student_sort_keys_follow AFTER UPDATE ON "Student"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_sort_keys_follow();

CREATE FUNCTION school_sort_keys_follow() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "StudentContact" sc SET "sortSchool" = parent_grid_school_key(n.name)
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "Student" s ON s."schoolId" = n.id
  WHERE sc."studentId" = s.id AND n.name IS DISTINCT FROM o.name\x3b
  RETURN NULL\x3b
END
';
CREATE TRIGGER school_sort_keys_follow AFTER UPDATE ON "School"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION school_sort_keys_follow();

-- A login's username and status sort every link of its contact.
CREATE FUNCTION parent_account_sort_keys_follow() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    UPDATE "StudentContact" sc SET "sortUsername" = parent_grid_username_key(NULL), "sortStatus" = parent_grid_status_key(NULL)
    FROM old_rows o WHERE sc."contactId" = o."contactId"
      AND NOT EXISTS (SELECT 1 FROM "ParentAccount" pa WHERE pa."contactId" = o."contactId")\x3b
  ELSE
    UPDATE "StudentContact" sc
    SET "sortUsername" = parent_grid_username_key(pa."usernameKey"), "sortStatus" = parent_grid_status_key(pa.status::text)
    FROM new_rows n JOIN "ParentAccount" pa ON pa.id = n.id
    WHERE sc."contactId" = n."contactId"
      AND (sc."sortUsername", sc."sortStatus") IS DISTINCT FROM
          (parent_grid_username_key(pa."usernameKey"), parent_grid_status_key(pa.status::text))\x3b
    IF TG_OP = ''UPDATE'' THEN
      -- A login moved to another contact (never done today): the old contact has none left.
      UPDATE "StudentContact" sc SET "sortUsername" = parent_grid_username_key(NULL), "sortStatus" = parent_grid_status_key(NULL)
      FROM old_rows o WHERE sc."contactId" = o."contactId"
        AND NOT EXISTS (SELECT 1 FROM "ParentAccount" pa WHERE pa."contactId" = o."contactId")\x3b
    END IF\x3b
  END IF\x3b
  RETURN NULL\x3b
END
';
CREATE TRIGGER parent_account_sort_keys_on_insert AFTER INSERT ON "ParentAccount"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_sort_keys_follow();
CREATE TRIGGER parent_account_sort_keys_on_update AFTER UPDATE ON "ParentAccount"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_sort_keys_follow();
CREATE TRIGGER parent_account_sort_keys_on_delete AFTER DELETE ON "ParentAccount"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION parent_account_sort_keys_follow();

-- Room on each page for a row's next version: a reset's "resetAt" and the importer's flags
-- change no indexed column, so with free space on the page they stay HOT updates (no entry in
-- each of the indexes below).
ALTER TABLE "StudentContact" SET (fillfactor = 90);

-- The search and order indexes, on the rows still in the roster. The name key replaces
-- parentKey in every index (same shape, same speed). Each sort column leads its own index,
-- then the name key and id: ties stay in name order, a cursor is the three values, and a name
-- prefix or letter on a sorted page is checked inside the index (PostgreSQL 18 skip scan).
DROP INDEX "StudentContact_parentKey_id_idx";
DROP INDEX "StudentContact_removed_parentKey_id_idx";
CREATE INDEX "StudentContact_nameKey_id_idx" ON "StudentContact"("nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_removed_nameKey_id_idx" ON "StudentContact"("nameKey" COLLATE "C", "id") WHERE "removedAt" IS NOT NULL;
CREATE INDEX "StudentContact_nameWord1_idx" ON "StudentContact"(("nameWordKeys"[1]) COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL AND "nameWordKeys"[1] IS NOT NULL;
CREATE INDEX "StudentContact_nameWord2_idx" ON "StudentContact"(("nameWordKeys"[2]) COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL AND "nameWordKeys"[2] IS NOT NULL;
CREATE INDEX "StudentContact_nameWord3_idx" ON "StudentContact"(("nameWordKeys"[3]) COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL AND "nameWordKeys"[3] IS NOT NULL;
CREATE INDEX "StudentContact_sortChild_idx" ON "StudentContact"("sortChild" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortStudentNumber_idx" ON "StudentContact"("sortStudentNumber" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortSchool_idx" ON "StudentContact"("sortSchool" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortGrade_idx" ON "StudentContact"("sortGrade" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortRelationship_idx" ON "StudentContact"("sortRelationship" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortUsername_idx" ON "StudentContact"("sortUsername" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_sortStatus_idx" ON "StudentContact"("sortStatus" COLLATE "C", "nameKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;

-- The caller's phone (any formatting) finds the contact directly: its digits, reversed, so the
-- last 7 to 10 digits are a prefix. (E-mail uses "Contact_email_lower_idx" of the first migration.)
CREATE INDEX "Contact_phone_digits_idx" ON "Contact"((reverse(regexp_replace("phone", '[^0-9]', '', 'g'))) COLLATE "C") WHERE "phone" IS NOT NULL;
