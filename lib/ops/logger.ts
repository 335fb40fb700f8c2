// The process's structured log: one JSON object per line on standard output (pino), for the
// district's log collector. LOG_LEVEL sets the level (fatal, error, warn, info, debug, trace,
// silent; default info). What is logged is chosen field by field at each call; as a second
// line of defence, fields that could hold a secret are replaced by "[redacted]" at the top
// level and two levels down, and errors are reduced to their first line (an ORM error's
// later lines can quote the values of the failed query).
import pino, { type Logger } from "pino";
import { currentRequestId } from "@/lib/ops/request-context";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Field names that never reach a log line with their value. */
export const REDACTED_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "confirmPassword",
  "passwordConfirm",
  "passwordHash",
  "passphrase",
  "newPassphrase",
  "currentPassphrase",
  "confirmPassphrase",
  "confirmation",
  "temporaryPassword",
  "code",
  "codeHash",
  "token",
  "secret",
  "cookie",
  "authorization",
  "params",
  "html",
  "text",
  "body",
] as const;

const REDACTED = new Set<string>(REDACTED_FIELDS);

/**
 * The line's fields with every secret-bearing one replaced, at the top and two levels down; the
 * object itself when there is none (the usual case: no copy). A hand walk rather than pino's
 * `redact`, whose wildcard paths cost about ten times the rest of a line.
 */
export function redactSecrets(fields: Record<string, unknown>, depth = 2): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    let safe = value;
    if (REDACTED.has(key)) safe = "[redacted]";
    else if (depth > 0 && value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Error)) {
      safe = redactSecrets(value as Record<string, unknown>, depth - 1);
    }
    if (safe !== value) (copy ??= { ...fields })[key] = safe;
  }
  return copy ?? fields;
}

/** An error as a log field: its kind and first line, and where it happened (never the rest of its message). */
export function errorForLog(error: unknown): { type: string; message: string; errorCode?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).split("\n")[0]!.slice(0, 300) };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.startsWith("    at ")).slice(0, 8).join("\n");
  return {
    type: error.name,
    message: (error.message.split("\n").find((line) => line.trim() !== "") ?? "").trim().slice(0, 300),
    // Not "code": that field is redacted (security codes).
    ...(typeof code === "string" ? { errorCode: code } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}

function levelFrom(env: string | undefined): { level: string; unknown: string | null } {
  const wanted = env?.trim().toLowerCase();
  if (!wanted) return { level: "info", unknown: null };
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? { level: wanted, unknown: null } : { level: "info", unknown: wanted };
}

function createLogger(): Logger {
  const { level, unknown } = levelFrom(process.env.LOG_LEVEL);
  const created = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (fields) => redactSecrets(fields) },
      serializers: { err: errorForLog },
      // Every line written while serving a request carries its id (as its audit events do).
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    // Through process.stdout (synchronous for files and pipes): a line is complete even when
    // the process is killed right after, and every copy of this module writes to one stream.
    process.stdout,
  );
  if (unknown) created.warn({ logLevel: unknown }, "LOG_LEVEL is not a known level; using info");
  return created;
}

// One logger per process, shared by the server (loaded by tsx) and the app (Next.js's bundle).
const KEY = Symbol.for("parent-portal.logger");
const holder = globalThis as unknown as Record<symbol, Logger | undefined>;

export const logger: Logger = (holder[KEY] ??= createLogger());

/** The logger of one background job: every line carries `job`. */
export function jobLogger(job: string): Logger {
  return logger.child({ job });
}
