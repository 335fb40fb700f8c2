"use client";
// A client secret, shown once right after it was made: only its hash is kept, so it cannot
// be shown again (rotate to get a new one).
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SecretOnce({ clientId, clientSecret }: { clientId: string; clientSecret: string | null }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="secret-once">
      <p>
        Client ID: <code className="break-all font-mono" data-testid="client-id">{clientId}</code>
      </p>
      {clientSecret ? (
        <>
          <p className="font-medium">Copy the client secret now: it is shown only this once.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono" data-testid="client-secret">
              {clientSecret}
            </code>
            <Button
              size="sm"
              variant="outline"
              onClick={() => {
                void navigator.clipboard?.writeText(clientSecret).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </>
      ) : (
        <p>This is a public app: it has no secret and must use PKCE.</p>
      )}
    </div>
  );
}
