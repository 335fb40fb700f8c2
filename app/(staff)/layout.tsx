// Root layout of the staff console (English; a separate root from the parent portal so
// that a parent's language cookie never changes the console's direction).
import type { Metadata } from "next";
import "../globals.css";

export const metadata: Metadata = { title: { default: "Staff console", template: "%s · Staff console" } };

export default function StaffRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
