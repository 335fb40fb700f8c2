// The roster upload over real HTTP against the production server: a package larger than the
// 10 MB Next.js copies for a proxy arrives whole (the route is outside the proxy's matcher and
// streams to disk), and one over the district's limit is refused with 413 and nothing kept.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { signInOverHttp } from "../helpers/server-action-http";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { recoveryCodeFor } from "../helpers/staff-second-factor";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");

const ADMIN = { email: "roster-http-admin@riverside.example.org", password: "roster http admin passphrase" };
const MB = 1024 * 1024;
let cookie: string;
let savedLimit: number;

/** Zip-signed bytes (the worker will find it is no real package; the upload only checks the signature). */
const zipLike = (bytes: number) => {
  const data = Buffer.alloc(bytes, 0x61);
  data.write("PK\x03\x04", 0, "latin1");
  return new Blob([new Uint8Array(data)]);
};

function post(body: Blob, name: string) {
  return fetch(new URL(`/api/console/roster/upload?name=${name}`, baseUrl), {
    method: "POST",
    headers: { Cookie: cookie, Origin: new URL(baseUrl).origin, "Content-Type": "application/zip" },
    body,
  });
}

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ADMIN.email, name: "Roster Http", role: "SITE_ADMIN", passwordHash: await hashSecret(ADMIN.password), securityInfo: { create: registeredSecurityInfo() } } });
  cookie = await signInOverHttp(baseUrl, "staff", { email: ADMIN.email, password: ADMIN.password }, await recoveryCodeFor(ADMIN.email));
  savedLimit = (await getDistrictSettings()).rosterUploadMaxMb;
  await prisma.districtSettings.update({ where: { id: 1 }, data: { rosterUploadMaxMb: 12 } });
});

afterAll(async () => {
  await prisma.districtSettings.update({ where: { id: 1 }, data: { rosterUploadMaxMb: savedLimit } });
  await prisma.$disconnect();
});

const get = (route: string) => fetch(new URL(route, baseUrl), { headers: { Cookie: cookie } });

describe("roster upload route", () => {
  it("stores a package over 10 MB whole and queues its dry run", async () => {
    const response = await post(zipLike(11 * MB), "eleven.zip");
    expect(response.status).toBe(202);
    const { data } = (await response.json()) as { data: { importId: number } };
    const run = await prisma.rosterImport.findUniqueOrThrow({ where: { id: data.importId } });
    expect(run).toMatchObject({ dryRun: true, fileName: "eleven.zip", fileBytes: 11 * MB, requestedBy: ADMIN.email });
    // The worker may have run (and failed) it by now; the upload itself arrived whole.
    expect(await prisma.auditEvent.count({ where: { action: "roster.upload", actorLabel: ADMIN.email } })).toBe(1);
  });

  it("refuses a package over the district's limit with 413, and keeps no file and no run", async () => {
    const before = await prisma.rosterImport.count();
    const storage = path.join(process.cwd(), ".data", "roster");
    const filesBefore = await readdir(storage).catch(() => [] as string[]);
    const response = await post(zipLike(13 * MB), "thirteen.zip");
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toContain("upload limit of 12 MB");
    expect(await prisma.rosterImport.count()).toBe(before);
    const filesAfter = await readdir(storage).catch(() => [] as string[]);
    const added = filesAfter.filter((file) => !filesBefore.includes(file));
    expect(await Promise.all(added.map(async (file) => (await stat(path.join(storage, file))).size))).toEqual([]);
  });

  it("gives a run's progress as JSON without its path on the server, and its report as formula-escaped CSV", async () => {
    const run = await prisma.rosterImport.create({
      data: {
        trigger: "CONSOLE",
        requestedBy: ADMIN.email,
        fileName: "report.zip",
        filePath: "/srv/secret/report.zip",
        dryRun: true,
        status: "FAILED",
        finishedAt: new Date(),
        error: "manifest.csv is missing.",
        report: {
          outcome: "read",
          rowErrors: [{ severity: "error", file: "users.csv", line: 4, column: "givenName", reason: '=HYPERLINK("http://evil.test","x")' }],
          rowErrorCount: 3,
          warnings: [{ severity: "warning", file: "manifest.csv", line: 2, column: "value", reason: "manifest.version 1 read as 1.0" }],
          warningCount: 1,
        },
      },
    });
    const json = await get(`/api/console/roster/runs/${run.id}`);
    expect(json.status).toBe(200);
    const text = await json.text();
    expect(text).not.toContain("/srv/secret");
    expect(JSON.parse(text)).toMatchObject({ ok: true, data: { id: run.id, status: "FAILED", error: "manifest.csv is missing.", fileName: "report.zip" } });
    expect((await get("/api/console/roster/runs/2147483647")).status).toBe(404);
    expect((await get("/api/console/roster/runs/abc")).status).toBe(404);

    const csv = await get(`/api/console/roster/runs/${run.id}/report`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="roster-import-${run.id}-report.csv"`);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("severity,file,line,column,reason");
    expect(lines[1]).toBe(`error,users.csv,4,givenName,"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(lines).toContain("error,,,,2 more row errors not listed");
  });

  it("serves the demo district's OneRoster 1.2 zip as the example package", async () => {
    const response = await get("/api/console/roster/example");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.zip"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from("PK\x03\x04", "latin1"));
    expect(bytes.includes(Buffer.from("roles.csv"))).toBe(true);
  });
});
