// A help desk's busy minute (issue 11, item 5): help-desk agents each searching the grid every
// 2 seconds, parents going through Forgot Username and Forgot Password (pages and posts), and a
// site admin's bulk reset of up to 10,000 rows a quarter of the way in. Open loop: an agent
// searches on its own schedule whatever the server's pace, as people do. The load generator
// plays the load balancer: it spreads agents and parents over the instances and gives each
// parent's flow its own client address in X-Forwarded-For (the servers trust 127.0.0.1 as a
// proxy), since the per-address recovery limits would otherwise count every parent as one.
import { setTimeout as sleep } from "node:timers/promises";
import type { BuiltAction } from "@/tests/helpers/server-action-http";
import { callServerAction, type ActionAnswer } from "@/tests/helpers/server-action-http";
import { LatencyLog, type EndpointFigures } from "./latency-log";

export interface ParentIdentity {
  email: string;
  username: string;
}

export interface WorkingDayOptions {
  baseUrls: string[];
  /** One session per agent (its Cookie header). */
  agentCookies: string[];
  /** Paths of /api/console/parents searches the agents rotate through. */
  searchPaths: string[];
  searchEverySeconds: number;
  parents: number;
  identities: ParentIdentity[];
  actions: { forgotUsername: BuiltAction; requestCode: BuiltAction; reset: BuiltAction };
  adminCookie: string;
  /** The search whose matching rows the bulk reset covers; none: no bulk reset (a warm-up). */
  bulkSearch?: { q: string; letter: string };
  durationSeconds: number;
  /**
   * The first parent flow's number: each flow takes identity and client address by its number,
   * so runs against the same database give each their own range (the per-account recovery
   * limits outlast a run).
   */
  firstFlow: number;
}

export interface WorkingDayResult {
  endpoints: EndpointFigures[];
  bulkReset?: { seconds: number; resetRows: number; failure?: string };
  /** Parent flows started (the next run's firstFlow adds this). */
  flows: number;
}

const BULK_RESET_AT = 0.25;

/** A distinct documentation-range client address per flow (198.18.0.0/15, for benchmarks). */
function clientAddress(flow: number): string {
  return `198.${18 + ((flow >> 16) & 1)}.${(flow >> 8) & 255}.${flow & 255}`;
}

/** The action's failure as text, or undefined when it answered { ok: true }. */
function actionFailure(answer: ActionAnswer): string | undefined {
  if (answer.kind === "result" && (answer.value as { ok?: boolean } | undefined)?.ok === true) return undefined;
  return JSON.stringify(answer).slice(0, 200);
}

/** A GET's failure as text (anything but 200), or undefined. */
async function getFailure(url: string, headers: Record<string, string>): Promise<string | undefined> {
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = await response.text();
  return response.status === 200 ? undefined : `${response.status} ${body.slice(0, 120)}`;
}

export async function runWorkingDay(options: WorkingDayOptions): Promise<WorkingDayResult> {
  const log = new LatencyLog();
  const started = performance.now();
  const endsAt = started + options.durationSeconds * 1000;
  const running = () => performance.now() < endsAt;
  const thinkTime = () => sleep(500 + Math.random() * 1000);

  const agent = async (index: number) => {
    const baseUrl = options.baseUrls[index % options.baseUrls.length]!;
    const cookie = options.agentCookies[index]!;
    const period = options.searchEverySeconds * 1000;
    // Agents do not all start in the same instant: each begins somewhere in the first period.
    let next = started + Math.random() * period;
    for (let turn = 0; ; turn++) {
      await sleep(Math.max(0, next - performance.now()));
      if (!running()) return;
      const path = options.searchPaths[(index * 7 + turn) % options.searchPaths.length]!;
      await log.time("GET /api/console/parents (agents)", () => getFailure(`${baseUrl}${path}`, { Cookie: cookie }));
      next = Math.max(next + period, performance.now());
    }
  };

  let flows = options.firstFlow;
  const parent = async (index: number) => {
    const baseUrl = options.baseUrls[index % options.baseUrls.length]!;
    await sleep(Math.random() * 2000);
    while (running()) {
      const flow = flows++;
      const headers = { "X-Forwarded-For": clientAddress(flow) };
      // One flow in four types an address or name the district does not know (same answers).
      const known = flow % 4 !== 3;
      const who = known ? options.identities[flow % options.identities.length]! : { email: `nobody.${flow}@example.net`, username: `nobody.${flow}` };
      await log.time("GET /forgot-username", () => getFailure(`${baseUrl}/forgot-username`, headers));
      await thinkTime();
      await log.time("POST forgot username (action)", async () =>
        actionFailure(await callServerAction(baseUrl, options.actions.forgotUsername, [{ email: who.email, emailConfirm: who.email }], "", undefined, headers)),
      );
      await thinkTime();
      await log.time("GET /forgot-password", () => getFailure(`${baseUrl}/forgot-password`, headers));
      await thinkTime();
      await log.time("POST forgot password (action)", async () =>
        actionFailure(await callServerAction(baseUrl, options.actions.requestCode, [{ username: who.username }], "", undefined, headers)),
      );
      await thinkTime();
    }
  };

  const bulkReset = async (bulkSearch: { q: string; letter: string }): Promise<WorkingDayResult["bulkReset"]> => {
    await sleep(options.durationSeconds * 1000 * BULK_RESET_AT);
    const resetStarted = performance.now();
    const answer = await callServerAction(options.baseUrls[0]!, options.actions.reset, [
      {
        selection: { kind: "matching", search: bulkSearch },
        includeOtherRows: false,
        verification: { methods: ["Called back the phone number on record"], reason: "Load test: bulk reset during the working day" },
      },
    ], options.adminCookie).catch((error: Error) => ({ kind: "http" as const, status: 0, text: error.message }));
    const seconds = (performance.now() - resetStarted) / 1000;
    const failure = actionFailure(answer);
    const resetRows = failure ? 0 : ((answer as { value: { data: { resetRows: number } } }).value.data.resetRows ?? 0);
    return { seconds, resetRows, failure };
  };

  const [reset] = await Promise.all([
    options.bulkSearch ? bulkReset(options.bulkSearch) : undefined,
    ...options.agentCookies.map((_, index) => agent(index)),
    ...Array.from({ length: options.parents }, (_, index) => parent(index)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  return { endpoints: log.figures(seconds), bulkReset: reset, flows: flows - options.firstFlow };
}
