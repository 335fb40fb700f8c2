-- CreateEnum
CREATE TYPE "RosterImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'NEEDS_CONFIRMATION', 'FAILED');

-- CreateEnum
CREATE TYPE "RosterImportTrigger" AS ENUM ('CONSOLE', 'COMMAND', 'DROP_FOLDER');

-- DropIndex
DROP INDEX "School_code_key";

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "sourcedId" TEXT,
ALTER COLUMN "code" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "rosterRole" TEXT,
ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "StudentContact" ADD COLUMN     "listedByContact" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "listedByStudent" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "removedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ParentAccount" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "rosterRemovalGraceDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "rosterRemovalGuardPercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "rosterStudentIdSource" TEXT NOT NULL DEFAULT 'identifier',
ADD COLUMN     "rosterUploadMaxMb" INTEGER NOT NULL DEFAULT 500;

-- CreateTable
CREATE TABLE "RosterImport" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" "RosterImportTrigger" NOT NULL,
    "requestedById" INTEGER,
    "requestedBy" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "filePath" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL DEFAULT 0,
    "dryRun" BOOLEAN NOT NULL,
    "confirmRemovals" BOOLEAN NOT NULL DEFAULT false,
    "status" "RosterImportStatus" NOT NULL DEFAULT 'QUEUED',
    "leaseUntil" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "phase" TEXT,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "version" TEXT,
    "summary" JSONB,
    "report" JSONB,
    "error" TEXT,

    CONSTRAINT "RosterImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RosterImport_createdAt_idx" ON "RosterImport"("createdAt");

-- CreateIndex
CREATE INDEX "RosterImport_status_createdAt_idx" ON "RosterImport"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "School_sourcedId_key" ON "School"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_sourcedId_key" ON "Student"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_sourcedId_key" ON "Contact"("sourcedId");

-- CreateIndex
CREATE INDEX "Contact_removedAt_idx" ON "Contact"("removedAt");


-- Hand-written: the grid shows rows still in the roster. Its search is a range scan of a
-- C-collated ("parentKey", id) btree in order, so the index holds only those rows (partial),
-- and a second one serves the "removed" filter. Same shape, same speed as before.
DROP INDEX "StudentContact_parentKey_id_idx";
CREATE INDEX "StudentContact_parentKey_id_idx" ON "StudentContact"("parentKey" COLLATE "C", "id") WHERE "removedAt" IS NULL;
CREATE INDEX "StudentContact_removed_parentKey_id_idx" ON "StudentContact"("parentKey" COLLATE "C", "id") WHERE "removedAt" IS NOT NULL;

-- Hand-written: one import runs at a time per district (this database is one district).
CREATE UNIQUE INDEX "RosterImport_one_running_idx" ON "RosterImport"((true)) WHERE "status" = 'RUNNING';
