// Renders a queued EmailOutbox row exactly as the worker will send it (same registry, same
// district settings), for tests that read a mail while it is still in the queue, such as a
// temporary password or a security code before the worker sends and erases it.
import { prisma } from "@/lib/db";
import type { ComposedEmail } from "@/lib/mail/compose-email";
import { loadDistrictMailSettings } from "@/lib/mail/district-mail-info";
import { renderOutboxRow } from "@/lib/mail/outbox-worker";

export async function renderQueuedEmail(row: { template: string; locale: string; params: unknown }): Promise<ComposedEmail> {
  const rendered = renderOutboxRow(row, await loadDistrictMailSettings(prisma));
  if ("problem" in rendered) throw new Error(rendered.problem);
  return rendered.mail;
}
