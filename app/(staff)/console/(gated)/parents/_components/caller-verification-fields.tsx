"use client";
// The reset dialog's questions about the caller: the district's checklist, a ticket number,
// and the reason a site admin's bulk reset needs. The server checks the same rules again.
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { REASON_MAX_LENGTH, TICKET_MAX_LENGTH, type VerificationPolicy } from "@/lib/parents/caller-verification";

export interface CallerVerificationValue {
  methods: string[];
  ticket: string;
  reason: string;
}

export const EMPTY_VERIFICATION: CallerVerificationValue = { methods: [], ticket: "", reason: "" };

/** True when the dialog may submit: what the policy requires is filled in. */
export function verificationComplete(policy: VerificationPolicy, value: CallerVerificationValue): boolean {
  return (!policy.methodRequired || value.methods.length > 0) && (!policy.reasonRequired || value.reason.trim() !== "");
}

export function CallerVerificationFields(props: {
  policy: VerificationPolicy;
  value: CallerVerificationValue;
  onChange: (value: CallerVerificationValue) => void;
  disabled: boolean;
  fieldErrors?: Record<string, string[]>;
}) {
  const { policy, value, onChange, disabled, fieldErrors } = props;
  const toggle = (method: string, checked: boolean) =>
    onChange({ ...value, methods: checked ? [...value.methods, method] : value.methods.filter((other) => other !== method) });
  const methodError = fieldErrors?.["verification.methods"]?.[0];
  const reasonError = fieldErrors?.["verification.reason"]?.[0];
  return (
    <div className="space-y-3 text-sm" data-testid="caller-verification">
      <fieldset className="space-y-1.5" aria-describedby={methodError ? "verification-methods-error" : undefined}>
        <legend className="mb-1 font-medium text-slate-900">
          How was the caller verified?{policy.methodRequired ? " (required)" : " (optional)"}
        </legend>
        {policy.methods.map((method) => (
          <label key={method} className="flex items-start gap-2 text-slate-800">
            <Checkbox className="mt-0.5" checked={value.methods.includes(method)} disabled={disabled} onChange={(event) => toggle(method, event.target.checked)} />
            {method}
          </label>
        ))}
        {methodError ? (
          <p id="verification-methods-error" className="text-red-800">
            {methodError}
          </p>
        ) : null}
      </fieldset>
      <label className="block space-y-1">
        <span className="font-medium text-slate-900">Ticket number (optional)</span>
        <Input value={value.ticket} maxLength={TICKET_MAX_LENGTH} disabled={disabled} autoComplete="off" onChange={(event) => onChange({ ...value, ticket: event.target.value })} />
      </label>
      {policy.reasonRequired ? (
        <label className="block space-y-1">
          <span className="font-medium text-slate-900">Reason for this bulk reset (required, e.g. an incident number)</span>
          <Input
            value={value.reason}
            maxLength={REASON_MAX_LENGTH}
            disabled={disabled}
            autoComplete="off"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "verification-reason-error" : undefined}
            onChange={(event) => onChange({ ...value, reason: event.target.value })}
          />
          {reasonError ? (
            <span id="verification-reason-error" className="block text-red-800">
              {reasonError}
            </span>
          ) : null}
        </label>
      ) : null}
    </div>
  );
}
