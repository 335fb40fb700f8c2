-- Review of the OpenID Provider, Lows 6 and 9.

-- The student's `sub` moves from the login to the student: a login replaced, or removed by a
-- parent's reset and made again, keeps it. Existing logins hand theirs over.
ALTER TABLE "Student" ADD COLUMN     "oidcSubject" UUID NOT NULL DEFAULT gen_random_uuid();

UPDATE "Student" s SET "oidcSubject" = sa."oidcSubject"
FROM "StudentAccount" sa WHERE sa."studentId" = s.id;

CREATE UNIQUE INDEX "Student_oidcSubject_key" ON "Student"("oidcSubject");

DROP INDEX "StudentAccount_oidcSubject_key";

ALTER TABLE "StudentAccount" DROP COLUMN "oidcSubject";

-- The address a parent proved they read (email_verified). Unknown for existing logins: false
-- until their next first sign-in or Forgot Password.
ALTER TABLE "ParentAccount" ADD COLUMN     "verifiedEmail" TEXT;
