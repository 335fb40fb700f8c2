import { AlertTriangle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { LoginStatus } from "@/lib/parents/search-parents";

const STATUS = {
  ACTIVE: { label: "Active", tone: "success" },
  RESET: { label: "Reset", tone: "warning" },
  PENDING_PASSWORD_CHANGE: { label: "Awaiting password change", tone: "info" },
  NONE: { label: "No login", tone: "neutral" },
} as const;

export function StatusBadge({ status }: { status: LoginStatus }) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone} data-status={status}>
      {label}
    </Badge>
  );
}

/** Parents must use a personal address; a staff-domain address on a contact needs fixing in the SIS. */
export function StaffEmailBadge() {
  return (
    <Badge tone="danger" title="This address is in a staff e-mail domain. Parents must use a personal address.">
      <AlertTriangle className="h-3 w-3" aria-hidden="true" />
      Staff e-mail
    </Badge>
  );
}

/** The SIS no longer lists this row; it stays for reference (the login follows the grace period). */
export function RemovedBadge() {
  return (
    <Badge tone="neutral" title="The last roster import no longer lists this parent, child or link.">
      Removed from roster
    </Badge>
  );
}
