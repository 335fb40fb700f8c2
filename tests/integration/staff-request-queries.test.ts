// What one staff request costs before its own work: the grid's live search (issue 10 item 9)
// waits on these statements after every keystroke. Counted on the connections to a real
// database, so a helper that reads the session, the setup step or the settings again
// shows up here without timing anything. And since nothing of it is cached between
// requests, a revoked session, a disabled user or a pending setup step counts at once.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { requireSecurityInfoReregistration } from "@/lib/staff-auth/security-info/security-info-pending";
import { GET as searchRoute } from "@/app/api/console/parents/route";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { giveStaffSecondFactor } from "../helpers/staff-second-factor";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

const state = vi.hoisted(() => ({ statements: [] as string[], cookies: [] as { name: string; value: string }[] }));

// The process's client and pool, on connections that record every statement sent: through
// Prisma or straight on the pool (lib/db-sql.ts), every statement any module runs counts.
vi.mock("@/lib/db", async () => {
  const { default: pg } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  class RecordingClient extends pg.Client {
    query(...args: unknown[]): never {
      const [config] = args as [string | { text: string }];
      state.statements.push(typeof config === "string" ? config : config.text);
      return (super.query as (...forwarded: unknown[]) => never)(...args);
    }
  }
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4, Client: RecordingClient });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma: client, databasePool: () => pool };
});

// The request's cookies, as Next.js would give them to the route.
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => state.cookies, get: (name: string) => state.cookies.find((c) => c.name === name) }),
  headers: async () => new Headers(),
}));

let seq = 0;

async function signedInStaff(role: "HELP_DESK" | "SITE_ADMIN" = "HELP_DESK") {
  const user = await prisma.staffUser.create({
    data: { email: `queries${++seq}@district.example.org`, name: `Agent ${seq}`, role, securityInfo: { create: registeredSecurityInfo() } },
  });
  await giveStaffSecondFactor(user.id, 1);
  const sessionId = await createAuthSession({ staffUserId: user.id }, {});
  const token = await encode({ token: { sid: sessionId }, secret: process.env.NEXTAUTH_SECRET! });
  state.cookies = [{ name: "next-auth.session-token", value: token }];
  return { user, sessionId };
}

async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  state.statements = [];
  const result = await run();
  return { result, statements: [...state.statements] };
}

const search = () => searchRoute(new NextRequest("http://localhost:3000/api/console/parents?q=garc"));

beforeAll(async () => {
  await getDistrictSettings(); // saved, as in any running district (the first read saves the defaults)
  const school = await createSchool(prisma, "Lincoln Elementary");
  await createParentWithChild(prisma, school.id, { firstName: "María", lastName: "García", account: { username: "mgarcia" } });
  await createParentWithChild(prisma, school.id, { firstName: "Ana", lastName: "Garcés" });
});

beforeEach(() => {
  state.cookies = [];
});

describe("statements per staff request", () => {
  it("finds the principal, its role and its setup step in one statement", async () => {
    const { user } = await signedInStaff();
    const { result, statements } = await statementsOf(() => getStaffPrincipal());
    expect(result).toMatchObject({ staffUserId: user.id, role: "HELP_DESK", setupStep: null });
    expect(statements).toHaveLength(1);
  });

  it("answers the grid's JSON search in five: the principal, then the search's own four", async () => {
    await signedInStaff();
    const { result, statements } = await statementsOf(search);
    expect(result.status).toBe(200);
    expect((await result.json()).data.rows).toHaveLength(2);
    // The principal; the page's ids, the capped count and the settings (in parallel); the rows.
    expect(statements).toHaveLength(5);
  });
});

describe("nothing about authorization outlives its request", () => {
  it("a session ended, a user disabled or a setup step pending refuses the very next search", async () => {
    const { user, sessionId } = await signedInStaff();
    expect((await search()).status).toBe(200);

    await requireSecurityInfoReregistration(prisma, user.id);
    expect((await search()).status).toBe(401);
    await prisma.staffSecurityInfo.update({ where: { staffUserId: user.id }, data: { confirmedAt: new Date(Date.now() + 1000) } });
    expect((await search()).status).toBe(200);

    await prisma.staffUser.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await search()).status).toBe(401);
    await prisma.staffUser.update({ where: { id: user.id }, data: { disabled: false } });
    expect((await search()).status).toBe(200);

    await prisma.authSession.delete({ where: { id: sessionId } });
    expect((await search()).status).toBe(401);
  });

  it("a role change and a district setting apply to the next request", async () => {
    const { user } = await signedInStaff();
    expect(await getStaffPrincipal()).toMatchObject({ role: "HELP_DESK", setupStep: null });
    await prisma.staffUser.update({ where: { id: user.id }, data: { role: "SITE_ADMIN" } });
    expect(await getStaffPrincipal()).toMatchObject({ role: "SITE_ADMIN", setupStep: null });

    await prisma.staffTotp.deleteMany({ where: { staffUserId: user.id } });
    expect(await getStaffPrincipal()).toBeNull(); // a site admin without a second factor must enrol one
    await prisma.staffUser.update({ where: { id: user.id }, data: { role: "HELP_DESK" } });
    await prisma.districtSettings.update({ where: { id: 1 }, data: { mfaRequiredForHelpDesk: false } });
    expect(await getStaffPrincipal()).toMatchObject({ role: "HELP_DESK", setupStep: null });
    await prisma.districtSettings.update({ where: { id: 1 }, data: { mfaRequiredForHelpDesk: true } });
    expect(await getStaffPrincipal()).toBeNull();
  });

  it("refuses a cookie that is not one next-auth signed for this secret", async () => {
    const { sessionId } = await signedInStaff();
    state.cookies = [{ name: "next-auth.session-token", value: await encode({ token: { sid: sessionId }, secret: "another secret" }) }];
    expect((await search()).status).toBe(401);
    state.cookies = [{ name: "next-auth.session-token", value: await encode({ token: { sid: sessionId }, secret: process.env.NEXTAUTH_SECRET!, maxAge: -60 }) }];
    expect((await search()).status).toBe(401);
  });
});
