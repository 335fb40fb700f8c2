// The one result shape of every server action and JSON route: only redirects are thrown.
export type ActionErrorCode = "invalid" | "unauthorized" | "forbidden" | "rate_limited" | "conflict" | "error";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ActionErrorCode; error: string; fieldErrors?: Record<string, string[]> };

export const HTTP_STATUS_BY_CODE: Record<ActionErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  error: 500,
};

export function actionError(code: ActionErrorCode, error: string, fieldErrors?: Record<string, string[]>) {
  return { ok: false as const, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** A failure the domain expects and the user should read (e.g. "username taken"). */
export class ActionFailure extends Error {
  constructor(
    public readonly code: ActionErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ActionFailure";
  }
}
