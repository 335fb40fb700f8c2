// The shape every e-mail template implements. A template writes its words once per
// language; the composer (compose-email.ts) puts the recipient's language first and the
// other three after it, as the district's multilingual mails do, in text and HTML.
import type { AppLocale } from "@/lib/i18n/locales";

/** District values a mail may mention; from DistrictSettings, never hard-coded. */
export interface DistrictMailInfo {
  districtName: string;
  portalName: string;
  supportPhone: string;
  supportEmail: string;
  /** Absolute base URL of the portal, e.g. https://portal.district.org */
  portalUrl: string;
}

/** One language's version of a mail: plain sentences, no markup (the composer escapes). */
export interface LocalizedEmail {
  subject: string;
  paragraphs: string[];
  /** Optional prominent value (a security code, a username): shown large in HTML. */
  highlight?: { label: string; value: string };
  /** Optional call to action: shown as a button in HTML and as "label: url" in text. */
  action?: { label: string; url: string };
}

export interface EmailTemplate<Params> {
  /** Stable name stored in the outbox row (EmailOutbox.template); listed in templates/index.ts. */
  name: string;
  /**
   * Carries a secret (temporary password, security code) in its params: the outbox erases
   * them once the mail is sent or given up on, so secrets are not kept at rest longer than needed.
   */
  sensitive: boolean;
  /**
   * The languages the mail is written in (default: all four, the recipient's first). Mail to
   * staff is English only, like the console.
   */
  locales?: readonly AppLocale[];
  render(locale: AppLocale, params: Params, district: DistrictMailInfo): LocalizedEmail;
}

export function defineEmailTemplate<Params>(template: EmailTemplate<Params>): EmailTemplate<Params> {
  return template;
}
