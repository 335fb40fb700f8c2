-- A staff reset records when and by whom on each link it reset. That record moves from the wide
-- StudentContact (thirteen btrees, pages full after an import: each of a bulk reset's 10,000
-- rows got a new version in every btree) to the narrow StudentContactLoginKey, whose row the
-- reset rewrites anyway because the login's status key changes.
ALTER TABLE "StudentContactLoginKey" ADD COLUMN "resetAt" TIMESTAMP(3),
ADD COLUMN "resetById" INTEGER;

UPDATE "StudentContactLoginKey" k SET "resetAt" = sc."resetAt", "resetById" = sc."resetById"
FROM "StudentContact" sc WHERE sc.id = k.id AND sc."resetAt" IS NOT NULL;

ALTER TABLE "StudentContact" DROP CONSTRAINT "StudentContact_resetById_fkey";

ALTER TABLE "StudentContact" DROP COLUMN "resetAt",
DROP COLUMN "resetById";

-- Room on each page for a row's next version: a reset changes a login's status and
-- timestamps, columns none of its btrees hold, so with free space on the page these become
-- HOT updates (no new btree entries). Applies to pages written from now on.
ALTER TABLE "ParentAccount" SET (fillfactor = 90);
