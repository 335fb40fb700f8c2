// When the provider asks for a sign-in although its browser session names someone: the
// library's checks (no session, prompt=login, max_age, id_token_hint, ...) plus two of ours:
// - the session's account may no longer sign in (reset, disabled: findAccount
//   found nothing), so the person signs in again rather than meeting an error;
// - a parent signed out of the portal in this browser (or signed in there as someone else) is
//   signed out of the apps too: on a family's shared device, the next person to open an app
//   must not continue as the parent. Student logins have no portal session: not checked.
import { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import { describeOidcSubject } from "@/lib/oidc/account";
import { portalParentSession } from "@/lib/oidc/portal-parent-session";

const { Check } = interactionPolicy;

export function oidcInteractionPolicy() {
  const policy = interactionPolicy.base();
  const login = policy.get("login")!;
  login.checks.add(
    new Check("account_unusable", "the session's account may not sign in", "login_required", (ctx: KoaContextWithOIDC) =>
      ctx.oidc.session?.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  );
  login.checks.add(
    new Check("portal_signed_out", "the parent is no longer signed in to the portal in this browser", "login_required", async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || ctx.oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
      if ((await describeOidcSubject(accountId))?.userType !== "parent") return Check.NO_NEED_TO_PROMPT;
      const parent = await portalParentSession(ctx.req);
      return parent?.oidcSubject === accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}
