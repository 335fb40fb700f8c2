// Dev inbox: mail the built-in SMTP receiver captured (demo mode without SMTP_URL) and the
// outbox queue's state, so a demo works end to end and delivery problems are visible.
// Outside demo mode it does not exist (404); in demo mode only site admins open it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RefreshCw } from "lucide-react";
import { z } from "zod";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { isDemoMode } from "@/lib/config/demo-mode";
import { getDevMessage, getOutboxSummary, listDevMessages } from "@/lib/mail/dev-inbox";
import { isSmtpConfigured } from "@/lib/mail/mail-transport";
import { MessageList } from "./_components/message-list";
import { MessageView } from "./_components/message-view";
import { OutboxStatus } from "./_components/outbox-status";
import { TextMessageList } from "./_components/text-message-list";
import { listDevSmsMessages } from "@/lib/sms/dev-sms-receiver";
import { isSmsProviderConfigured } from "@/lib/sms/sms-transport-config";

export const metadata: Metadata = { title: "Dev inbox" };

const searchSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined) });

export default async function DevInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isDemoMode()) notFound();
  await requireStaffPage("dev-inbox:read");
  const raw = await searchParams;
  const { id } = searchSchema.parse({ id: typeof raw.id === "string" ? raw.id : undefined });
  const [{ messages, total }, outbox, selected, textMessages] = await Promise.all([
    listDevMessages(),
    getOutboxSummary(),
    id ? getDevMessage(id) : Promise.resolve(null),
    listDevSmsMessages(),
  ]);

  return (
    <div className="mx-auto max-w-7xl space-y-6 p-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Dev inbox</h1>
          <p className="mt-1 text-sm text-slate-600">Mail the app sent in demo mode while no SMTP server is configured, newest first (last 24 hours).</p>
        </div>
        <Link
          href={id ? `/console/dev-inbox?id=${id}` : "/console/dev-inbox"}
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          <RefreshCw aria-hidden className="size-4" /> Refresh
        </Link>
      </header>

      {isSmtpConfigured() && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          A real SMTP server is configured (SMTP_URL), so mail is delivered there and nothing new arrives in this inbox.
          The queue state below still applies.
        </p>
      )}

      <OutboxStatus summary={outbox} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <MessageList messages={messages} total={total} selectedId={selected?.id ?? null} />
        <MessageView message={selected} requestedId={id ?? null} />
      </div>

      <TextMessageList messages={textMessages} providerConfigured={isSmsProviderConfigured()} />
    </div>
  );
}
