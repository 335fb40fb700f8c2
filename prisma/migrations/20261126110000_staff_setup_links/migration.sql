-- CreateEnum
CREATE TYPE "StaffSetupReason" AS ENUM ('FIRST_ADMIN', 'NEW_ACCOUNT', 'RESET');

-- AlterTable
ALTER TABLE "StaffUser" ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "StaffSetupLink" (
    "id" SERIAL NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "selector" TEXT NOT NULL,
    "verifierHash" TEXT NOT NULL,
    "reason" "StaffSetupReason" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "StaffSetupLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffSetupLink_selector_key" ON "StaffSetupLink"("selector");

-- CreateIndex
CREATE INDEX "StaffSetupLink_staffUserId_idx" ON "StaffSetupLink"("staffUserId");

-- AddForeignKey
ALTER TABLE "StaffSetupLink" ADD CONSTRAINT "StaffSetupLink_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

