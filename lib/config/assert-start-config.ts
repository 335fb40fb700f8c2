// What a production start refuses, checked by the server itself (lib/http/portal-server.ts)
// and, before migrations and the build, by `npm start`: outside demo mode there must be a real
// SMTP server (no process may silently swallow parents' mail) and an https public URL; and in
// every mode a supported Node.js.
import { isDemoMode } from "@/lib/config/demo-mode";
import { publicBaseUrl, PublicUrlError } from "@/lib/config/public-url";
import { unsupportedNodeProblem } from "@/lib/config/supported-node";
import { parseTrustedProxies, TrustedProxiesError } from "@/lib/http/client-address";
import { metricsTokenProblem } from "@/lib/ops/metrics-access";

export class StartRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

export interface StartConfig {
  demo: boolean;
  publicUrl: string;
}

export function assertStartConfig(env: NodeJS.ProcessEnv = process.env, nodeVersion: string = process.versions.node): StartConfig {
  const problems: string[] = [];
  const nodeProblem = unsupportedNodeProblem(nodeVersion);
  if (nodeProblem) problems.push(nodeProblem);
  const demo = isDemoMode(env);
  if (!demo && !env.SMTP_URL?.trim()) {
    problems.push(
      "SMTP_URL is not set: outside demo mode the portal sends real mail and needs a real SMTP server " +
        "(e.g. SMTP_URL=smtp://user:pass@mail.district.org:587). The built-in receiver and Dev inbox exist only in demo mode " +
        "(npm start without DATABASE_URL, or DEMO_MODE=1).",
    );
  }
  let publicUrl = "";
  try {
    publicUrl = publicBaseUrl(env);
  } catch (error) {
    if (!(error instanceof PublicUrlError)) throw error;
    problems.push(error.message);
  }
  try {
    parseTrustedProxies(env.TRUSTED_PROXIES);
  } catch (error) {
    if (!(error instanceof TrustedProxiesError)) throw error;
    problems.push(error.message);
  }
  const metricsProblem = metricsTokenProblem(env.METRICS_TOKEN);
  if (metricsProblem) problems.push(metricsProblem);
  if (problems.length > 0) throw new StartRefusedError(problems);
  return { demo, publicUrl };
}
