"use server";
// Persists the parent's language choice in a cookie (one year).
import { cookies } from "next/headers";
import { z } from "zod";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";

const localeSchema = z.enum(LOCALES);

export async function setLocaleAction(locale: string): Promise<void> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", secure: publicUrlIsHttps() });
}
