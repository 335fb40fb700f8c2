import Link from "next/link";
import { Inbox } from "lucide-react";
import type { DevMessageSummary } from "@/lib/mail/dev-inbox";
import { formatDateTime } from "./format-date-time";

export function MessageList({ messages, total, selectedId }: { messages: DevMessageSummary[]; total: number; selectedId: number | null }) {
  if (messages.length === 0) {
    return (
      <section aria-labelledby="messages-heading" className="rounded-lg border border-slate-200 bg-white p-6 text-center">
        <h2 id="messages-heading" className="sr-only">Messages</h2>
        <Inbox aria-hidden className="mx-auto size-8 text-slate-400" />
        <p className="mt-2 font-medium">No mail yet</p>
        <p className="mt-1 text-sm text-slate-600">Reset a parent login or use a parent page that sends mail; it appears here within seconds.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="messages-heading" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="messages-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Messages <span className="font-normal text-slate-600">({total > messages.length ? `newest ${messages.length} of ${total}` : total})</span>
      </h2>
      <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto">
        {messages.map((message) => {
          const selected = message.id === selectedId;
          return (
            <li key={message.id}>
              <Link
                href={`/console/dev-inbox?id=${message.id}`}
                aria-current={selected ? "true" : undefined}
                className={`block px-4 py-3 hover:bg-slate-50 ${selected ? "bg-blue-50" : ""}`}
              >
                <span className="block truncate text-sm font-medium" dir="auto">{message.subject || "(no subject)"}</span>
                <span className="block truncate text-xs text-slate-600">To {message.toAddress}</span>
                <time dateTime={message.receivedAt.toISOString()} className="block text-xs text-slate-500">
                  {formatDateTime(message.receivedAt)}
                </time>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
