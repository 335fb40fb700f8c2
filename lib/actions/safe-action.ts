// Wrappers for server actions: parse input with zod, authorize on the server, turn every
// failure into an ActionResult. No action body runs on unparsed input or without a check.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getStaffPrincipal, getStaffSessionPrincipal, type StaffPrincipal } from "@/lib/auth/current-principal";
import type { StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { currentClientIp } from "@/lib/http/client-ip";
import { ActionFailure, actionError, type ActionResult } from "@/lib/actions/action-result";
import { logger } from "@/lib/ops/logger";

export interface StaffActionContext {
  staff: StaffPrincipal;
  ip: string;
}

export interface PublicActionContext {
  ip: string;
}

/** Field errors keyed by the dotted path of the offending field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

async function runHandler<T>(run: () => Promise<T>, genericError: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() must propagate
    if (error instanceof ActionFailure) return actionError(error.code, error.message, error.fieldErrors);
    logger.error({ err: error }, "server action failed unexpectedly");
    return actionError("error", genericError);
  }
}

/** A console action: signed-in staff with `permission`, input parsed by `schema`. */
export function staffAction<S extends z.ZodType, T>(
  options: { schema: S; permission: Permission },
  handler: (input: z.infer<S>, ctx: StaffActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (rawInput) => {
    const staff = await getStaffPrincipal();
    if (!staff) return actionError("unauthorized", "Your session has ended. Please sign in again.");
    if (!hasPermission(staff.role, options.permission)) {
      return actionError("forbidden", "You do not have permission to do this.");
    }
    const parsed = options.schema.safeParse(rawInput);
    if (!parsed.success) {
      return actionError("invalid", "Some fields need attention.", fieldErrorsOf(parsed.error));
    }
    const ip = await currentClientIp();
    return runHandler(() => handler(parsed.data, { staff, ip }), "Something went wrong. Nothing was changed; please try again.");
  };
}

/**
 * An action of a setup step (lib/staff-auth/staff-setup-step.ts): open to a session restricted
 * to `step` and to staff whose console is open (who may come back to it), never to a session
 * restricted to another step.
 */
export function staffSetupAction<S extends z.ZodType, T>(
  options: { schema: S; step: StaffSetupStep },
  handler: (input: z.infer<S>, ctx: StaffActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (rawInput) => {
    const staff = await getStaffSessionPrincipal();
    if (!staff || (staff.setupStep !== null && staff.setupStep !== options.step)) {
      return actionError("unauthorized", "Your session has ended. Please sign in again.");
    }
    const parsed = options.schema.safeParse(rawInput);
    if (!parsed.success) {
      return actionError("invalid", "Some fields need attention.", fieldErrorsOf(parsed.error));
    }
    const ip = await currentClientIp();
    return runHandler(() => handler(parsed.data, { staff, ip }), "Something went wrong. Nothing was changed; please try again.");
  };
}

/**
 * A parent-portal action (no staff session). `messages` localizes the generic errors and
 * `localizeIssue` the zod issues, so the parent reads every message in their language.
 */
export function publicAction<S extends z.ZodType, T>(
  options: {
    schema: S;
    messages: () => Promise<{ invalid: string; error: string; localizeIssue?: (issue: z.core.$ZodRawIssue) => string | undefined }>;
  },
  handler: (input: z.infer<S>, ctx: PublicActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (rawInput) => {
    const messages = await options.messages();
    const parsed = options.schema.safeParse(rawInput, messages.localizeIssue ? { error: messages.localizeIssue } : undefined);
    if (!parsed.success) return actionError("invalid", messages.invalid, fieldErrorsOf(parsed.error));
    const ip = await currentClientIp();
    return runHandler(() => handler(parsed.data, { ip }), messages.error);
  };
}
