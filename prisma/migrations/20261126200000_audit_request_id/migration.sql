-- The X-Request-Id of the request behind an audit event (lib/ops/request-context.ts): nullable,
-- no default, so adding it rewrites no rows of a large audit trail.

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "requestId" TEXT;

