// oidc-provider's storage in PostgreSQL (OidcPayload): one row per model and id, so every
// instance serves every flow. accountId, grantId and uid are copied out of the payload for
// revoking everything of one person; expired rows read as absent and are purged hourly
// (oidcPurgeJob). Clients are not stored here: OidcClientAdapter reads the console's apps.
import { errors, type Adapter, type AdapterPayload } from "oidc-provider";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PeriodicJob } from "@/lib/ops/periodic-jobs";
import { oidcClientMetadata } from "@/lib/oidc/client-metadata";

// Whole families of tokens die with their grant (revokeByGrantId, called per token model).
export class PostgresAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    const columns = {
      payload: payload as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      accountId: payload.accountId ?? null,
      expiresAt,
    };
    await prisma.oidcPayload.upsert({
      where: { model_id: { model: this.model, id } },
      create: { model: this.model, id, ...columns },
      update: columns,
    });
  }

  private async findWhere(where: Prisma.OidcPayloadWhereInput): Promise<AdapterPayload | undefined> {
    const row = await prisma.oidcPayload.findFirst({
      where: { ...where, model: this.model, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (!row) return undefined;
    return { ...(row.payload as AdapterPayload), ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}) };
  }

  find(id: string) {
    return this.findWhere({ id });
  }

  findByUid(uid: string) {
    return this.findWhere({ uid });
  }

  findByUserCode(userCode: string) {
    return this.findWhere({ userCode });
  }

  /**
   * Single use, enforced here: oidc-provider reads `consumed` before it consumes, so two
   * requests racing with one code or refresh token would both pass its check. The conditional
   * update lets exactly one win; the loser is a reuse, so it revokes the grant's whole family
   * (as oidc-provider does when it sees a used token) and fails as invalid_grant, not a 500.
   */
  async consume(id: string): Promise<void> {
    const { count } = await prisma.oidcPayload.updateMany({ where: { model: this.model, id, consumedAt: null }, data: { consumedAt: new Date() } });
    if (count === 1) return;
    const row = await prisma.oidcPayload.findUnique({ where: { model_id: { model: this.model, id } }, select: { grantId: true } });
    if (row?.grantId) {
      await prisma.oidcPayload.deleteMany({ where: { OR: [{ grantId: row.grantId }, { model: "Grant", id: row.grantId }] } });
    }
    throw new errors.InvalidGrant(`${this.model === "AuthorizationCode" ? "authorization code" : "token"} already used`);
  }

  async destroy(id: string): Promise<void> {
    await prisma.oidcPayload.deleteMany({ where: { model: this.model, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await prisma.oidcPayload.deleteMany({ where: { model: this.model, grantId } });
  }
}

/**
 * The "Client" model: the console's apps (OidcClient), read on every lookup so an app added,
 * changed or disabled there counts at once, on every instance, without a restart.
 */
export class OidcClientAdapter implements Adapter {
  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const row = await prisma.oidcClient.findUnique({ where: { clientId } });
    if (!row || row.disabledAt) return undefined;
    return oidcClientMetadata(row) as AdapterPayload;
  }
  // The provider never writes clients (dynamic registration is off).
  async upsert(): Promise<void> {}
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}

export function adapterFor(model: string): Adapter {
  return model === "Client" ? new OidcClientAdapter() : new PostgresAdapter(model);
}

/** Deletes the rows past their expiry (find already ignores them): sessions, grants, codes, tokens, interactions. */
export async function purgeExpiredOidcPayloads(now = new Date()): Promise<number> {
  const { count } = await prisma.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

const HOUR_MS = 60 * 60 * 1000;

/** Hourly in every server process (OIDC_PURGE_INTERVAL_MS); deleting twice is harmless. */
export function oidcPurgeJob(everyMs = Number(process.env.OIDC_PURGE_INTERVAL_MS) || HOUR_MS): PeriodicJob {
  return { name: "oidc-purge", everyMs, firstRunAfterMs: Math.min(everyMs, 60_000), run: () => purgeExpiredOidcPayloads() };
}
