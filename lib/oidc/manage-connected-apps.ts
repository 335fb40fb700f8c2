// Registering and changing connected apps (console "Connected apps", site admins only). Each
// change is one transaction with its audit event (never the secret); the app row is locked
// first, so two admins editing at once never audit a stale "before". The provider reads apps
// from the table on each use (lib/oidc/adapter.ts), so a change applies at once; a disabled
// app is unknown to it (sign-in, token and refresh requests fail).
import { ActionFailure } from "@/lib/actions/action-result";
import { prisma, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { OidcClient } from "@/lib/generated/prisma/client";
import { newClientId, newClientSecret } from "@/lib/oidc/client-secret";
import type { ConnectedAppFields, RegisterConnectedAppInput, UpdateConnectedAppInput } from "@/lib/oidc/connected-app-schema";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

const EDITABLE_FIELDS = ["name", "redirectUris", "postLogoutRedirectUris", "backchannelLogoutUri", "firstParty", "scopes", "identifierClaim"] as const;

function describedFields(app: Pick<OidcClient, (typeof EDITABLE_FIELDS)[number]>): ConnectedAppFields {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, app[field]])) as ConnectedAppFields;
}

async function lockAppOrThrow(tx: Tx, id: number): Promise<OidcClient> {
  await tx.$queryRaw`SELECT id FROM "OidcClient" WHERE id = ${id} FOR UPDATE`;
  const app = await tx.oidcClient.findUnique({ where: { id } });
  if (!app) throw new ActionFailure("invalid", "This app no longer exists.");
  return app;
}

export interface RegisteredApp {
  id: number;
  clientId: string;
  /** Shown once; null for a public app (PKCE only). */
  clientSecret: string | null;
}

export async function registerConnectedApp(actor: StaffActor, input: RegisterConnectedAppInput): Promise<RegisteredApp> {
  assertStaffPermission(actor, "apps:manage");
  const { clientType, ...fields } = input;
  const secret = clientType === "confidential" ? newClientSecret() : null;
  return prisma.$transaction(async (tx) => {
    const app = await tx.oidcClient.create({
      data: { ...fields, clientId: newClientId(), secretHash: secret?.secretHash ?? null, secretRotatedAt: secret ? new Date() : null },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "app.register",
      details: { appId: app.id, clientId: app.clientId, clientType, ...describedFields(app) },
    });
    return { id: app.id, clientId: app.clientId, clientSecret: secret?.secret ?? null };
  });
}

export async function updateConnectedApp(actor: StaffActor, input: UpdateConnectedAppInput): Promise<{ changed: string[] }> {
  assertStaffPermission(actor, "apps:manage");
  const { id, ...fields } = input;
  return prisma.$transaction(async (tx) => {
    const before = describedFields(await lockAppOrThrow(tx, id));
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of EDITABLE_FIELDS) {
      if (JSON.stringify(before[field]) !== JSON.stringify(fields[field])) changes[field] = { before: before[field], after: fields[field] };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed };
    const app = await tx.oidcClient.update({ where: { id }, data: fields });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "app.update", details: { appId: id, clientId: app.clientId, changes } });
    return { changed };
  });
}

/** A new secret for a confidential app; the old one stops working at once. */
export async function rotateClientSecret(actor: StaffActor, input: { id: number }): Promise<{ clientId: string; clientSecret: string }> {
  assertStaffPermission(actor, "apps:manage");
  return prisma.$transaction(async (tx) => {
    const app = await lockAppOrThrow(tx, input.id);
    if (!app.secretHash) throw new ActionFailure("conflict", "This is a public app (PKCE only): it has no client secret.");
    const secret = newClientSecret();
    await tx.oidcClient.update({ where: { id: app.id }, data: { secretHash: secret.secretHash, secretRotatedAt: new Date() } });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "app.secret.rotate", details: { appId: app.id, clientId: app.clientId } });
    return { clientId: app.clientId, clientSecret: secret.secret };
  });
}

export async function setConnectedAppDisabled(actor: StaffActor, input: { id: number; disabled: boolean }): Promise<{ disabled: boolean; changed: boolean }> {
  assertStaffPermission(actor, "apps:manage");
  return prisma.$transaction(async (tx) => {
    const app = await lockAppOrThrow(tx, input.id);
    if ((app.disabledAt !== null) === input.disabled) return { disabled: input.disabled, changed: false };
    await tx.oidcClient.update({ where: { id: app.id }, data: { disabledAt: input.disabled ? new Date() : null } });
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: input.disabled ? "app.disable" : "app.enable",
      details: { appId: app.id, clientId: app.clientId, name: app.name },
    });
    return { disabled: input.disabled, changed: true };
  });
}
