"use client";
// Confirms a reset: loads what it would touch (rows, distinct logins, other rows of the same
// parents) and offers to include those other rows, which the old system made staff find by hand.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ResetPreview } from "@/lib/parents/preview-reset";
import type { ResetLimits } from "@/lib/parents/reset-limits";
import type { CallerVerificationInput } from "@/lib/parents/caller-verification";
import { plural } from "../_lib/plural";
import { CallerVerificationFields, EMPTY_VERIFICATION, verificationComplete } from "./caller-verification-fields";

export interface ResetDialogProps {
  open: boolean;
  loadPreview: () => Promise<ActionResult<ResetPreview>>;
  /** Resolves with an error message to show, or null when the reset went through. */
  onConfirm: (includeOtherRows: boolean, verification?: CallerVerificationInput) => Promise<string | null>;
  onClose: () => void;
}

type PreviewState = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; preview: ResetPreview };

export function ResetDialog({ open, loadPreview, onConfirm, onClose }: ResetDialogProps) {
  const [state, setState] = useState<PreviewState>({ kind: "loading" });
  const [includeOthers, setIncludeOthers] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState(EMPTY_VERIFICATION);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setState({ kind: "loading" });
    setIncludeOthers(false);
    setError(null);
    setVerification(EMPTY_VERIFICATION);
    loadPreview()
      .then((result) => {
        if (cancelled) return;
        setState(result.ok ? { kind: "ready", preview: result.data } : { kind: "error", message: result.error });
      })
      .catch(() => !cancelled && setState({ kind: "error", message: "Could not load the selection. Please try again." }));
    return () => {
      cancelled = true;
    };
  }, [open, loadPreview]);

  async function onConfirmClick() {
    setPending(true);
    setError(null);
    const policy = state.kind === "ready" ? state.preview.verification : undefined;
    const confirming = policy ? onConfirm(includeOthers, verification) : onConfirm(includeOthers);
    const message = await confirming.catch(() => "The reset could not be completed. Nothing was changed.");
    setPending(false);
    if (message) setError(message);
  }

  const preview = state.kind === "ready" ? state.preview : null;
  const rows = preview ? preview.rows + (includeOthers ? preview.otherRows.count : 0) : 0;
  const allowedRows = preview?.limits ? allowedRowsOf(preview.limits) : Infinity;
  const verified = !preview?.verification || verificationComplete(preview.verification, verification);

  return (
    <Dialog
      open={open}
      onClose={() => !pending && onClose()}
      title="Reset parent logins"
      description={<p className="font-medium text-slate-900">Are you sure you want to reset the selected accounts?</p>}
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={pending} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirmClick} disabled={!preview || pending || preview.rows === 0 || rows > allowedRows || !verified}>
            {pending ? "Resetting…" : preview ? `Reset ${plural(rows, "row", "rows")}` : "Reset"}
          </Button>
        </>
      }
    >
      {state.kind === "loading" ? (
        <div role="status" aria-label="Counting the selection" className="space-y-2">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : null}
      {state.kind === "error" ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {preview ? <PreviewText preview={preview} rows={rows} /> : null}
      {preview?.limits ? <LimitNote limits={preview.limits} rows={rows} allowedRows={allowedRows} /> : null}
      {preview && preview.otherRows.count > 0 ? (
        <OtherRows preview={preview} includeOthers={includeOthers} onIncludeChange={setIncludeOthers} disabled={pending} />
      ) : null}
      {preview?.verification ? (
        <CallerVerificationFields policy={preview.verification} value={verification} onChange={setVerification} disabled={pending} />
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function PreviewText({ preview, rows }: { preview: ResetPreview; rows: number }) {
  return (
    <div className="space-y-1 text-sm text-slate-700" data-testid="reset-summary">
      <p>
        This affects <strong>{plural(rows, "row", "rows")}</strong> and{" "}
        <strong>{plural(preview.logins, "distinct parent login", "distinct parent logins")}</strong>. Their passwords stop
        working, they are signed out, and each parent is e-mailed how to create the login again.
      </p>
      {preview.alreadyReset > 0 ? <p>{plural(preview.alreadyReset, "login is", "logins are")} already reset and will not change.</p> : null}
      {preview.noAccount > 0 ? <p>{plural(preview.noAccount, "parent has", "parents have")} no login to reset.</p> : null}
    </div>
  );
}

/** Rows this staff member may reset now: the per-reset cap, and for help desk what is left of the hour's budget. */
function allowedRowsOf(limits: ResetLimits): number {
  const left = limits.perHour ? Math.max(0, limits.perHour.limit - limits.perHour.used) : Infinity;
  return Math.min(limits.maxRowsPerReset, left);
}

function LimitNote({ limits, rows, allowedRows }: { limits: ResetLimits; rows: number; allowedRows: number }) {
  const over = rows > allowedRows;
  return (
    <p className={over ? "text-sm font-medium text-red-800" : "text-sm text-slate-600"} data-testid="reset-limit">
      {limits.perHour
        ? `Help desk may reset up to ${plural(limits.maxRowsPerReset, "row", "rows")} at once (other rows of the same parents count) and ` +
          `${plural(limits.perHour.limit, "row", "rows")} per hour; you have ${Math.max(0, limits.perHour.limit - limits.perHour.used).toLocaleString("en-US")} left this hour.`
        : `A reset may cover up to ${plural(limits.maxRowsPerReset, "row", "rows")}.`}
      {over ? " Select fewer rows, or ask a site admin." : null}
    </p>
  );
}

function OtherRows(props: { preview: ResetPreview; includeOthers: boolean; onIncludeChange: (value: boolean) => void; disabled: boolean }) {
  const { otherRows } = props.preview;
  const more = otherRows.count - otherRows.sample.length;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="other-rows">
      <p>
        {plural(otherRows.parents, "selected parent also has", "selected parents also have")}{" "}
        {plural(otherRows.count, "other child row", "other child rows")} that {otherRows.count === 1 ? "is" : "are"} not selected.
        A parent has one login for all their children.
      </p>
      <ul className="list-disc ps-5">
        {otherRows.sample.map((row) => (
          <li key={row.linkId}>
            {row.parentName} — {row.childName} ({row.studentNumber})
          </li>
        ))}
        {more > 0 ? <li>and {plural(more, "more row", "more rows")}</li> : null}
      </ul>
      <label className="flex items-center gap-2 font-medium">
        <Checkbox checked={props.includeOthers} disabled={props.disabled} onChange={(event) => props.onIncludeChange(event.target.checked)} />
        Include the {plural(otherRows.count, "other row", "other rows")} of the same parents
      </label>
    </div>
  );
}
