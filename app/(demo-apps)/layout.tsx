// Root layout of the demo apps (demo mode only): stand-ins for the district's other apps that
// sign parents in through the portal's OpenID Provider. A root of their own: they are not the
// portal and not the console.
import type { Metadata } from "next";
import "../globals.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Demo app", template: "%s" }, robots: { index: false } };

export default function DemoAppsRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen bg-emerald-50">{children}</body>
    </html>
  );
}
