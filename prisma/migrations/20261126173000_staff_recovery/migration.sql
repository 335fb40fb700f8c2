-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "passphraseChangedAt" TIMESTAMP(3),
ADD COLUMN     "selfServiceBlockReason" TEXT,
ADD COLUMN     "selfServiceBlockedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StaffRecoveryFlow" (
    "id" TEXT NOT NULL,
    "staffUserId" INTEGER,
    "gatesPassed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffRecoveryFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AltchaSolution" (
    "challengeId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AltchaSolution_pkey" PRIMARY KEY ("challengeId")
);

-- CreateIndex
CREATE INDEX "StaffRecoveryFlow_staffUserId_idx" ON "StaffRecoveryFlow"("staffUserId");

-- CreateIndex
CREATE INDEX "StaffRecoveryFlow_expiresAt_idx" ON "StaffRecoveryFlow"("expiresAt");

-- CreateIndex
CREATE INDEX "AltchaSolution_expiresAt_idx" ON "AltchaSolution"("expiresAt");

-- AddForeignKey
ALTER TABLE "StaffRecoveryFlow" ADD CONSTRAINT "StaffRecoveryFlow_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

