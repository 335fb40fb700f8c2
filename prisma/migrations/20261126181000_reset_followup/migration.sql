-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "callerVerificationMethods" TEXT[] DEFAULT ARRAY['Caller gave the child''s student ID and school', 'Called back the phone number on record', 'In person with photo ID', 'Parent''s request in writing from the address on record']::TEXT[],
ADD COLUMN     "callerVerificationRequired" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "ParentLoginReset" (
    "id" SERIAL NOT NULL,
    "contactId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "resetAt" TIMESTAMP(3) NOT NULL,
    "resetById" INTEGER,
    "schoolIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "reregisteredAt" TIMESTAMP(3),
    "noticeResentAt" TIMESTAMP(3),

    CONSTRAINT "ParentLoginReset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParentLoginReset_resetAt_idx" ON "ParentLoginReset"("resetAt");

-- CreateIndex
CREATE INDEX "ParentLoginReset_reregisteredAt_idx" ON "ParentLoginReset"("reregisteredAt");

-- CreateIndex
CREATE INDEX "ParentLoginReset_contactId_idx" ON "ParentLoginReset"("contactId");


-- Pending logins (not re-registered yet) are what the pending page and the home count read,
-- oldest reset first, without visiting the completed ones.
CREATE INDEX "ParentLoginReset_pending_idx" ON "ParentLoginReset"("resetAt", "id") WHERE "reregisteredAt" IS NULL;

-- A login that is already reset is not reset again (reset-parent-logins.ts), so a contact
-- has at most one open follow-up.
-- The pending page's "reset by" and "school" filters, on open follow-ups only.
CREATE INDEX "ParentLoginReset_pending_reset_by_idx" ON "ParentLoginReset"("resetById", "resetAt", "id") WHERE "reregisteredAt" IS NULL;
CREATE INDEX "ParentLoginReset_pending_schools_idx" ON "ParentLoginReset" USING GIN ("schoolIds") WHERE "reregisteredAt" IS NULL;

CREATE UNIQUE INDEX "ParentLoginReset_open_contact_key" ON "ParentLoginReset"("contactId") WHERE "reregisteredAt" IS NULL;

-- Completion has one source of truth: the login leaving RESET (registration issues a
-- temporary password, whatever module does it). The trigger is narrowed by WHEN, so the
-- roster importer and sign-ins, which never move a login out of RESET, pay nothing. The
-- migration runner splits scripts on semicolons, so the body is an escape string whose
-- statement ends are written \x3B. (A rule would be simpler but forbids INSERT ... ON
-- CONFLICT on ParentAccount.)
CREATE FUNCTION parent_login_reset_reregistered() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "ParentLoginReset" SET "reregisteredAt" = (now() AT TIME ZONE ''UTC'')
  WHERE "contactId" = NEW."contactId" AND "reregisteredAt" IS NULL\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER parent_login_reset_reregistered
AFTER UPDATE OF status ON "ParentAccount"
FOR EACH ROW WHEN (OLD.status = 'RESET' AND NEW.status <> 'RESET')
EXECUTE FUNCTION parent_login_reset_reregistered();

-- Backfill: logins that staff reset and that wait for re-registration today. Who reset them
-- is read from the grid row the reset went through (the latest one).
INSERT INTO "ParentLoginReset" ("contactId", "accountId", "resetAt", "schoolIds", "resetById")
SELECT a."contactId", a.id, a."resetAt",
  ARRAY(SELECT DISTINCT st."schoolId" FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId"
        WHERE sc."contactId" = a."contactId" AND sc."removedAt" IS NULL ORDER BY 1),
  (SELECT sc."resetById" FROM "StudentContact" sc
   WHERE sc."contactId" = a."contactId" AND sc."resetAt" IS NOT NULL
   ORDER BY sc."resetAt" DESC LIMIT 1)
FROM "ParentAccount" a
WHERE a.status = 'RESET' AND a."resetAt" IS NOT NULL AND a."disabledAt" IS NULL;
