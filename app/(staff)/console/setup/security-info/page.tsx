// "Don't lose access to your account": a staff member registers at least 2 of 3 ways back in
// (mobile phone, alternate e-mail, security questions) before the console opens, re-confirms
// them every so often, and changes them later from "Your account". Every change needs the
// passphrase typed in the last 10 minutes; without it the page asks for it first.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireStaffSetupPage } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { hasRecentReauthentication } from "@/lib/staff-auth/reauthentication";
import { countSecurityMethods, loadStaffSecurityInfo, SECURITY_METHODS_REQUIRED } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { SECURITY_QUESTIONS, securityQuestionText } from "@/lib/staff-auth/security-info/security-question-catalogue";
import { prisma } from "@/lib/db";
import { sendAlternateEmailCodeAction } from "./_actions/send-alternate-email-code-action";
import { sendPhoneCodeAction } from "./_actions/send-phone-code-action";
import { CodeConfirmedMethod } from "./_components/code-confirmed-method";
import { FinishRegistration } from "./_components/finish-registration";
import { REAUTHENTICATE_URL } from "./_components/reauthenticate-url";
import { RemoveMethodButton } from "./_components/remove-method-button";
import { SecurityQuestionsForm } from "./_components/security-questions-form";
import { MethodSection } from "./_components/method-section";

export const metadata: Metadata = { title: "Don't lose access to your account" };

export default async function SecurityInfoPage() {
  const staff = await requireStaffSetupPage("register-security-info");
  if (!(await hasRecentReauthentication(staff.sessionId))) redirect(REAUTHENTICATE_URL);
  const [info, settings] = await Promise.all([loadStaffSecurityInfo(prisma, staff.staffUserId), getDistrictSettings()]);
  const count = countSecurityMethods(info);
  const pending = staff.setupStep === "register-security-info";
  const canRemove = count > SECURITY_METHODS_REQUIRED;
  const domains = settings.staffEmailDomains.join(", ");

  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">Don&apos;t lose access to your account</h1>
        <p className="text-sm text-slate-700">
          If you forget your passphrase, these let you get back into <span className="font-medium">{staff.email}</span> by yourself. Set up at least{" "}
          {SECURITY_METHODS_REQUIRED} of the {settings.staffSecurityQuestionsEnabled ? 3 : 2} ways below
          {pending ? " before you continue to the console" : ""}. We will ask you to confirm them every {settings.staffSecurityInfoReconfirmDays} days.
        </p>
        <p role="status" className="text-sm font-medium text-slate-900" data-testid="methods-registered">
          {count} of {SECURITY_METHODS_REQUIRED} required ways set up.
        </p>
      </header>

      <MethodSection title="Mobile phone" status={info.phone ? `Registered: ${info.phone.masked}` : "Not set up"} action={canRemove && info.phone ? <RemoveMethodButton method="phone" label="mobile phone" /> : null}>
        <p className="text-sm text-slate-600">
          We text a 6-digit code to confirm the number. Text messages can be intercepted (SIM swap): keep an alternate e-mail as well.
        </p>
        <CodeConfirmedMethod method="phone" field="phone" label={info.phone ? "New mobile number" : "Mobile number"} inputType="tel" hint="10 digits (e.g. 503 555 0123), or + and the country code." send={sendPhoneCodeAction} />
      </MethodSection>

      <MethodSection title="Alternate e-mail" status={info.altEmail ? `Registered: ${info.altEmail.masked}` : "Not set up"} action={canRemove && info.altEmail ? <RemoveMethodButton method="altEmail" label="alternate e-mail" /> : null}>
        <p className="text-sm text-slate-600">
          A personal address outside the district{domains ? ` (not ${domains})` : ""}: a district address would be lost together with this account. If you have
          none, the help desk can reset your passphrase instead.
        </p>
        <CodeConfirmedMethod method="altEmail" field="email" label={info.altEmail ? "New alternate e-mail" : "Alternate e-mail"} inputType="email" hint="We send a 6-digit code to confirm it." send={sendAlternateEmailCodeAction} />
      </MethodSection>

      {settings.staffSecurityQuestionsEnabled ? (
        <MethodSection
          title="Security questions"
          status={info.questions ? `Registered: ${info.questions.questionKeys.map((key) => securityQuestionText(key) ?? key).join(" · ")}` : "Not set up"}
          action={canRemove && info.questions ? <RemoveMethodButton method="questions" label="security questions" /> : null}
        >
          <p className="text-sm text-slate-600">
            Choose 3 questions and give 3 different answers. Nobody, not even a site admin, can read your answers; pick ones others cannot look up.
          </p>
          <SecurityQuestionsForm questions={SECURITY_QUESTIONS} registered={Boolean(info.questions)} />
        </MethodSection>
      ) : null}

      <footer className="border-t border-slate-200 pt-4">
        {count < SECURITY_METHODS_REQUIRED ? (
          <p className="text-sm text-slate-700">Set up {SECURITY_METHODS_REQUIRED - count} more to continue.</p>
        ) : pending ? (
          <FinishRegistration />
        ) : (
          <p className="flex gap-4 text-sm">
            <Link href="/console/parents" className="font-medium text-blue-700 underline">
              Continue to the console
            </Link>
            <Link href="/console/account" className="font-medium text-blue-700 underline">
              Your account
            </Link>
          </p>
        )}
      </footer>
    </main>
  );
}
