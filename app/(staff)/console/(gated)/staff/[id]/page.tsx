// One staff member's sign-in and recovery set-up, for site admins (issue 9, item 7): methods
// registered (masked), two-step sign-in, last sign-in and passphrase change, self-service
// block; actions that never show or set a secret.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { loadStaffSecurityOverview } from "@/lib/staff/staff-security-overview";
import { STAFF_ROLE_LABELS } from "@/lib/staff/staff-user-schemas";
import { SendSetupLinkButton } from "../_components/send-setup-link-button";
import { StaffSecurityActionButton } from "../_components/staff-security-action-button";

export const metadata: Metadata = { title: "Staff member" };

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never");

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 px-4 py-2 text-sm">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="col-span-2 text-slate-900">{children}</dd>
    </div>
  );
}

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireStaffPage("staff:manage");
  const parsed = idSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const person = await loadStaffSecurityOverview(parsed.data);
  if (!person) notFound();
  const self = person.id === me.staffUserId;
  const removeButton = (method: "phone" | "altEmail" | "questions", what: string) =>
    self ? null : (
      <StaffSecurityActionButton
        staffUserId={person.id}
        action={{ kind: "remove-method", method }}
        label={`Remove ${what}`}
        confirmation={`Remove ${person.name}'s ${what}? They are told, and may have to register another method at their next sign-in.`}
        done={`Removed. ${person.name} was told.`}
      />
    );
  return (
    <div className="space-y-6">
      <Link href="/console/staff" className="text-sm font-medium text-blue-700 underline">
        ← Staff
      </Link>
      <h1 className="text-xl font-semibold text-slate-900">{person.name}</h1>
      <p className="text-sm text-slate-700">
        {person.email} · {STAFF_ROLE_LABELS[person.role]} {person.disabled ? <Badge tone="danger">Disabled</Badge> : null}
      </p>
      <section aria-labelledby="sign-in-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="sign-in-heading" className="border-b border-slate-200 px-4 py-2 text-base font-semibold text-slate-900">
          Sign-in
        </h2>
        <dl className="divide-y divide-slate-100">
          <Row label="Last sign-in">{when(person.lastSignInAt)}</Row>
          <Row label="Last passphrase change">{when(person.passphraseChangedAt)}</Row>
          <Row label="Two-step sign-in">
            {person.mfa.on ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>}{" "}
            <span className="text-slate-600">
              Authenticator app: {person.mfa.totp ? "yes" : "no"} · Passkeys: {person.mfa.passkeys} · Recovery codes left: {person.mfa.recoveryCodesLeft}
            </span>
          </Row>
        </dl>
      </section>
      <section aria-labelledby="security-info-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="security-info-heading" className="border-b border-slate-200 px-4 py-2 text-base font-semibold text-slate-900">
          Security info (to get back into the account)
        </h2>
        <dl className="divide-y divide-slate-100">
          <Row label="Mobile phone">
            <div className="flex flex-wrap items-start gap-3">
              <span>{person.phone ?? "Not registered"}</span>
              {person.phone ? removeButton("phone", "mobile phone") : null}
            </div>
          </Row>
          <Row label="Alternate e-mail">
            <div className="flex flex-wrap items-start gap-3">
              <span>{person.altEmail ?? "Not registered"}</span>
              {person.altEmail ? removeButton("altEmail", "alternate e-mail") : null}
            </div>
          </Row>
          <Row label="Security questions">
            <div className="flex flex-wrap items-start gap-3">
              <span>{person.questions > 0 ? `${person.questions} answered (answers are never shown)` : "Not registered"}</span>
              {person.questions > 0 ? removeButton("questions", "security questions") : null}
            </div>
          </Row>
          <Row label="Last confirmed">
            {when(person.securityInfoConfirmedAt)} {person.reregistrationRequired ? <Badge tone="warning">Must register again</Badge> : null}
          </Row>
          <Row label="Self-service block">
            {person.selfServiceBlock ? (
              <span>
                <Badge tone="danger">Blocked</Badge> until {when(person.selfServiceBlock.until)} ({person.selfServiceBlock.reason ?? "limit"}). Sign-in
                with the passphrase still works.
              </span>
            ) : (
              "None"
            )}
          </Row>
          <Row label="Two-step sign-in pause">
            {person.secondStepPause ? (
              <span>
                <Badge tone="danger">{person.secondStepPause.stopped ? "Stopped" : "Paused"}</Badge>{" "}
                {person.secondStepPause.stopped
                  ? "after 100 wrong codes in a row, until they get back into their account or you clear it."
                  : `after wrong codes, until ${when(person.secondStepPause.until)}.`}
              </span>
            ) : (
              "None"
            )}
          </Row>
        </dl>
      </section>
      {self ? (
        <p className="text-sm text-slate-600">This is you: another site admin must change your account.</p>
      ) : (
        <section aria-labelledby="actions-heading" className="space-y-3">
          <h2 id="actions-heading" className="text-base font-semibold text-slate-900">
            Actions
          </h2>
          <div className="flex flex-wrap gap-4">
            <StaffSecurityActionButton
              staffUserId={person.id}
              action={{ kind: "require-reregistration" }}
              label="Require re-registration"
              confirmation={`Ask ${person.name} to register their security info again at their next sign-in?`}
              done="Done. They will be asked at their next sign-in."
            />
            {person.selfServiceBlock || person.secondStepPause ? (
              <StaffSecurityActionButton
                staffUserId={person.id}
                action={{ kind: "clear-block" }}
                label="Clear blocks"
                confirmation={`Let ${person.name} use "Get back into your account" and the second sign-in step again now?`}
                done="Block cleared."
              />
            ) : null}
            {person.mfa.totp || person.mfa.passkeys > 0 || person.mfa.recoveryCodesLeft > 0 ? (
              <StaffSecurityActionButton
                staffUserId={person.id}
                action={{ kind: "reset-second-factor" }}
                label="Reset two-step sign-in"
                confirmation={`Only after checking who ${person.name} is (in person, or by calling them back on a number you already had). Remove their authenticator app, passkeys and recovery codes and sign them out? At their next sign-in they set up a new authenticator with a code to their district mailbox or an enrolment code from you.`}
                done={`Reset. ${person.name} was told and sets up a new authenticator at their next sign-in.`}
              />
            ) : null}
            {person.disabled ? null : <SendSetupLinkButton user={person} />}
          </div>
        </section>
      )}
    </div>
  );
}
