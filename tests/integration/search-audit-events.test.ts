import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { countAuditEvents, searchAuditEvents, type AuditSearchFilters } from "@/lib/audit/search-audit-events";
import { cursorFromParams, filtersFromParams, parseAuditSearchParams, encodeAuditCursor } from "@/lib/audit/audit-search-params";
import { parentSearchKey } from "@/lib/text/fold-name";

let garciaId = 0;
let garzaId = 0;
let nguyenId = 0;

async function event(at: string, data: { action: string; actorLabel?: string; actorId?: number; contactIds?: number[] }) {
  await prisma.auditEvent.create({
    data: { at: new Date(at), actorType: data.actorId ? "STAFF" : "ANONYMOUS", ip: "203.0.113.5", details: {}, ...data },
  });
}

async function contact(lastName: string, firstName: string, studentId: number) {
  const created = await prisma.contact.create({ data: { lastName, firstName } });
  await prisma.studentContact.create({
    data: { studentId, contactId: created.id, relationship: "Mother", parentKey: parentSearchKey(lastName, firstName) },
  });
  return created.id;
}

const search = (filters: AuditSearchFilters, size = 50) => searchAuditEvents(filters, { size });
const actions = (result: { rows: { action: string }[] }) => result.rows.map((row) => row.action);

beforeAll(async () => {
  const school = await prisma.school.create({ data: { code: "S1", name: "School" } });
  const student = await prisma.student.create({
    data: { studentNumber: "1001", firstName: "Ana", lastName: "García", grade: "3", schoolId: school.id },
  });
  garciaId = await contact("García", "María", student.id);
  garzaId = await contact("Garza", "Luis", student.id);
  nguyenId = await contact("Nguyễn", "Lan", student.id);
  await event("2024-03-01T10:00:00Z", { action: "parent.reset", actorLabel: "admin@district.org", actorId: 1, contactIds: [garciaId] });
  await event("2024-03-02T10:00:00Z", { action: "parent.reset", actorLabel: "desk@district.org", actorId: 2, contactIds: [garzaId, nguyenId] });
  await event("2024-03-03T23:59:59Z", { action: "staff.sign-in", actorLabel: "desk@district.org", actorId: 2 });
  await event("2024-03-04T00:00:00Z", { action: "staff.sign-in.failed", actorLabel: "50%_off@evil.test" });
  await event("2024-03-05T08:00:00Z", { action: "parent.register", actorLabel: "mgarcia", contactIds: [garciaId] });
});

describe("searchAuditEvents", () => {
  it("returns everything newest first without filters", async () => {
    expect(actions(await search({}))).toEqual([
      "parent.register",
      "staff.sign-in.failed",
      "staff.sign-in",
      "parent.reset",
      "parent.reset",
    ]);
  });

  it("filters by actor text (case-insensitive contains, % and _ literal) and exact actor id", async () => {
    expect(actions(await search({ actorText: "DESK@" }))).toEqual(["staff.sign-in", "parent.reset"]);
    expect(actions(await search({ actorText: "%_" }))).toEqual(["staff.sign-in.failed"]);
    expect(actions(await search({ actorText: "0%" }))).toEqual(["staff.sign-in.failed"]);
    expect(actions(await search({ actorText: "a%d" }))).toEqual([]);
    expect(actions(await search({ actorType: "STAFF", actorId: 1 }))).toEqual(["parent.reset"]);
  });

  it("filters by exact action", async () => {
    expect(actions(await search({ action: "staff.sign-in" }))).toEqual(["staff.sign-in"]);
    expect((await search({ action: "parent.reset" })).rows).toHaveLength(2);
  });

  it("filters by an inclusive UTC date range from URL parameters", async () => {
    const { params } = parseAuditSearchParams({ from: "2024-03-02", to: "2024-03-03" });
    expect(actions(await search(filtersFromParams(params)))).toEqual(["staff.sign-in", "parent.reset"]);
    const reversed = parseAuditSearchParams({ from: "2024-03-05", to: "2024-03-01" });
    expect(reversed.problems).toHaveLength(1);
    expect((await search(filtersFromParams(reversed.params))).rows).toHaveLength(5);
  });

  it("filters by parent contact id and by folded last-name prefix via contactIds", async () => {
    expect(actions(await search({ parent: { contactId: garciaId } }))).toEqual(["parent.register", "parent.reset"]);
    expect(actions(await search({ parent: { contactId: nguyenId } }))).toEqual(["parent.reset"]);
    const byName = await search({ parent: { name: "GAR" } });
    expect(byName.rows).toHaveLength(3);
    expect(byName.parentMatch).toEqual({ contactCount: 2, truncated: false });
    expect(actions(await search({ parent: { name: "garcia, mar" } }))).toEqual(["parent.register", "parent.reset"]);
    expect((await search({ parent: { name: "nguyen" } })).rows[0]!.contactIds).toContain(nguyenId);
    expect((await search({ parent: { name: "g%" } })).rows).toHaveLength(0);
  });

  it("pages with a keyset cursor in both directions and counts", async () => {
    const first = await searchAuditEvents({}, { size: 2 });
    expect(first).toMatchObject({ hasOlder: true, hasNewer: false });
    const next = await searchAuditEvents({}, { size: 2, cursor: { ...first.rows[1]!, direction: "after" } });
    expect(actions(next)).toEqual(["staff.sign-in", "parent.reset"]);
    expect(next).toMatchObject({ hasOlder: true, hasNewer: true });
    const last = await searchAuditEvents({}, { size: 2, cursor: { ...next.rows[1]!, direction: "after" } });
    expect(last.rows).toHaveLength(1);
    expect(last).toMatchObject({ hasOlder: false, hasNewer: true });
    const back = await searchAuditEvents({}, { size: 2, cursor: { ...next.rows[0]!, direction: "before" } });
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(back).toMatchObject({ hasNewer: false, hasOlder: true });

    const { params } = parseAuditSearchParams({ after: encodeAuditCursor(first.rows[1]!), size: "25" });
    const cursor = cursorFromParams(params);
    expect(cursor).toMatchObject({ direction: "after", id: first.rows[1]!.id });
    expect(await countAuditEvents({ action: "parent.reset" })).toEqual({ count: 2, capped: false });
  });

  it("breaks ties on the same timestamp by id", async () => {
    const at = "2020-01-01T00:00:00Z";
    for (let i = 0; i < 3; i++) await event(at, { action: `tie.${i}` });
    const filters = { toExclusive: new Date("2020-01-02T00:00:00Z") };
    const first = await searchAuditEvents(filters, { size: 2 });
    const second = await searchAuditEvents(filters, { size: 2, cursor: { ...first.rows[1]!, direction: "after" } });
    expect([...actions(first), ...actions(second)]).toEqual(["tie.2", "tie.1", "tie.0"]);
  });
});
