"use client";
// Upload a OneRoster zip: the file goes as the request body to the upload route (streamed to
// disk there), which queues a dry run; the page then follows that run. Needs JavaScript: a
// no-script post only reloads the page.
import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/actions/action-result";
import { ROSTER_UPLOAD_PATH, rosterHref } from "../_lib/roster-href";

const BYTES_PER_MB = 1024 * 1024;

export function RosterUploadForm({ maxMb }: { maxMb: number }) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  function refuse(message: string, input: HTMLInputElement | null) {
    setFieldError(message);
    setFormError(null);
    // After React marked it invalid.
    requestAnimationFrame(() => input?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return refuse("Choose the roster zip to upload.", input);
    if (file.size > maxMb * BYTES_PER_MB) return refuse(`This file is larger than the upload limit of ${maxMb} MB.`, input);
    setFieldError(null);
    setFormError(null);
    setPending(true);
    try {
      const response = await fetch(`${ROSTER_UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "Content-Type": "application/zip" },
        body: file,
      });
      const result = (await response.json().catch(() => null)) as ActionResult<{ importId: number }> | null;
      if (result?.ok) {
        router.push(rosterHref({ run: result.data.importId }));
        router.refresh();
        if (input) input.value = "";
        return;
      }
      const message = result?.error ?? "The upload failed. Nothing was imported; please try again.";
      if (result?.fieldErrors?.file) refuse(message, input);
      else setFormError(message);
    } catch {
      setFormError("The upload did not reach the server. Nothing was imported; please try again.");
    } finally {
      setPending(false);
    }
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
        Upload a roster package
      </h2>
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          OneRoster zip (1.1 or 1.2)
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".zip,application/zip"
          required
          aria-invalid={Boolean(fieldError)}
          aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
          className="block w-full text-sm text-slate-800 file:me-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium aria-[invalid=true]:text-red-800"
        />
        <p id={hintId} className="text-xs text-slate-600">
          At most {maxMb} MB (district settings). A dry run comes first: nothing changes until you apply it.
        </p>
        {fieldError ? (
          <p id={errorId} className="text-sm text-red-700">
            {fieldError}
          </p>
        ) : null}
      </div>
      {formError ? <FormAlert tone="error">{formError}</FormAlert> : null}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        <Upload className="h-4 w-4" aria-hidden="true" />
        {pending ? "Uploading…" : "Upload and check"}
      </Button>
      <noscript>
        <p className="text-sm text-red-700">Uploading needs JavaScript. Turn it on and reload the page.</p>
      </noscript>
    </form>
  );
}
