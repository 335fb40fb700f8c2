-- AlterTable
ALTER TABLE "ParentAccount" ADD COLUMN     "oidcSubject" UUID NOT NULL DEFAULT gen_random_uuid();

-- AlterTable
ALTER TABLE "StudentAccount" ADD COLUMN     "oidcSubject" UUID NOT NULL DEFAULT gen_random_uuid();

-- CreateTable
CREATE TABLE "OidcPayload" (
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grantId" TEXT,
    "userCode" TEXT,
    "uid" TEXT,
    "accountId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OidcPayload_pkey" PRIMARY KEY ("model","id")
);

-- CreateTable
CREATE TABLE "OidcSigningKey" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "encryptedJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "removeAfter" TIMESTAMP(3),

    CONSTRAINT "OidcSigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "OidcClient" (
    "id" SERIAL NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT,
    "secretRotatedAt" TIMESTAMP(3),
    "redirectUris" TEXT[],
    "postLogoutRedirectUris" TEXT[],
    "backchannelLogoutUri" TEXT,
    "firstParty" BOOLEAN NOT NULL DEFAULT false,
    "scopes" TEXT[],
    "identifierClaim" TEXT NOT NULL DEFAULT 'sub',
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcClientSignIn" (
    "clientId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userType" TEXT NOT NULL,
    "lastSignedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OidcClientSignIn_pkey" PRIMARY KEY ("clientId","accountId")
);

-- CreateTable
CREATE TABLE "OidcLogoutDelivery" (
    "id" SERIAL NOT NULL,
    "clientId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "sid" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OidcLogoutDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OidcPayload_uid_key" ON "OidcPayload"("uid");

-- CreateIndex
CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId");

-- CreateIndex
CREATE INDEX "OidcPayload_accountId_idx" ON "OidcPayload"("accountId");

-- CreateIndex
CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "OidcClient_clientId_key" ON "OidcClient"("clientId");

-- CreateIndex
CREATE INDEX "OidcClientSignIn_clientId_lastSignedInAt_idx" ON "OidcClientSignIn"("clientId", "lastSignedInAt");

-- CreateIndex
CREATE INDEX "OidcLogoutDelivery_status_nextAttemptAt_idx" ON "OidcLogoutDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ParentAccount_oidcSubject_key" ON "ParentAccount"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "StudentAccount_oidcSubject_key" ON "StudentAccount"("oidcSubject");

