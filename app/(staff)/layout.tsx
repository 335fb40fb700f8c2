// Root layout of the staff console (English; a separate root from the parent portal so
// that a parent's language cookie never changes the console's direction).
import type { Metadata } from "next";
import { ZodJitless } from "@/components/zod-jitless";
import "../globals.css";

// Every page depends on the session, the language cookie or the database: never prerender.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Staff console", template: "%s · Staff console" } };

export default function StaffRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen">
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
