// The portal runs on Node.js 24 LTS (issue 11): a start on an older Node.js is refused, the
// engines field says the same, and the tests themselves run on it (npm scripts put the `node`
// package's binary from node_modules/.bin first on PATH).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assertStartConfig } from "@/lib/config/assert-start-config";
import { isSupportedNodeVersion, MINIMUM_NODE_VERSION } from "@/lib/config/supported-node";

const START_ENV = { DEMO_MODE: "", SMTP_URL: "smtp://mail.example.org:587", PORTAL_URL: "https://portal.example.org" } as unknown as NodeJS.ProcessEnv;

describe("supported Node.js", () => {
  it.each(["20.20.2", "22.22.0", "24.10.0", "v23.11.1"])("%s is not supported", (version) => {
    expect(isSupportedNodeVersion(version)).toBe(false);
  });

  it.each(["24.11.0", "24.21.0", "v24.11.1", "25.0.0", "26.10.0"])("%s is supported", (version) => {
    expect(isSupportedNodeVersion(version)).toBe(true);
  });

  it("a start on Node.js 20 is refused, naming the version and how to get a supported one", () => {
    expect(() => assertStartConfig(START_ENV, "20.20.2")).toThrow(/Node\.js 20\.20\.2 is not supported.*npm ci/s);
    expect(assertStartConfig(START_ENV, "24.21.0").publicUrl).toBe("https://portal.example.org");
  });

  it("package.json's engines asks for the same minimum", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string }; dependencies: Record<string, string> };
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
    expect(isSupportedNodeVersion(manifest.dependencies.node!)).toBe(true);
  });

  it("the tests run on a supported Node.js", () => {
    expect(isSupportedNodeVersion(process.versions.node), `running on ${process.version} (${process.execPath})`).toBe(true);
  });
});
