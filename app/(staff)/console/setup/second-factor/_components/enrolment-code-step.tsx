"use client";
// Step 1: a code sent to the district mailbox, or one a site admin gave you.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/ui/form-alert";
import { sendEnrolmentCodeAction } from "../_actions/send-enrolment-code-action";
import { unlockEnrolmentAction } from "../_actions/unlock-enrolment-action";

export function EnrolmentCodeStep({ email }: { email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  function onSend() {
    startTransition(async () => {
      const result = await sendEnrolmentCodeAction({});
      setMessage(result.ok ? { tone: "success", text: `We sent a code to ${result.data.sentTo}. It works for 10 minutes.` } : { tone: "error", text: result.error });
    });
  }

  function onSubmit(form: FormData) {
    startTransition(async () => {
      const result = await unlockEnrolmentAction({ code: String(form.get("code") ?? "") });
      if (result.ok) router.refresh();
      else setMessage({ tone: "error", text: result.code === "invalid" && result.error === "Some fields need attention." ? (result.fieldErrors?.code?.[0] ?? result.error) : result.error });
    });
  }

  return (
    <section aria-labelledby="step-1" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="step-1" className="text-lg font-semibold text-slate-900">Step 1: confirm it is you</h2>
      <p className="text-sm text-slate-700">
        Your passphrase alone cannot add an authenticator. Get a code in your district mailbox ({email}), or ask a site admin for a one-time
        enrolment code if you cannot read your mail.
      </p>
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      <Button variant="outline" onClick={onSend} disabled={pending}>
        Email me a code
      </Button>
      <form action={onSubmit} className="space-y-2">
        <label htmlFor="enrolment-code" className="block text-sm font-medium text-slate-800">
          Code from the e-mail or from a site admin
        </label>
        <Input id="enrolment-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        <Button type="submit" disabled={pending}>
          Continue
        </Button>
      </form>
    </section>
  );
}
