// Several instances (issue 11, item 4): two production servers (scripts/serve.ts, as `npm
// start` runs it, outside demo mode) on one database and one SMTP server, as behind a load
// balancer. Everything they must share lives in PostgreSQL, so: a session made on one works on
// the other, a rate limit counts the attempts both saw, a bulk reset on one is seen by the
// other at once (its rows and the sessions it ended), and while both outbox workers poll, every
// queued mail arrives exactly once.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startProductionServer, type ProductionServer } from "../../scripts/production-server";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { builtServerActions, callServerAction, signInOverHttp } from "../helpers/server-action-http";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { recoveryCodeFor } from "../helpers/staff-second-factor";
import { createDatabaseFromTemplate } from "../helpers/test-database";

const databaseUrl = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"), "e2e_two");
process.env.DATABASE_URL = databaseUrl;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { emailRequest, enqueueEmails } = await import("@/lib/mail/enqueue-email");
const { passwordChanged } = await import("@/lib/mail/templates/password-changed");

const ADMIN = { email: "twin.admin@riverside.example.org", password: "two instances admin passphrase" };
const PARENT_PASSWORD = "twin parent password 4417";
const FAMILY = "Twinstance";
const PARENTS = 4;
const EXTRA_MAILS = 60;

let smtp: SmtpCapture;
let instanceA: ProductionServer;
let instanceB: ProductionServer;
let adminCookie: string;
let parentCookie: string;

/** One instance; `name` is the EHLO name its SMTP client gives, so the capture tells the two apart. */
function startInstance(name: string, secret: string): Promise<ProductionServer> {
  return startProductionServer({
    databaseUrl,
    // Like two app servers of one district: the same secret, the same SMTP server, no demo mode.
    env: { DEMO_MODE: "", NEXTAUTH_SECRET: secret, SMTP_URL: `${smtp.url}/?name=${name}`, OUTBOX_POLL_MS: "100", ROSTER_WORKER: "off" },
    timeoutMs: 90_000,
  });
}

async function searchFamily(server: ProductionServer): Promise<{ status: string; username: string | null }[]> {
  const response = await fetch(`${server.baseUrl}/api/console/parents?q=${FAMILY.toLowerCase()}`, { headers: { Cookie: adminCookie } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { rows: { status: string; username: string | null }[] } };
  return body.data.rows;
}

/** The next-auth error code a parent sign-in attempt ends with ("invalid", "rate_limited"). */
async function parentSignInError(server: ProductionServer, username: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const response = await fetch(`${server.baseUrl}/api/auth/callback/parent`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url, server.baseUrl).searchParams.get("error");
}

/** Where the parent home sends this cookie: null when it opens (200), else the redirect's path. */
async function parentHomeRedirect(server: ProductionServer, cookie: string): Promise<string | null> {
  const response = await fetch(`${server.baseUrl}/home`, { headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status === 200) return null;
  return new URL(response.headers.get("location") ?? "", server.baseUrl).pathname;
}

beforeAll(async () => {
  const school = await createSchool(prisma, "Twin Oaks Elementary");
  const passwordHash = await hashSecret(PARENT_PASSWORD);
  for (let i = 1; i <= PARENTS; i++) {
    await createParentWithChild(prisma, school.id, { firstName: `Parent${i}`, lastName: FAMILY, account: { username: `twin.parent${i}`, passwordHash } });
  }
  await prisma.staffUser.create({
    data: { email: ADMIN.email, name: "Twin Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } },
  });
  // A slow SMTP server keeps each batch busy long enough for the other worker to claim its own.
  smtp = await startSmtpCapture({ acceptDelayMs: 100 });
  const secret = randomBytes(32).toString("hex");
  [instanceA, instanceB] = await Promise.all([startInstance("instance-a", secret), startInstance("instance-b", secret)]);
});

afterAll(async () => {
  await instanceA?.stop();
  await instanceB?.stop();
  await smtp?.stop();
  await prisma.$disconnect();
});

describe("two instances on one database", () => {
  it("a session made on one instance works on the other", async () => {
    adminCookie = await signInOverHttp(instanceA.baseUrl, "staff", ADMIN, await recoveryCodeFor(ADMIN.email));
    expect((await searchFamily(instanceB)).map((row) => row.status)).toEqual(Array(PARENTS).fill("ACTIVE"));

    parentCookie = await signInOverHttp(instanceB.baseUrl, "parent", { username: "twin.parent1", password: PARENT_PASSWORD });
    expect(await parentHomeRedirect(instanceA, parentCookie)).toBeNull();
    expect(await parentHomeRedirect(instanceB, parentCookie)).toBeNull();
  });

  it("a rate limit counts the attempts both instances saw", async () => {
    // 10 wrong passwords per (name, address) per 15 minutes: each instance sees only 5.
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(await parentSignInError(attempt % 2 === 0 ? instanceA : instanceB, "twin.nobody", "not the password 1")).toBe("invalid");
    }
    expect(await parentSignInError(instanceA, "twin.nobody", "not the password 1")).toBe("rate_limited");
    expect(await parentSignInError(instanceB, "twin.nobody", "not the password 1")).toBe("rate_limited");
  });

  it("a bulk reset on one instance is seen on the other: rows reset, the parent's session ended", async () => {
    const resetAction = builtServerActions().find((action) => action.name === "resetParentsAction")!;
    const answer = await callServerAction(
      instanceA.baseUrl,
      resetAction,
      [
        {
          selection: { kind: "matching", search: { q: FAMILY.toLowerCase(), letter: "all" } },
          includeOtherRows: false,
          verification: { methods: ["Called back the phone number on record"], reason: "INC-11 two instances" },
        },
      ],
      adminCookie,
    );
    expect(answer).toMatchObject({ kind: "result", value: { ok: true } });

    expect((await searchFamily(instanceB)).map((row) => row.status)).toEqual(Array(PARENTS).fill("RESET"));
    expect(await parentHomeRedirect(instanceB, parentCookie)).toBe("/sign-in");
    expect(await parentHomeRedirect(instanceA, parentCookie)).toBe("/sign-in");
  });

  it("with both outbox workers running, every queued mail is delivered exactly once", async () => {
    const addresses = Array.from({ length: EXTRA_MAILS }, (_, i) => `twin.mail${i}@example.com`);
    await prisma.$transaction((tx) =>
      enqueueEmails(tx, addresses.map((to) => emailRequest({ to, locale: "en", template: passwordChanged, params: { username: "twin" } }))),
    );
    // Every mail of the outbox: the reset's notices (one per parent login), the mails queued
    // above and whatever the steps before queued.
    const queued = await prisma.emailOutbox.findMany({ select: { messageId: true, toAddress: true, template: true } });
    expect(queued.filter((row) => row.template === "login-reset-notice")).toHaveLength(PARENTS);
    expect(queued.filter((row) => row.toAddress.startsWith("twin.mail"))).toHaveLength(EXTRA_MAILS);
    await smtp.waitForMessages(queued.length, 90_000);
    await expect.poll(() => prisma.emailOutbox.count({ where: { status: { not: "SENT" } } }), { timeout: 30_000 }).toBe(0);
    // Stopped, neither instance can send anything more: what arrived is final.
    await Promise.all([instanceA.stop(), instanceB.stop()]);

    const delivered = smtp.messages.map((mail) => mail.messageId?.replace(/^<|>$/g, ""));
    expect(delivered.sort()).toEqual(queued.map((row) => row.messageId.replace(/^<|>$/g, "")).sort());
    expect(smtp.messages.flatMap((mail) => mail.envelopeTo).sort()).toEqual(queued.map((row) => row.toAddress).sort());
    // Both workers took part: each instance delivered some of them.
    expect(new Set(smtp.messages.map((mail) => mail.clientName))).toEqual(new Set(["instance-a", "instance-b"]));
  });
});
