-- CreateEnum
CREATE TYPE "StaffCodeChannel" AS ENUM ('SMS', 'EMAIL');

-- CreateTable
CREATE TABLE "StaffVerificationCode" (
    "id" SERIAL NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "channel" "StaffCodeChannel" NOT NULL,
    "destination" TEXT NOT NULL,
    "flowId" TEXT NOT NULL DEFAULT '',
    "codeHmac" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffVerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffVerificationCode_staffUserId_purpose_flowId_createdAt_idx" ON "StaffVerificationCode"("staffUserId", "purpose", "flowId", "createdAt");

-- AddForeignKey
ALTER TABLE "StaffVerificationCode" ADD CONSTRAINT "StaffVerificationCode_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

