// The portal server answers `GET /api/console/parents` itself, before Next.js and its proxy
// (lib/http/grid-search-endpoint.ts). A HEAD of the same URL is not taken by that fast path: it
// reaches the Next.js route (which answers HEAD with its GET handler, body dropped) through
// proxy.ts and next.config.ts. For every kind of caller and for good and bad input (bad
// parameters fall back to defaults), both must give the same status and the same security
// headers: a check or a header added on one side only shows up here. (The bodies come from one
// function, lib/parents/grid-search-response.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { e2eServer } from "../helpers/e2e-server";
import { signInOverHttp } from "../helpers/server-action-http";
import { recoveryCodeFor } from "../helpers/staff-second-factor";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const server = e2eServer();
process.env.DATABASE_URL = server.databaseUrl;
const baseUrl = server.baseUrl;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");

const FAST_PATH = "/api/console/parents";
// What a browser and a proxy act on; Date, lengths, encodings and ids differ by nature.
const SECURITY_HEADERS = ["content-type", "cache-control", "content-security-policy", "x-content-type-options", "permissions-policy", "x-frame-options", "referrer-policy", "strict-transport-security"];
const QUERIES = ["q=fastpath", "q=fastpath&sort=status&dir=desc&size=25", "q=fastpath&size=7", "q=fastpath&page=0&cursor=%00", "sort=nonsense&removed=1", ""];

const callers: Record<string, string | null> = { anonymous: null };

beforeAll(async () => {
  const school = await createSchool(prisma, "Fast Path Elementary");
  for (const firstName of ["Ana", "Ben", "Cleo"]) {
    await createParentWithChild(prisma, school.id, { firstName, lastName: "Fastpath", account: { username: `fastpath.${firstName.toLowerCase()}`, passwordHash: await hashSecret("fast path parent password 31") } });
  }
  const domain = (await getDistrictSettings()).staffEmailDomains[0] ?? "fastpath.example.org";
  const email = `fastpath.desk@${domain}`;
  await prisma.staffUser.create({ data: { email, name: "Fast Path Desk", role: "HELP_DESK", passwordHash: await hashSecret("fast path desk passphrase 2024"), securityInfo: { create: registeredSecurityInfo() } } });
  callers.helpDesk = await signInOverHttp(baseUrl, "staff", { email, password: "fast path desk passphrase 2024" }, await recoveryCodeFor(email));
  callers.parent = await signInOverHttp(baseUrl, "parent", { username: "fastpath.ana", password: "fast path parent password 31" });
});

async function answer(method: "GET" | "HEAD", query: string, cookie: string | null) {
  const response = await fetch(`${baseUrl}${FAST_PATH}${query ? `?${query}` : ""}`, { method, headers: cookie ? { cookie } : {}, redirect: "manual" });
  await response.arrayBuffer();
  const headers = Object.fromEntries(
    SECURITY_HEADERS.map((name) => [name, response.headers.get(name)?.replace(/'nonce-[^']+'/, "'nonce-*'") ?? null]),
  );
  return { status: response.status, headers };
}

describe("the grid's search answered by the portal server", () => {
  it("answers as the Next.js route does: status and security headers, for every caller and input", async () => {
    const statuses = new Set<number>();
    for (const [caller, cookie] of Object.entries(callers)) {
      for (const query of QUERIES) {
        const fast = await answer("GET", query, cookie);
        const routed = await answer("HEAD", query, cookie);
        expect(fast, `${caller} ?${query}`).toEqual(routed);
        statuses.add(fast.status);
      }
    }
    // The comparison covered refusals and real answers.
    expect([...statuses].sort()).toEqual([200, 401]);
  });

  it("finds the parents for the help desk, with the nonce fresh on every answer", async () => {
    const first = await fetch(`${baseUrl}${FAST_PATH}?q=fastpath`, { headers: { cookie: callers.helpDesk! } });
    const second = await fetch(`${baseUrl}${FAST_PATH}?q=fastpath`, { headers: { cookie: callers.helpDesk! } });
    const body = (await first.json()) as { ok: boolean; data: { rows: { parentFirstName: string }[] } };
    expect(body.data.rows.map((row) => row.parentFirstName).sort()).toEqual(["Ana", "Ben", "Cleo"]);
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
  });
});
