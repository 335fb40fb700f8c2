// What the portal's sign-in and consent pages show about a pending provider interaction: the
// app's name and, for consent, the scopes it asks for. Read from storage by uid (the pages run
// inside Next.js, without the provider's cookie helpers); nothing here is trusted for a
// decision: the steps themselves (lib/oidc/interaction-routes.ts) check the interaction cookie.
import { prisma } from "@/lib/db";

export const INTERACTION_UID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

export interface InteractionSummary {
  uid: string;
  appName: string;
  prompt: string;
  missingScopes: string[];
}

interface InteractionPayload {
  params?: { client_id?: unknown };
  prompt?: { name?: unknown; details?: { missingOIDCScope?: unknown } };
}

/** The uid from a page's `app` parameter, when it looks like one. */
export function interactionUidParam(value: string | string[] | undefined): string | null {
  return typeof value === "string" && INTERACTION_UID_PATTERN.test(value) ? value : null;
}

export async function loadInteractionSummary(uid: string): Promise<InteractionSummary | null> {
  const row = await prisma.oidcPayload.findFirst({
    where: { model: "Interaction", id: uid, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    select: { payload: true },
  });
  const payload = row?.payload as InteractionPayload | undefined;
  const clientId = payload?.params?.client_id;
  if (typeof clientId !== "string") return null;
  const client = await prisma.oidcClient.findUnique({ where: { clientId }, select: { name: true, disabledAt: true } });
  if (!client || client.disabledAt) return null;
  const missing = payload?.prompt?.details?.missingOIDCScope;
  return {
    uid,
    appName: client.name,
    prompt: typeof payload?.prompt?.name === "string" ? payload.prompt.name : "",
    missingScopes: Array.isArray(missing) ? missing.filter((scope): scope is string => typeof scope === "string") : [],
  };
}
