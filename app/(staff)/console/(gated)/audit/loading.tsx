import { AuditTableSkeleton } from "./_components/audit-table-skeleton";

export default function AuditLoading() {
  return <AuditTableSkeleton />;
}
