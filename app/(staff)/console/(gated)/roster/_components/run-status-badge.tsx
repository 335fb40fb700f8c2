import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { RosterRunView } from "@/lib/roster/console/roster-run-view";

const STATUS: Record<RosterRunView["status"], { label: string; tone: NonNullable<BadgeProps["tone"]> }> = {
  QUEUED: { label: "Queued", tone: "info" },
  RUNNING: { label: "Running", tone: "info" },
  SUCCEEDED: { label: "Succeeded", tone: "success" },
  NEEDS_CONFIRMATION: { label: "Needs confirmation", tone: "warning" },
  FAILED: { label: "Failed", tone: "danger" },
};

export function RunStatusBadge({ run }: { run: Pick<RosterRunView, "status"> }) {
  const { label, tone } = STATUS[run.status];
  return (
    <Badge tone={tone} data-status={run.status}>
      {label}
    </Badge>
  );
}
