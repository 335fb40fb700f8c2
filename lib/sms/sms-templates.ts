// Every text message by name. The SMS outbox stores a template's name and params; the worker
// renders the text here when it sends, with the district's name current then. Messages are
// short, English (console staff), and carry no links (SMS-phishing hygiene).
import type { DistrictMailInfo } from "@/lib/mail/email-template";

type SmsDistrict = Pick<DistrictMailInfo, "districtName" | "supportPhone">;

interface SmsTemplateDefinitions {
  /** A 6-digit staff verification code (lib/staff-auth/verification-code.ts). */
  "staff-verification-code": { code: string; validMinutes: number };
  /** A change to the person's security info or passphrase, sent through a channel other than the one changed. */
  "staff-security-notice": { what: string };
}

export type SmsTemplateName = keyof SmsTemplateDefinitions;
export type SmsTemplateParams<Name extends SmsTemplateName> = SmsTemplateDefinitions[Name];

interface SmsTemplate<Name extends SmsTemplateName> {
  /** Carries a secret: the outbox erases its params once sent or given up on. */
  sensitive: boolean;
  render(params: SmsTemplateParams<Name>, district: SmsDistrict): string;
}

const groupDigits = (code: string) => (code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code);

export const SMS_TEMPLATES: { [Name in SmsTemplateName]: SmsTemplate<Name> } = {
  "staff-verification-code": {
    sensitive: true,
    render: ({ code, validMinutes }, district) =>
      `${district.districtName}: your verification code is ${groupDigits(code)}. It expires in ${validMinutes} minutes. Never share it; staff will never ask for it.`,
  },
  "staff-security-notice": {
    sensitive: false,
    render: ({ what }, district) =>
      `${district.districtName}: ${what} If this was not you, call the help desk at ${district.supportPhone}.`,
  },
};

export function isSmsTemplateName(name: string): name is SmsTemplateName {
  return Object.prototype.hasOwnProperty.call(SMS_TEMPLATES, name);
}

/** The text of a queued message, or the reason it can never be sent (unknown template, bad params). */
export function renderSms(row: { template: string; params: unknown }, district: SmsDistrict): { body: string } | { problem: string } {
  if (!isSmsTemplateName(row.template)) return { problem: `Unknown SMS template "${row.template}": not sent` };
  try {
    const template = SMS_TEMPLATES[row.template] as SmsTemplate<SmsTemplateName>;
    const body = template.render(row.params as never, district);
    if (/undefined/.test(body)) return { problem: `SMS template "${row.template}" is missing params: not sent` };
    return { body };
  } catch (error) {
    return { problem: `Could not render SMS template "${row.template}": ${(error as Error).message}`.slice(0, 500) };
  }
}
