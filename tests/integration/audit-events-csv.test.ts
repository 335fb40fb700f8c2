import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { auditEventsCsv } from "@/lib/audit/audit-events-csv";

async function collect(generator: AsyncGenerator<string>) {
  let text = "";
  for await (const chunk of generator) text += chunk;
  return text;
}

beforeAll(async () => {
  const base = Date.parse("2024-01-01T00:00:00Z");
  await prisma.auditEvent.createMany({
    data: Array.from({ length: 2500 }, (_, i) => ({
      at: new Date(base + i * 1000),
      actorType: "SYSTEM" as const,
      action: "bulk.test",
      contactIds: [i],
    })),
  });
  await prisma.auditEvent.create({
    data: {
      at: new Date("2024-06-01T12:00:00Z"),
      actorType: "ANONYMOUS",
      actorLabel: '=HYPERLINK("http://evil.test","click")',
      action: "staff.sign-in.failed",
      ip: "198.51.100.7",
      contactIds: [7, 9],
      details: { reason: "password", note: "a,b" },
      requestId: "req-7f3a9c",
    },
  });
});

describe("auditEventsCsv", () => {
  it("writes a BOM, a header and escaped rows", async () => {
    const text = await collect(auditEventsCsv({ action: "staff.sign-in.failed" }));
    expect(text.startsWith("\uFEFFid,time_utc,actor_type,actor_id,actor,action,ip,parent_contact_ids,details,caller_verification,ticket,reason,request_id\r\n")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines).toHaveLength(3); // header, one row, trailing empty
    expect(lines[1]).toMatch(
      /^\d+,2024-06-01T12:00:00\.000Z,ANONYMOUS,,"'=HYPERLINK\(""http:\/\/evil\.test"",""click""\)",staff\.sign-in\.failed,198\.51\.100\.7,7 9,"\{""note"":""a,b"",""reason"":""password""\}",,,,req-7f3a9c$/, // jsonb orders keys
    );
  });

  it("leaves the request id empty for events no request caused (jobs, commands)", async () => {
    const lines = (await collect(auditEventsCsv({ action: "bulk.test" }, 1))).trimEnd().split("\r\n");
    expect(lines[1]!.endsWith(",,,,")).toBe(true);
  });

  it("reads in batches across the keyset, newest first, and stops at the cap", async () => {
    const all = (await collect(auditEventsCsv({ action: "bulk.test" }))).trimEnd().split("\r\n");
    expect(all).toHaveLength(2501);
    expect(all[1]).toContain("2024-01-01T00:41:39.000Z");
    expect(all[2500]).toContain("2024-01-01T00:00:00.000Z");
    expect(new Set(all).size).toBe(2501);
    const capped = (await collect(auditEventsCsv({ action: "bulk.test" }, 1500))).trimEnd().split("\r\n");
    expect(capped).toHaveLength(1501);
  });
});
