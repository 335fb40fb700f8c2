// The console shell: every page below requires a signed-in staff member (checked on the
// server); the nav shows only what the role may open.
import { requireStaffPage } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { isDemoMode } from "@/lib/config/demo-mode";
import { ConsoleNav, type NavItem } from "../_components/console-nav";
import { SignOutButton } from "../_components/sign-out-button";

const ROLE_LABELS = { SITE_ADMIN: "Site admin", HELP_DESK: "Help desk" } as const;

export default async function GatedConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaffPage();
  const items: NavItem[] = [
    ...(hasPermission(staff.role, "parents:search") ? [{ href: "/console", label: "Home", exact: true }] : []),
    { href: "/console/parents", label: "Parents" },
    ...(hasPermission(staff.role, "parents:reset") ? [{ href: "/console/pending", label: "Pending re-registration" }] : []),
    ...(hasPermission(staff.role, "audit:read") ? [{ href: "/console/audit", label: "Audit trail" }] : []),
    ...(hasPermission(staff.role, "staff:manage") ? [{ href: "/console/staff", label: "Staff" }] : []),
    ...(hasPermission(staff.role, "roster:import") ? [{ href: "/console/roster", label: "Roster import" }] : []),
    ...(hasPermission(staff.role, "apps:manage") ? [{ href: "/console/apps", label: "Connected apps" }] : []),
    ...(hasPermission(staff.role, "settings:manage") ? [{ href: "/console/settings", label: "Settings" }] : []),
    ...(isDemoMode() && hasPermission(staff.role, "dev-inbox:read") ? [{ href: "/console/dev-inbox", label: "Dev inbox" }] : []),
    ...(hasPermission(staff.role, "account:change-own-passphrase") ? [{ href: "/console/account", label: "Your account" }] : []),
  ];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="font-semibold text-slate-900">Staff console</span>
          <ConsoleNav items={items} />
          <div className="ms-auto flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              <span className="font-medium" data-testid="staff-name">
                {staff.name}
              </span>{" "}
              <span className="text-slate-500">· {ROLE_LABELS[staff.role]}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
