// What a site admin may save as a connected app (an OpenID Connect client of the provider).
// URIs arrive as one text (a URI a line) and leave as a de-duplicated list of exact strings:
// the provider compares redirect URIs exactly, so nothing is normalised beyond trimming.
import { z } from "zod";
import { IDENTIFIER_CLAIMS } from "@/lib/oidc/client-metadata";

export const APP_SCOPES = ["openid", "profile", "email", "students", "offline_access"] as const;
export const CLIENT_TYPES = ["confidential", "public"] as const;
export const MAX_URIS = 10;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why `value` is not an acceptable app URI, or null: absolute https (http only on this machine), no fragment, no credentials. */
export function appUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${value} is not an absolute URI.`;
  }
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) return `${value} must use https (http is only for localhost or 127.0.0.1).`;
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${value} must be an https:// address.`;
  if (value.includes("#")) return `${value} must not contain a fragment (#).`;
  if (url.username || url.password) return `${value} must not contain a user name or password.`;
  return null;
}

const uriList = (what: string, options: { required: boolean }) =>
  z
    .string()
    .max(10_000, "This list is too long.")
    .transform((text, ctx) => {
      const uris = [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))];
      if (options.required && uris.length === 0) ctx.addIssue({ code: "custom", message: `Enter at least one ${what}.` });
      else if (uris.length > MAX_URIS) ctx.addIssue({ code: "custom", message: `List at most ${MAX_URIS} ${what}s.` });
      else if (uris.some((uri) => uri.length > 2000)) ctx.addIssue({ code: "custom", message: `Keep each ${what} to 2,000 characters.` });
      else {
        const problems = uris.map(appUriProblem).filter((problem): problem is string => problem !== null);
        if (problems.length === 0) return uris;
        ctx.addIssue({ code: "custom", message: problems.slice(0, 2).join(" ") });
      }
      return z.NEVER;
    });

const optionalUri = z
  .string()
  .trim()
  .max(2000, "Keep the URI to 2,000 characters.")
  .transform((value, ctx) => {
    if (!value) return null;
    const problem = appUriProblem(value);
    if (!problem) return value;
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  });

/** The fields of the register and edit forms. */
export const connectedAppFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter the app's name.").max(120, "Use at most 120 characters."),
  redirectUris: uriList("redirect URI", { required: true }),
  postLogoutRedirectUris: uriList("post-logout redirect URI", { required: false }),
  backchannelLogoutUri: optionalUri,
  firstParty: z.boolean({ error: "Choose whether the app is the district's own." }),
  scopes: z
    .array(z.enum(APP_SCOPES, { error: "Choose scopes from the list." }))
    .max(APP_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)])
    .refine((scopes) => scopes.includes("openid"), "The openid scope is required."),
  identifierClaim: z.enum(IDENTIFIER_CLAIMS, { error: "Choose sub, email or sis_id." }),
});
export type ConnectedAppFieldsInput = z.input<typeof connectedAppFieldsSchema>;
export type ConnectedAppFields = z.output<typeof connectedAppFieldsSchema>;

export const appIdSchema = z.number({ error: "Choose an app." }).int().positive().max(2_147_483_647);

export const registerConnectedAppSchema = connectedAppFieldsSchema.extend({
  clientType: z.enum(CLIENT_TYPES, { error: "Choose confidential or public." }),
});
export type RegisterConnectedAppInput = z.output<typeof registerConnectedAppSchema>;

export const updateConnectedAppSchema = connectedAppFieldsSchema.extend({ id: appIdSchema });
export type UpdateConnectedAppInput = z.output<typeof updateConnectedAppSchema>;

export const rotateClientSecretSchema = z.object({ id: appIdSchema });
export const setConnectedAppDisabledSchema = z.object({ id: appIdSchema, disabled: z.boolean() });
