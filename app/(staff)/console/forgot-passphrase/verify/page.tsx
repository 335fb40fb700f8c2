// "Get back into your account", verification steps 1 and 2. Step 1 offers the same generic
// choices to everyone; masked hints and the security questions appear only after it passed.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { describeRecoveryFlow } from "@/lib/staff-auth/recovery/describe-recovery-flow";
import { RECOVERY_GATES, type RecoveryGate } from "@/lib/staff-auth/recovery/recovery-gates";
import { securityQuestionText } from "@/lib/staff-auth/security-info/security-question-catalogue";
import { readRecoveryFlowCookie } from "../recovery-flow-cookie";
import { SendCodeForm } from "../_components/send-code-form";
import { CheckCodeForm } from "../_components/check-code-form";
import { QuestionsForm } from "../_components/questions-form";

export const metadata: Metadata = { title: "Verify it's you", referrer: "no-referrer" };

const methodSchema = z.enum(RECOVERY_GATES).nullable().catch(null);

const CHOICE_LABELS: Record<RecoveryGate, string> = {
  sms: "Text my mobile phone",
  email: "E-mail my alternate address",
  totp: "Enter a code from my authenticator app",
  "recovery-code": "Enter a recovery code",
  questions: "Answer my security questions",
};

export default async function RecoveryVerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await describeRecoveryFlow(await readRecoveryFlowCookie());
  if (view.stage === "new-passphrase") redirect("/console/forgot-passphrase/new-passphrase");
  if (view.stage === "expired") {
    return (
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
        <h1 className="text-2xl font-semibold text-slate-900">Start again</h1>
        <p role="alert" className="mt-2 text-sm text-slate-700">This attempt has expired (15 minutes) or was finished.</p>
        <Link href="/console/forgot-passphrase" className="mt-4 text-sm font-medium text-blue-700 underline">
          Get back into your account
        </Link>
      </main>
    );
  }
  const raw = (await searchParams).method;
  const chosen = methodSchema.parse(typeof raw === "string" ? raw : null);
  const method = chosen && view.choices.includes(chosen) ? chosen : null;
  const hint = (gate: RecoveryGate) => (gate === "sms" ? view.hints.phone : gate === "email" ? view.hints.email : undefined);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <p className="text-sm font-medium text-slate-600">Verification step {view.step} of 2</p>
      <h1 className="text-2xl font-semibold text-slate-900">Choose how to verify it&rsquo;s you</h1>
      {view.step === 2 ? (
        <p className="mt-1 text-sm text-slate-600">Step 1 passed. Use a different method for step 2.</p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          If you have an authenticator app or a passkey, one of the two steps must be the app or one of your recovery codes.
        </p>
      )}
      <ul className="mt-4 space-y-2">
        {view.choices.map((gate) => (
          <li key={gate}>
            <Link
              href={`/console/forgot-passphrase/verify?method=${gate}`}
              aria-current={gate === method ? "true" : undefined}
              className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 hover:bg-slate-50 aria-[current=true]:border-blue-700"
            >
              {CHOICE_LABELS[gate]}
              {hint(gate) ? <span className="ml-1 text-slate-600">({hint(gate)})</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {method ? (
        <section className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-label={CHOICE_LABELS[method]}>
          {method === "sms" || method === "email" ? <SendCodeForm method={method} /> : null}
          {method === "questions" ? (
            <QuestionsForm questions={(view.hints.questionKeys ?? []).map((key) => ({ key, text: securityQuestionText(key) ?? key }))} />
          ) : (
            <CheckCodeForm method={method} />
          )}
        </section>
      ) : null}
      <p className="mt-6 text-sm text-slate-600">
        None of these work for you? Contact the help desk.{" "}
        <Link href="/console/forgot-passphrase/cant-sign-in" className="font-medium text-blue-700 underline">
          Other ways back in
        </Link>
      </p>
    </main>
  );
}
