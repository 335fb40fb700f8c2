// Message catalogs: one JSON file per namespace and locale (messages/<locale>/<Namespace>.json),
// so each feature owns its own files. Read by pages (lib/i18n/request.ts) and outside React for mail.
import type { AppLocale } from "@/lib/i18n/locales";
import type Common from "@/messages/en/Common.json";
import type Validation from "@/messages/en/Validation.json";
import type SignIn from "@/messages/en/SignIn.json";
import type CreateAccount from "@/messages/en/CreateAccount.json";
import type ChangePassword from "@/messages/en/ChangePassword.json";
import type Home from "@/messages/en/Home.json";
import type ForgotUsername from "@/messages/en/ForgotUsername.json";
import type ForgotPassword from "@/messages/en/ForgotPassword.json";
import type EmailPolicy from "@/messages/en/EmailPolicy.json";
import type AppSignIn from "@/messages/en/AppSignIn.json";

/** The English catalogs define the shape; the other languages must match it (tested). */
export interface Messages {
  Common: typeof Common;
  Validation: typeof Validation;
  SignIn: typeof SignIn;
  CreateAccount: typeof CreateAccount;
  ChangePassword: typeof ChangePassword;
  Home: typeof Home;
  ForgotUsername: typeof ForgotUsername;
  ForgotPassword: typeof ForgotPassword;
  EmailPolicy: typeof EmailPolicy;
  AppSignIn: typeof AppSignIn;
}

/** Every namespace, in the order they are merged. Add a feature's namespace here. */
export const NAMESPACES = ["Common", "Validation", "SignIn", "CreateAccount", "ChangePassword", "Home", "ForgotUsername", "ForgotPassword", "EmailPolicy", "AppSignIn"] as const satisfies readonly (keyof Messages)[];

async function importMessages(locale: AppLocale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (namespace) => [namespace, (await import(`../../messages/${locale}/${namespace}.json`)).default] as const),
  );
  return Object.fromEntries(entries) as unknown as Messages;
}

// The catalogs are files of the build: merged once per locale and process, not on every page.
const loaded = new Map<AppLocale, Promise<Messages>>();

export function loadMessages(locale: AppLocale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    messages = importMessages(locale);
    loaded.set(locale, messages);
    messages.catch(() => loaded.delete(locale));
  }
  return messages;
}
