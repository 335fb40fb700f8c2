"use server";
// The parent sign-in form posted without JavaScript (before the page's scripts loaded, or
// with scripts off): the same next-auth sign-in, run on the server, so the password goes in
// a POST body and never into a URL. With JavaScript the form signs in through next-auth's client.
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signInWithCredentials } from "@/lib/auth/sign-in-with-credentials";
import type { PostedFormState } from "@/lib/actions/posted-form-state";
import { interactionUidParam } from "@/lib/oidc/interaction-summary";

export async function signInParentFormAction(_state: PostedFormState, formData: FormData): Promise<PostedFormState> {
  const t = await getTranslations("SignIn");
  const refuse = (text: string): PostedFormState => ({ fieldErrors: {}, message: { tone: "error", text } });
  // Only a posted form reaches here from the page; anything else is a hand-made request.
  if (!(formData instanceof FormData)) return refuse(t("missing"));
  const username = String(formData.get("username") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!username || !password) return refuse(t("missing"));
  const result = await signInWithCredentials("parent", { username, password });
  if (!result.ok) return refuse(result.reason === "rate_limited" ? t("rateLimited") : t("invalid"));
  // The provider's login step goes on there (only to that fixed path: no open redirect);
  // /home sends a temporary-password session on to "Choose your password".
  const app = interactionUidParam(String(formData.get("app") ?? ""));
  redirect(app ? `/oidc/interaction/${app}` : "/home");
}
