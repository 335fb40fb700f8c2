"use client";
// Recovery codes, shown once: copy or download them, confirm they are saved, then go on.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function RecoveryCodesList({ codes, continueHref }: { codes: string[]; continueHref?: string }) {
  const [saved, setSaved] = useState(false);
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Staff console recovery codes (each works once)\n\n${text}\n`)}`;
  return (
    <section aria-labelledby="recovery-codes" className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h2 id="recovery-codes" className="text-lg font-semibold text-slate-900">Save your recovery codes</h2>
      <p className="text-sm text-slate-800">
        If you lose your phone, each of these codes lets you sign in once. They are shown only now: print them, download them or keep
        them in your password manager.
      </p>
      <ul className="grid grid-cols-2 gap-2 font-mono text-slate-900" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </Button>
        <a className="inline-flex h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm" href={download} download="recovery-codes.txt">
          Download
        </a>
        <Button variant="outline" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="h-4 w-4 accent-blue-700" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        I saved these codes
      </label>
      {saved && continueHref ? (
        <a className="inline-flex h-10 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white" href={continueHref}>
          Continue
        </a>
      ) : null}
    </section>
  );
}
