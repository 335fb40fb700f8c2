// Console "Connected apps" (issue 12, item 7): only site admins change apps; every change is
// one audited transaction; a client secret is returned once and stored only as its SHA-256;
// the per-app count is of distinct parents signed in over the last 30 days.

import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { ForbiddenError } from "@/lib/auth/permissions";
import { registerConnectedAppSchema, updateConnectedAppSchema } from "@/lib/oidc/connected-app-schema";
import { listConnectedApps } from "@/lib/oidc/list-connected-apps";
import { registerConnectedApp, rotateClientSecret, setConnectedAppDisabled, updateConnectedApp } from "@/lib/oidc/manage-connected-apps";
import type { StaffActor } from "@/lib/staff/staff-actor";
import { hashClientSecret } from "@/lib/oidc/client-secret";

const admin: StaffActor = { staffUserId: 1, email: "admin@riverside.example.org", role: "SITE_ADMIN", ip: "192.0.2.1" };
const desk: StaffActor = { staffUserId: 2, email: "desk@riverside.example.org", role: "HELP_DESK", ip: "192.0.2.2" };

const form = {
  name: "PowerSchool SIS",
  redirectUris: "https://ps.example.org/oidc/openid_connect_login\n\nhttps://ps.example.org/oidc/openid_connect_login",
  postLogoutRedirectUris: "",
  backchannelLogoutUri: "https://ps.example.org/oidc/backchannel",
  firstParty: true,
  scopes: ["openid", "profile", "email"] as ("openid" | "profile" | "email")[],
  identifierClaim: "sub" as const,
};

beforeEach(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "OidcClient", "OidcClientSignIn", "AuditEvent" RESTART IDENTITY`);
});

describe("registering an app", () => {
  it("makes a client id and a 256-bit secret returned once and stored as SHA-256 hex, audited without the secret", async () => {
    const registered = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "confidential" }));
    expect(registered.clientId).toMatch(/^app-[A-Za-z0-9_-]{16}$/);
    expect(Buffer.from(registered.clientSecret!, "base64url")).toHaveLength(32);
    const row = await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } });
    expect(row.secretHash).toBe(hashClientSecret(registered.clientSecret!));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.redirectUris).toEqual(["https://ps.example.org/oidc/openid_connect_login"]);
    expect(JSON.stringify(row)).not.toContain(registered.clientSecret!);
    const [event] = await prisma.auditEvent.findMany();
    expect(event).toMatchObject({ action: "app.register", actorType: "STAFF", actorId: 1, actorLabel: admin.email });
    expect(event!.details).toMatchObject({ clientId: registered.clientId, clientType: "confidential", name: "PowerSchool SIS" });
    expect(JSON.stringify(event!.details)).not.toContain(registered.clientSecret!);
    expect(JSON.stringify(event!.details)).not.toContain(row.secretHash!);
    // Listing never carries the secret or its hash.
    const [listed] = await listConnectedApps();
    expect(listed).toMatchObject({ clientId: registered.clientId, clientType: "confidential" });
    expect(JSON.stringify(listed)).not.toContain(row.secretHash!);
  });

  it("registers a public app without any secret", async () => {
    const registered = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "public" }));
    expect(registered.clientSecret).toBeNull();
    expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).secretHash).toBeNull();
    await expect(rotateClientSecret(admin, { id: registered.id })).rejects.toBeInstanceOf(ActionFailure);
  });
});

describe("changing an app", () => {
  it("rotates the secret (the old hash is gone), edits with before/after, disables and enables, each audited", async () => {
    const registered = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "confidential" }));
    const rotated = await rotateClientSecret(admin, { id: registered.id });
    expect(rotated.clientSecret).not.toBe(registered.clientSecret);
    expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).secretHash).toBe(hashClientSecret(rotated.clientSecret));

    const edited = await updateConnectedApp(admin, updateConnectedAppSchema.parse({ ...form, id: registered.id, name: "PowerSchool", scopes: ["openid", "email", "students"] }));
    expect(edited.changed.sort()).toEqual(["name", "scopes"]);
    expect(await updateConnectedApp(admin, updateConnectedAppSchema.parse({ ...form, id: registered.id, name: "PowerSchool", scopes: ["openid", "email", "students"] }))).toEqual({ changed: [] });

    expect(await setConnectedAppDisabled(admin, { id: registered.id, disabled: true })).toEqual({ disabled: true, changed: true });
    expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).disabledAt).toBeInstanceOf(Date);
    expect(await setConnectedAppDisabled(admin, { id: registered.id, disabled: true })).toEqual({ disabled: true, changed: false });
    await setConnectedAppDisabled(admin, { id: registered.id, disabled: false });
    expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).disabledAt).toBeNull();

    const events = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["app.register", "app.secret.rotate", "app.update", "app.disable", "app.enable"]);
    expect(events[2]!.details).toMatchObject({ changes: { name: { before: "PowerSchool SIS", after: "PowerSchool" }, scopes: { before: ["openid", "profile", "email"], after: ["openid", "email", "students"] } } });
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(rotated.clientSecret);
  });

  it("refuses help desk on every change, and nothing is written", async () => {
    const registered = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "confidential" }));
    const before = { apps: await prisma.oidcClient.findMany(), audit: await prisma.auditEvent.count() };
    await expect(registerConnectedApp(desk, registerConnectedAppSchema.parse({ ...form, clientType: "public" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateConnectedApp(desk, updateConnectedAppSchema.parse({ ...form, id: registered.id, name: "Hijacked" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rotateClientSecret(desk, { id: registered.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setConnectedAppDisabled(desk, { id: registered.id, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect({ apps: await prisma.oidcClient.findMany(), audit: await prisma.auditEvent.count() }).toEqual(before);
  });

  it("rolls the change back when its audit event cannot be written", async () => {
    const registered = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "confidential" }));
    const hash = (await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).secretHash;
    await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ADD CONSTRAINT no_rotate CHECK (action <> 'app.secret.rotate')`);
    try {
      await expect(rotateClientSecret(admin, { id: registered.id })).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DROP CONSTRAINT no_rotate`);
    }
    expect((await prisma.oidcClient.findUniqueOrThrow({ where: { id: registered.id } })).secretHash).toBe(hash);
  });
});

describe("the 30-day count", () => {
  it("counts distinct parents who signed in within 30 days, not students or older sign-ins", async () => {
    const a = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, clientType: "public" }));
    const b = await registerConnectedApp(admin, registerConnectedAppSchema.parse({ ...form, name: "Canvas", clientType: "public" }));
    const day = 24 * 3600_000;
    const clientId = (await prisma.oidcClient.findUniqueOrThrow({ where: { id: a.id } })).clientId;
    await prisma.oidcClientSignIn.createMany({
      data: [
        { clientId, accountId: "p1", userType: "parent", lastSignedInAt: new Date(Date.now() - 1 * day) },
        { clientId, accountId: "p2", userType: "parent", lastSignedInAt: new Date(Date.now() - 29 * day) },
        { clientId, accountId: "p3", userType: "parent", lastSignedInAt: new Date(Date.now() - 31 * day) },
        { clientId, accountId: "s1", userType: "student", lastSignedInAt: new Date() },
      ],
    });
    const counts = Object.fromEntries((await listConnectedApps()).map((app) => [app.id, app.parentsSignedInLast30Days]));
    expect(counts).toEqual({ [a.id]: 2, [b.id]: 0 });
  });
});

describe("validation", () => {
  const problems = (input: Record<string, unknown>) => {
    const parsed = registerConnectedAppSchema.safeParse({ ...form, clientType: "confidential", ...input });
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };
  it("accepts https, and http only for localhost and 127.0.0.1", () => {
    expect(problems({ redirectUris: "https://app.example.org/cb\nhttp://localhost:3000/cb\nhttp://127.0.0.1:8080/cb" })).toEqual([]);
    expect(problems({ redirectUris: "http://app.example.org/cb" })).toEqual(["redirectUris: http://app.example.org/cb must use https (http is only for localhost or 127.0.0.1)."]);
  });
  it("refuses relative URIs, fragments, other schemes and a missing redirect URI, in clear words", () => {
    expect(problems({ redirectUris: "/cb" })).toEqual(["redirectUris: /cb is not an absolute URI."]);
    expect(problems({ redirectUris: "https://app.example.org/cb#x" })).toEqual(["redirectUris: https://app.example.org/cb#x must not contain a fragment (#)."]);
    expect(problems({ redirectUris: "com.example.app:/cb" })).toEqual(["redirectUris: com.example.app:/cb must be an https:// address."]);
    expect(problems({ redirectUris: " \n " })).toEqual(["redirectUris: Enter at least one redirect URI."]);
    expect(problems({ backchannelLogoutUri: "http://10.0.0.5/logout" })).toEqual(["backchannelLogoutUri: http://10.0.0.5/logout must use https (http is only for localhost or 127.0.0.1)."]);
  });
  it("keeps URIs exactly as typed (no normalising), and requires openid", () => {
    const parsed = registerConnectedAppSchema.parse({ ...form, clientType: "public", redirectUris: "https://App.example.org:443/cb/?a=1" });
    expect(parsed.redirectUris).toEqual(["https://App.example.org:443/cb/?a=1"]);
    expect(problems({ scopes: ["email"] })).toEqual(["scopes: The openid scope is required."]);
    expect(problems({ scopes: ["openid", "admin"] })).toHaveLength(1);
    expect(problems({ identifierClaim: "username" })).toEqual(["identifierClaim: Choose sub, email or sis_id."]);
  });
});
