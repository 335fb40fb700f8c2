"use client";
// The district settings form; every field is validated again on the server.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionForm } from "@/components/ui/use-action-form";
import { DISTRICT_SETTINGS_FIELDS, type DistrictSettingsInput } from "@/lib/settings/district-settings-schema";
import { updateDistrictSettingsAction } from "../_actions/update-district-settings-action";

export type DistrictSettingsFormValues = Record<keyof DistrictSettingsInput, string>;

const TEXT_FIELDS = [
  { name: "districtName", label: "District name", max: 120 },
  { name: "portalName", label: "Portal name", max: 80 },
  { name: "supportPhone", label: "Support phone", max: 40, hint: "Shown to parents in pages and emails." },
  { name: "supportEmail", label: "Support email", max: 254, type: "email" },
  { name: "senderAddress", label: "Sender address", max: 254, type: "email", hint: "The From address of every email." },
] as const;

const NUMBER_FIELDS = [
  { name: "parentPasswordMinLength", label: "Parent password minimum length", min: 8, max: 64 },
  { name: "staffPassphraseMinLength", label: "Staff passphrase minimum length", min: 12, max: 64 },
  { name: "tempPasswordTtlHours", label: "Temporary password valid for (hours)", min: 1, max: 168 },
  { name: "bulkResetCap", label: "Most rows in one bulk reset", min: 1, max: 10000 },
  { name: "helpDeskResetCap", label: "Most rows a help-desk agent resets at once", min: 1, max: 1000 },
  { name: "helpDeskResetsPerHour", label: "Most rows one help-desk agent resets per hour", min: 1, max: 10000 },
] as const;

const RETENTION_FIELDS = [
  { name: "expiredRecordRetentionDays", label: "Delete expired sessions and codes after (days)", min: 1, max: 365 },
  { name: "failedAttemptDataRetentionDays", label: "Erase names and IDs typed in failed attempts after (days)", min: 1, max: 3650 },
  { name: "auditRetentionDays", label: "Delete audit events after (days)", min: 180, max: 3650 },
] as const;

const ROSTER_NUMBER_FIELDS = [
  {
    name: "rosterRemovalGuardPercent",
    label: "Stop a full import that removes more than (percent)",
    min: 0,
    max: 100,
    help: "Share of active students or contacts a full import may remove before it stops and waits for a site admin to confirm.",
  },
  {
    name: "rosterRemovalGraceDays",
    label: "Keep a removed contact's parent login for (days)",
    min: 0,
    max: 365,
    help: "The login is disabled after this; it comes back if the contact reappears in the roster within that time.",
  },
  { name: "rosterUploadMaxMb", label: "Largest roster package to upload (MB)", min: 1, max: 2048, help: "Larger uploads stop at this size and are discarded." },
] as const;

const STAFF_SECURITY_NUMBER_FIELDS = [
  {
    name: "staffSecurityInfoReconfirmDays",
    label: "Staff re-confirm their security info every (days)",
    min: 30,
    max: 1095,
    help: "After this, staff are asked at sign-in whether their phone, alternate e-mail and questions are still right.",
  },
] as const;

const MFA_NUMBER_FIELDS = [
  {
    name: "mfaRememberDays",
    label: "“Don't ask again on this browser” for (days)",
    min: 0,
    max: 30,
    help: "Help desk only; never for site admins. 0 turns the option off.",
  },
] as const;

type NumberField =
  | (typeof NUMBER_FIELDS)[number]
  | (typeof RETENTION_FIELDS)[number]
  | (typeof ROSTER_NUMBER_FIELDS)[number]
  | (typeof STAFF_SECURITY_NUMBER_FIELDS)[number]
  | (typeof MFA_NUMBER_FIELDS)[number];

export function DistrictSettingsForm({ initial }: { initial: DistrictSettingsFormValues }) {
  const form = useActionForm(updateDistrictSettingsAction, {
    toInput: (data) => Object.fromEntries(DISTRICT_SETTINGS_FIELDS.map((field) => [field, String(data.get(field) ?? "")])) as DistrictSettingsFormValues,
    successMessage: ({ changed }) => (changed.length === 0 ? "Nothing changed." : `Saved. Changed: ${changed.join(", ")}.`),
  });
  const numberField = (field: NumberField) => (
    <FormField
      key={field.name}
      name={field.name}
      label={field.label}
      hint={"help" in field ? `${field.min} to ${field.max}. ${field.help}` : `${field.min} to ${field.max}`}
      errors={form.fieldErrors[field.name]}
    >
      {(props) => <Input {...props} type="number" inputMode="numeric" min={field.min} max={field.max} step={1} defaultValue={initial[field.name]} required />}
    </FormField>
  );
  return (
    <form {...form.formProps} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">District</legend>
        {TEXT_FIELDS.map((field) => (
          <FormField key={field.name} name={field.name} label={field.label} hint={"hint" in field ? field.hint : undefined} errors={form.fieldErrors[field.name]}>
            {(props) => <Input {...props} type={"type" in field ? field.type : "text"} defaultValue={initial[field.name]} maxLength={field.max} required />}
          </FormField>
        ))}
        <FormField
          name="staffEmailDomains"
          label="Staff email domains"
          className="sm:col-span-2"
          hint="One per line or comma separated, e.g. district.org. Parents may not use these addresses; new staff must."
          errors={form.fieldErrors.staffEmailDomains}
        >
          {(props) => (
            <textarea
              {...props}
              defaultValue={initial.staffEmailDomains}
              rows={3}
              maxLength={5000}
              className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm aria-[invalid=true]:border-red-600"
            />
          )}
        </FormField>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Limits</legend>
        {NUMBER_FIELDS.map(numberField)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Retention</legend>
        <p className="text-sm text-slate-600 sm:col-span-2">A background job applies these every hour; captured Dev inbox mail is kept 24 hours.</p>
        {RETENTION_FIELDS.map(numberField)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Roster import</legend>
        <FormField
          name="rosterStudentIdSource"
          label="Student ID number comes from"
          className="sm:col-span-2"
          hint="A users.csv column of the OneRoster package: identifier (the default), sourcedId, userIds:<Type> for an entry such as {Local:863}, or metadata.<column> for an extra column."
          errors={form.fieldErrors.rosterStudentIdSource}
        >
          {(props) => <Input {...props} type="text" defaultValue={initial.rosterStudentIdSource} maxLength={120} spellCheck={false} autoComplete="off" required />}
        </FormField>
        {ROSTER_NUMBER_FIELDS.map(numberField)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Staff security info</legend>
        <div className="sm:col-span-2">
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="staffSecurityQuestionsEnabled"
              defaultChecked={initial.staffSecurityQuestionsEnabled === "on"}
              aria-describedby="staffSecurityQuestionsEnabled-hint"
              className="mt-0.5 size-4"
            />
            <span className="font-medium text-slate-900">Security questions count as a way back into a staff account</span>
          </label>
          <p id="staffSecurityQuestionsEnabled-hint" className="mt-1 text-sm text-slate-600">
            OWASP ASVS and NIST advise against security questions (answers can often be found or guessed). Turned off, staff
            register a mobile phone and an alternate e-mail instead, and saved answers stop counting.
          </p>
        </div>
        {STAFF_SECURITY_NUMBER_FIELDS.map(numberField)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Two-step sign-in</legend>
        <p className="text-sm text-slate-600 sm:col-span-2">Site admins always sign in with an authenticator app, a passkey or a recovery code.</p>
        <FormField
          name="mfaRequiredForHelpDesk"
          label="Help desk staff must use two-step sign-in"
          hint="Recommended: help desk staff can reset parent logins."
          errors={form.fieldErrors.mfaRequiredForHelpDesk}
        >
          {(props) => (
            <NativeSelect {...props} defaultValue={initial.mfaRequiredForHelpDesk}>
              <option value="on">On</option>
              <option value="off">Off</option>
            </NativeSelect>
          )}
        </FormField>
        {MFA_NUMBER_FIELDS.map(numberField)}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">Caller verification</legend>
        <p className="text-sm text-slate-600 sm:col-span-2">
          The reset dialog asks how the caller was verified and records the answer in the audit trail. A site admin&apos;s reset of
          more than one parent always needs a reason.
        </p>
        <FormField
          name="callerVerificationMethods"
          label="Ways to verify a caller"
          className="sm:col-span-2"
          hint="One per line; the reset dialog offers them as a checklist."
          errors={form.fieldErrors.callerVerificationMethods}
        >
          {(props) => (
            <textarea
              {...props}
              defaultValue={initial.callerVerificationMethods}
              rows={5}
              maxLength={5000}
              className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm aria-[invalid=true]:border-red-600"
            />
          )}
        </FormField>
        <FormField
          name="callerVerificationRequired"
          label="Help desk must record how the caller was verified"
          hint="Recommended: help desks are the first target of social engineering."
          errors={form.fieldErrors.callerVerificationRequired}
        >
          {(props) => (
            <NativeSelect {...props} defaultValue={initial.callerVerificationRequired}>
              <option value="on">On</option>
              <option value="off">Off</option>
            </NativeSelect>
          )}
        </FormField>
      </fieldset>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
