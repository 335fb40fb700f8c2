-- AlterTable
ALTER TABLE "AuthSession" ADD COLUMN     "reauthenticatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "staffSecurityInfoReconfirmDays" INTEGER NOT NULL DEFAULT 180,
ADD COLUMN     "staffSecurityQuestionsEnabled" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "StaffSecurityInfo" (
    "staffUserId" INTEGER NOT NULL,
    "phoneE164" TEXT,
    "phoneConfirmedAt" TIMESTAMP(3),
    "altEmail" TEXT,
    "altEmailConfirmedAt" TIMESTAMP(3),
    "questionsSetAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "reregistrationRequiredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffSecurityInfo_pkey" PRIMARY KEY ("staffUserId")
);

-- CreateTable
CREATE TABLE "StaffSecurityAnswer" (
    "id" SERIAL NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "questionKey" TEXT NOT NULL,
    "answerHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffSecurityAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsOutbox" (
    "id" SERIAL NOT NULL,
    "toNumber" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SmsOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevSmsMessage" (
    "id" SERIAL NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "DevSmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffSecurityAnswer_staffUserId_questionKey_key" ON "StaffSecurityAnswer"("staffUserId", "questionKey");

-- CreateIndex
CREATE INDEX "SmsOutbox_status_nextAttemptAt_idx" ON "SmsOutbox"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "StaffSecurityInfo" ADD CONSTRAINT "StaffSecurityInfo_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSecurityAnswer" ADD CONSTRAINT "StaffSecurityAnswer_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

