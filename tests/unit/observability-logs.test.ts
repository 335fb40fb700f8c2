// The JSON log (lib/ops/logger.ts) and the request id (lib/ops/request-context.ts,
// lib/http/request-log.ts): what a line holds, what it never holds.
import { afterEach, describe, expect, it } from "vitest";
import { errorForLog, logger, REDACTED_FIELDS } from "@/lib/ops/logger";
import { currentRequestId, requestIdFor, runWithRequestContext } from "@/lib/ops/request-context";
import { loggedPath } from "@/lib/http/request-log";
import { captureLogLines } from "../helpers/capture-logs";

let capture: ReturnType<typeof captureLogLines> | null = null;
afterEach(() => {
  capture?.restore();
  capture = null;
});

describe("the JSON log", () => {
  it("writes one JSON object per line with an ISO time, a level name and the message", () => {
    capture = captureLogLines();
    logger.info({ outboxId: 7 }, "mail sent");
    const [line] = capture.lines();
    expect(line).toMatchObject({ level: "info", msg: "mail sent", outboxId: 7, pid: process.pid });
    expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
    expect(capture.text().endsWith("}\n")).toBe(true);
  });

  it("replaces every secret-bearing field, at the top and two levels down", () => {
    capture = captureLogLines();
    const secrets = Object.fromEntries(REDACTED_FIELDS.map((field, index) => [field, `secret-value-${index}`]));
    logger.warn({ ...secrets, request: { ...secrets }, job: { step: { ...secrets } } }, "careless call");
    const text = capture.text();
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    const [line] = capture.lines();
    expect(line!.password).toBe("[redacted]");
    expect((line!.request as Record<string, unknown>).temporaryPassword).toBe("[redacted]");
    expect(((line!.job as Record<string, unknown>).step as Record<string, unknown>).cookie).toBe("[redacted]");
  });

  it("reduces an error to its kind, first line and stack frames: an ORM error's later lines quote the query's values", () => {
    const error = Object.assign(new Error("Invalid `prisma.emailOutbox.create()` invocation:\n\n{ params: { temporaryPassword: \"Tmp-Secret-42\" } }"), { code: "P2009" });
    const logged = errorForLog(error);
    expect(logged).toMatchObject({ type: "Error", errorCode: "P2009", message: "Invalid `prisma.emailOutbox.create()` invocation:" });
    expect(JSON.stringify(logged)).not.toContain("Tmp-Secret-42");
    expect(logged.stack).toMatch(/^ {4}at /);
    capture = captureLogLines();
    logger.error({ err: error }, "failed");
    expect(capture.text()).not.toContain("Tmp-Secret-42");
    expect(capture.lines()[0]!.err).toMatchObject({ errorCode: "P2009" });
  });

  it("honours its level: lines below it are not written", () => {
    capture = captureLogLines("warn");
    logger.info("not shown");
    logger.debug("not shown either");
    logger.warn("shown");
    expect(capture.lines().map((line) => line.msg)).toEqual(["shown"]);
  });
});

describe("request ids", () => {
  it("are on every line written while a request is served, and only then", async () => {
    capture = captureLogLines();
    await runWithRequestContext({ requestId: "req-1234567890" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe("req-1234567890");
      logger.info("inside");
    });
    logger.info("outside");
    const [inside, outside] = capture.lines();
    expect(inside).toMatchObject({ msg: "inside", reqId: "req-1234567890" });
    expect(outside!.reqId).toBeUndefined();
    expect(currentRequestId()).toBeNull();
  });

  it("are fresh UUIDs, unless a trusted proxy sent a well-formed one", () => {
    expect(requestIdFor(undefined, false)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor("proxy-id-12345678", false)).not.toBe("proxy-id-12345678");
    expect(requestIdFor("proxy-id-12345678", true)).toBe("proxy-id-12345678");
    for (const forged of ["short", "x".repeat(65), "line\nbreak-12345", "<script>alert(1)</script>"]) {
      expect(requestIdFor(forged, true)).not.toBe(forged);
    }
  });

  it("log the path without the query string, where a setup link's token and searched names travel", () => {
    expect(loggedPath("/console/set-passphrase?token=abc.def")).toBe("/console/set-passphrase");
    expect(loggedPath("/api/console/parents?q=garcia#top")).toBe("/api/console/parents");
    expect(loggedPath(undefined)).toBe("/");
    expect(loggedPath(`/${"a".repeat(300)}`)).toHaveLength(201);
  });
});
