// A route handler's refusal in the one result shape of actions, with its HTTP status.
import { NextResponse } from "next/server";
import { actionError, HTTP_STATUS_BY_CODE, type ActionErrorCode } from "@/lib/actions/action-result";

export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function jsonErrorResponse(code: ActionErrorCode, message: string, fieldErrors?: Record<string, string[]>, status = HTTP_STATUS_BY_CODE[code]) {
  return NextResponse.json(actionError(code, message, fieldErrors), { status, headers: NO_STORE });
}
