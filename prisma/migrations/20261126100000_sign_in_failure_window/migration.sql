-- AlterTable
ALTER TABLE "ParentAccount" ADD COLUMN     "failureWindowStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "failureWindowStartedAt" TIMESTAMP(3);
