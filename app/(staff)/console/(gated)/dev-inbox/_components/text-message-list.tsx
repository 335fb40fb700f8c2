// Text messages the demo SMS receiver captured (demo mode without an SMS provider), newest
// first: the "phone" of every demo staff member.
import { MessageSquare } from "lucide-react";
import { formatDateTime } from "./format-date-time";

export interface TextMessageSummary {
  id: number;
  toNumber: string;
  body: string;
  receivedAt: Date;
}

export function TextMessageList({ messages, providerConfigured }: { messages: TextMessageSummary[]; providerConfigured: boolean }) {
  return (
    <section aria-labelledby="text-messages-heading" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="text-messages-heading" className="flex items-center gap-2 border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        <MessageSquare aria-hidden className="size-4" /> Text messages <span className="font-normal text-slate-600">({messages.length})</span>
      </h2>
      {providerConfigured ? (
        <p className="px-4 py-3 text-sm text-amber-900">An SMS provider is configured (SMS_TWILIO_*), so text messages go there and nothing new arrives here.</p>
      ) : null}
      {messages.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No text messages yet. Registering a mobile phone under security info sends one.</p>
      ) : (
        // A scrolling list must be reachable by keyboard (focusable, named) to be read without a mouse.
        <ul
          tabIndex={0}
          aria-labelledby="text-messages-heading"
          className="max-h-96 divide-y divide-slate-100 overflow-y-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          {messages.map((message) => (
            <li key={message.id} className="px-4 py-3 text-sm" data-testid="dev-text-message">
              <div className="flex flex-wrap justify-between gap-2 text-slate-600">
                <span>To {message.toNumber}</span>
                <time dateTime={message.receivedAt.toISOString()}>{formatDateTime(message.receivedAt)}</time>
              </div>
              <p className="mt-1 whitespace-pre-wrap text-slate-900">{message.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
