-- AlterTable
ALTER TABLE "RateLimitBucket" ADD COLUMN     "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT ((now() AT TIME ZONE 'UTC'::text) + '1 day'::interval);

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "auditRetentionDays" INTEGER NOT NULL DEFAULT 730,
ADD COLUMN     "expiredRecordRetentionDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "failedAttemptDataRetentionDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "helpDeskResetCap" INTEGER NOT NULL DEFAULT 25,
ADD COLUMN     "helpDeskResetsPerHour" INTEGER NOT NULL DEFAULT 200;

-- CreateIndex
CREATE INDEX "RateLimitBucket_expiresAt_idx" ON "RateLimitBucket"("expiresAt");


-- Rows written before this column existed: their window ended at most a day after it began (the longest rule)
UPDATE "RateLimitBucket" SET "expiresAt" = "windowStart" + interval '1 day';
