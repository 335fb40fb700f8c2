"use client";
// A method confirmed by a code (mobile phone, alternate e-mail): type the number or address,
// get a code there, type the code back. Only then is it registered (the server decides).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/action-result";
import { confirmSecurityInfoCodeAction } from "../_actions/confirm-security-info-code-action";
import { reauthenticateIfAsked } from "./reauthenticate-url";

interface CodeConfirmedMethodProps {
  method: "phone" | "altEmail";
  field: "phone" | "email";
  label: string;
  inputType: "tel" | "email";
  hint: string;
  send: (input: { phone: string } & { email: string }) => Promise<ActionResult<{ sentTo: string }>>;
}

export function CodeConfirmedMethod({ method, field, label, inputType, hint, send }: CodeConfirmedMethodProps) {
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sendForm = useActionForm(send, {
    toInput: (data) => ({ phone: "", email: "", [field]: String(data.get(field) ?? "") }) as { phone: string } & { email: string },
    navigateTo: reauthenticateIfAsked,
    onSuccess: (data) => setSentTo(data.sentTo),
    successMessage: (data) => `We sent a 6-digit code to ${data.sentTo}. It expires in 10 minutes.`,
  });
  const codeForm = useActionForm(confirmSecurityInfoCodeAction, {
    toInput: (data) => ({ method, code: String(data.get("code") ?? "") }),
    navigateTo: reauthenticateIfAsked,
    successMessage: (data) => `Registered: ${data.registered}.`,
    onSuccess: (_data, form) => {
      form.reset();
      setSentTo(null);
      router.refresh();
    },
  });
  return (
    <div className="space-y-4">
      <form {...sendForm.formProps} noValidate className="flex flex-wrap items-end gap-3">
        <FormField name={field} label={label} hint={hint} errors={sendForm.fieldErrors[field]} className="min-w-64 flex-1">
          {(props) => <Input {...props} type={inputType} autoComplete={inputType === "tel" ? "tel" : "email"} required maxLength={254} />}
        </FormField>
        <Button type="submit" variant="outline" disabled={sendForm.pending} aria-busy={sendForm.pending}>
          {sendForm.pending ? "Sending…" : sentTo ? "Send a new code" : "Send a code"}
        </Button>
      </form>
      {sendForm.message ? <FormAlert tone={sendForm.message.tone}>{sendForm.message.text}</FormAlert> : null}
      {sentTo ? (
        <form {...codeForm.formProps} noValidate className="flex flex-wrap items-end gap-3">
          <FormField name="code" label={`Code sent to ${sentTo}`} errors={codeForm.fieldErrors.code} className="w-48">
            {(props) => <Input {...props} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />}
          </FormField>
          <Button type="submit" disabled={codeForm.pending} aria-busy={codeForm.pending}>
            {codeForm.pending ? "Checking…" : "Confirm"}
          </Button>
        </form>
      ) : null}
      {codeForm.message ? <FormAlert tone={codeForm.message.tone}>{codeForm.message.text}</FormAlert> : null}
    </div>
  );
}
