-- The outbox stores what to send (template + params) instead of rendered bodies, and the
-- worker renders at send time. Rows still pending cannot be rendered (their params were
-- never stored), so they are given up on with a clear reason rather than sent half-empty.
-- (No semicolons in comments: the migration runner splits the script on them.)
UPDATE "EmailOutbox"
SET "status" = 'FAILED', "lockedUntil" = NULL,
    "lastError" = 'Queued before the outbox stored template parameters, not sent'
WHERE "status" = 'PENDING';

-- AlterTable
ALTER TABLE "EmailOutbox" DROP COLUMN "htmlBody",
DROP COLUMN "subject",
DROP COLUMN "textBody",
ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}';

