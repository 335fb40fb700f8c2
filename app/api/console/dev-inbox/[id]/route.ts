// GET /api/console/dev-inbox/:id: one captured mail's HTML for the Dev inbox's sandboxed
// frame, behind a CSP header that blocks every remote load. Demo mode and site admins only;
// everyone else (and every unknown, old or HTML-less message) gets the same 404.
import { z } from "zod";
import { getStaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { isDemoMode } from "@/lib/config/demo-mode";
import { getDevMessage } from "@/lib/mail/dev-inbox";
import { devMailHtmlResponse } from "@/lib/mail/dev-mail-html-response";

export const dynamic = "force-dynamic";

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isDemoMode()) return notFound();
  const staff = await getStaffPrincipal();
  if (!staff || !hasPermission(staff.role, "dev-inbox:read")) return notFound();
  const id = idSchema.safeParse((await params).id);
  if (!id.success) return notFound();
  const message = await getDevMessage(id.data);
  if (!message?.htmlBody) return notFound();
  return devMailHtmlResponse(message.htmlBody);
}
