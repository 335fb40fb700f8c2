// The production start refusals, on the real commands: `npm start` (scripts/start.ts) and the
// server it runs (scripts/serve.ts), against this file's own database given as DATABASE_URL.
// A refusal must come before migrations and the build; a database given by DATABASE_URL is
// never seeded with the demo district (its staff passphrases are public).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";

const HTTPS_URL = "https://portal.district.example.org";
const SMTP_URL = "smtp://mail.district.example.org:587";

interface Outcome {
  code: number | null;
  output: string;
  /** Whether Student rows appeared while the command ran (it was killed at once then). */
  seeded: boolean;
}

/** Runs a command with a production environment until it exits, watching the Student table. */
function runStart(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Outcome> {
  const base = { ...process.env };
  for (const name of ["DEMO_MODE", "SMTP_URL", "PORTAL_URL", "NEXTAUTH_URL", "TRUSTED_PROXIES"]) delete base[name];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...base, DATABASE_URL: process.env.DATABASE_URL!, PORT: "3987", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const chunks: string[] = [];
  child.stdout!.on("data", (chunk) => chunks.push(String(chunk)));
  child.stderr!.on("data", (chunk) => chunks.push(String(chunk)));
  let seeded = false;
  const stopAll = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const watch = setInterval(() => {
    void prisma.student.count().then((count) => {
      if (count > 0) {
        seeded = true;
        stopAll();
      }
    });
  }, 250);
  const deadline = setTimeout(stopAll, timeoutMs);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearInterval(watch);
      clearTimeout(deadline);
      void prisma.student.count().then((count) => resolve({ code, output: chunks.join(""), seeded: seeded || count > 0 }));
    });
  });
}

describe("npm start outside demo mode (DATABASE_URL set)", () => {
  it("refuses to start without SMTP_URL, naming the variable, before touching the database", async () => {
    const outcome = await runStart(["scripts/start.ts"], { PORTAL_URL: HTTPS_URL });
    expect(outcome.output).toContain("SMTP_URL is not set");
    expect(outcome.output).not.toContain("Applying database migrations");
    expect(outcome.code).toBe(1);
    expect(outcome.seeded).toBe(false);
  });

  it("refuses to start without an https:// public URL, naming the variable", async () => {
    const missing = await runStart(["scripts/start.ts"], { SMTP_URL });
    expect(missing.output).toContain("PORTAL_URL is not set");
    expect(missing.code).toBe(1);
    const plainHttp = await runStart(["scripts/start.ts"], { SMTP_URL, NEXTAUTH_URL: "http://portal.district.example.org" });
    expect(plainHttp.output).toMatch(/NEXTAUTH_URL \(http:\/\/portal\.district\.example\.org\) must start with https:\/\//);
    expect(plainHttp.code).toBe(1);
    expect(missing.seeded || plainHttp.seeded).toBe(false);
  });

  it("never seeds the demo district into an empty database", async () => {
    expect(await prisma.student.count()).toBe(0);
    const outcome = await runStart(["scripts/start.ts", "--migrate-only"], { SMTP_URL, PORTAL_URL: HTTPS_URL });
    expect(outcome.seeded, outcome.output).toBe(false);
    expect(outcome.output).not.toContain("Seeding the demo district");
    expect(outcome.code, outcome.output).toBe(0);
    expect(await prisma.staffUser.count()).toBe(0);
  });
});

describe("the server itself (scripts/serve.ts, what npm start runs)", () => {
  it("refuses without SMTP_URL and without an https public URL, whoever starts it", async () => {
    const noSmtp = await runStart(["scripts/serve.ts"], { PORTAL_URL: HTTPS_URL });
    expect(noSmtp.code).toBe(1);
    expect(noSmtp.output).toContain("SMTP_URL is not set");
    const noHttps = await runStart(["scripts/serve.ts"], { SMTP_URL, PORTAL_URL: "http://portal.district.example.org" });
    expect(noHttps.code).toBe(1);
    expect(noHttps.output).toContain("PORTAL_URL (http://portal.district.example.org) must start with https://");
  });
});
