"use client";
// The registration form: username, one or more student IDs, the parent's name as recorded.
// Outcomes other than success are shown as one message; the temporary password is never
// shown, only the masked address it was mailed to.
import { useState, type FormEvent } from "react";
import Link from "next/link";
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { MAX_STUDENT_IDS } from "@/lib/accounts/account-schemas";
import { TextField } from "../_components/text-field";
import { FormAlert } from "../_components/form-alert";
import { SubmitButton } from "../_components/submit-button";
import { registerParentAction } from "./actions";

type Outcome = Awaited<ReturnType<typeof registerParentAction>>;
type Registered = Extract<Extract<Outcome, { ok: true }>["data"], { status: "registered" }>;

let nextRowKey = 1;

export function CreateAccountForm() {
  const t = useTranslations("CreateAccount");
  const [rows, setRows] = useState<number[]>([0]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [registered, setRegistered] = useState<Registered | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      username: String(form.get("username") ?? ""),
      studentIds: form.getAll("studentId").map(String),
      firstName: String(form.get("firstName") ?? ""),
      lastName: String(form.get("lastName") ?? ""),
    };
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await registerParentAction(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      } else if (result.data.status === "registered") {
        setRegistered(result.data);
      } else if (result.data.status === "rate_limited") {
        setError(t("rateLimited", { minutes: result.data.retryAfterMinutes }));
      } else if (result.data.status === "no_email") {
        setError(t("noEmail", { phone: result.data.supportPhone }));
      } else if (result.data.status === "staff_email") {
        setError(t("staffEmail", { phone: result.data.supportPhone }));
      } else {
        setError(t("noMatch"));
      }
    } catch {
      setError(t("noMatch"));
    }
    setPending(false);
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
        <Link href="/sign-in" className="inline-flex rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
          {t("goToSignIn")}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <TextField
        id="username"
        name="username"
        label={t("usernameLabel")}
        hint={t("usernameHint")}
        errors={fieldErrors.username}
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
                errors={fieldErrors[`studentIds.${index}`]}
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
          <TextField id="firstName" name="firstName" label={t("firstNameLabel")} errors={fieldErrors.firstName} autoComplete="given-name" maxLength={100} required />
          <TextField id="lastName" name="lastName" label={t("lastNameLabel")} errors={fieldErrors.lastName} autoComplete="family-name" maxLength={100} required />
        </div>
      </fieldset>
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
