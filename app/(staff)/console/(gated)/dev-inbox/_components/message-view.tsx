import type { DevMailMessage } from "@/lib/generated/prisma/client";
import { formatDateTime } from "./format-date-time";

export function MessageView({ message, requestedId }: { message: DevMailMessage | null; requestedId: number | null }) {
  if (!message) {
    return (
      <section aria-label="Message" className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600">
        {requestedId ? "That message no longer exists." : "Select a message to read it."}
      </section>
    );
  }
  return (
    <article aria-labelledby="message-subject" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <header className="space-y-1">
        <h2 id="message-subject" className="text-lg font-semibold" dir="auto">{message.subject || "(no subject)"}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
          <dt className="text-slate-500">From</dt>
          <dd className="break-all">{message.fromAddress}</dd>
          <dt className="text-slate-500">To</dt>
          <dd className="break-all">{message.toAddress}</dd>
          <dt className="text-slate-500">Received</dt>
          <dd><time dateTime={message.receivedAt.toISOString()}>{formatDateTime(message.receivedAt)}</time></dd>
          {message.messageId && (
            <>
              <dt className="text-slate-500">Message-ID</dt>
              <dd className="break-all font-mono text-xs leading-5">{message.messageId}</dd>
            </>
          )}
        </dl>
      </header>
      {message.htmlBody && (
        <section aria-labelledby="html-heading" className="space-y-2">
          <h3 id="html-heading" className="text-sm font-semibold">HTML</h3>
          {/* Empty sandbox: no scripts, no same-origin access, no navigation out of the frame.
              The route also sends a CSP header (no remote loads, sandbox) the HTML cannot undo. */}
          <iframe
            title={`HTML body of “${message.subject}”`}
            sandbox=""
            referrerPolicy="no-referrer"
            src={`/api/console/dev-inbox/${message.id}`}
            className="h-[36rem] w-full rounded border border-slate-200 bg-white"
          />
        </section>
      )}
      <section aria-labelledby="text-heading" className="space-y-2">
        <h3 id="text-heading" className="text-sm font-semibold">Plain text</h3>
        <pre tabIndex={0} className="max-h-[36rem] overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-sans text-sm" dir="auto">
          {message.textBody || "(empty)"}
        </pre>
      </section>
    </article>
  );
}
