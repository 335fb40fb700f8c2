// Where a parent's self-service request came from: the source address (limits, audit) and the
// language of the page they used, which the mail it triggers reads in first (without one,
// e.g. from a script, the contact's stored language).
import type { AppLocale } from "@/lib/i18n/locales";

export interface SelfServiceContext {
  ip: string;
  locale?: AppLocale;
}
