"use client";
// The registration form: username, one or more student IDs, the parent's name as recorded.
// Outcomes other than success are shown as one message; the temporary password is never
// shown, only the masked address it was mailed to.
import { useState } from "react";
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { formText } from "@/components/ui/form-text";
import { MAX_STUDENT_IDS } from "@/lib/accounts/account-schemas";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { LinkButton } from "../_components/link-button";
import { useParentActionForm } from "../_components/use-parent-action-form";
import { registerParentAction } from "./actions";

type Outcome = Extract<Awaited<ReturnType<typeof registerParentAction>>, { ok: true }>["data"];
type Registered = Extract<Outcome, { status: "registered" }>;

let nextRowKey = 1;

export function CreateAccountForm() {
  const t = useTranslations("CreateAccount");
  const [rows, setRows] = useState<number[]>([0]);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const form = useParentActionForm(registerParentAction, {
    toInput: (data) => ({ ...formText(data, ["username", "firstName", "lastName"]), studentIds: data.getAll("studentId").map(String) }),
    onSuccess: (data) => {
      if (data.status === "registered") setRegistered(data);
    },
    // Every outcome but "registered" is a refusal the parent reads above the form.
    successMessage: (data) => (data.status === "registered" ? null : { tone: "error", text: refusal(data) }),
  });

  function refusal(data: Outcome): string {
    if (data.status === "rate_limited") return t("rateLimited", { minutes: data.retryAfterMinutes });
    if (data.status === "no_email") return t("noEmail", { phone: data.supportPhone });
    if (data.status === "staff_email") return t("staffEmail", { phone: data.supportPhone });
    return t("noMatch");
  }

  if (registered) {
    return (
      <div className="space-y-4">
        <FormAlert tone="success">
          <p className="font-semibold">{t("successTitle")}</p>
          <p>
            {/* Isolated so the address keeps its left-to-right order inside Arabic text. */}
            {t("successBody", { email: `\u2066${registered.maskedEmail}\u2069`, hours: registered.hours })}
          </p>
        </FormAlert>
        <p className="text-slate-700">{t("successNext")}</p>
        <LinkButton href="/sign-in">{t("goToSignIn")}</LinkButton>
      </div>
    );
  }

  return (
    <form {...form.formProps} noValidate className="space-y-6">
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <TextField
        id="username"
        name="username"
        label={t("usernameLabel")}
        hint={t("usernameHint")}
        errors={form.fieldErrors.username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        ltr
        required
      />
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">{t("childrenLegend")}</legend>
        <p className="text-sm text-slate-600">{t("studentIdHint")}</p>
        {rows.map((key, index) => (
          <div key={key} className="flex items-end gap-2">
            <div className="flex-1">
              <TextField
                id={`studentId-${key}`}
                name="studentId"
                label={t("studentIdLabel", { number: index + 1 })}
                errors={form.fieldErrors[`studentIds.${index}`]}
                inputMode="text"
                autoComplete="off"
                maxLength={20}
                ltr
                required
              />
            </div>
            {rows.length > 1 ? (
              <button
                type="button"
                onClick={() => setRows((current) => current.filter((row) => row !== key))}
                className="mb-0.5 rounded-md border border-slate-300 p-2 text-slate-700 hover:bg-slate-100"
                aria-label={t("removeChild", { number: index + 1 })}
              >
                <X aria-hidden className="size-4" />
              </button>
            ) : null}
          </div>
        ))}
        {rows.length < MAX_STUDENT_IDS ? (
          <button
            type="button"
            onClick={() => setRows((current) => [...current, nextRowKey++])}
            className="inline-flex items-center gap-1 text-sm font-medium text-blue-700 hover:underline"
          >
            <Plus aria-hidden className="size-4" />
            {t("addChild")}
          </button>
        ) : null}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">{t("nameLegend")}</legend>
        <p className="text-sm text-slate-600">{t("nameHint")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id="firstName" label={t("firstNameLabel")} errors={form.fieldErrors.firstName} autoComplete="given-name" maxLength={100} required />
          <TextField id="lastName" label={t("lastNameLabel")} errors={form.fieldErrors.lastName} autoComplete="family-name" maxLength={100} required />
        </div>
      </fieldset>
      <SubmitButton pending={form.pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
