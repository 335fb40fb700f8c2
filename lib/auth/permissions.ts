// Who may do what in the staff console: the one place roles are interpreted.
import type { StaffRole } from "@/lib/generated/prisma/enums";

export const PERMISSIONS = {
  "parents:search": ["SITE_ADMIN", "HELP_DESK"],
  "parents:reset": ["SITE_ADMIN", "HELP_DESK"],
  "parents:bulk-reset": ["SITE_ADMIN"],
  "staff:manage": ["SITE_ADMIN"],
  "settings:manage": ["SITE_ADMIN"],
  "audit:read": ["SITE_ADMIN"],
  // An import rewrites the whole roster (and can remove thousands of contacts): site admins only.
  "roster:import": ["SITE_ADMIN"],
  // Captured mail holds temporary passwords and security codes: whoever reads it can take
  // over a parent account, so only site admins (and only in demo mode, see dev-inbox.ts).
  "dev-inbox:read": ["SITE_ADMIN"],
  // Connected apps sign parents and students in to other systems: site admins only.
  "apps:manage": ["SITE_ADMIN"],
  "account:change-own-passphrase": ["SITE_ADMIN", "HELP_DESK"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export class ForbiddenError extends Error {
  constructor(public readonly permission: Permission) {
    super(`Forbidden: ${permission}`);
    this.name = "ForbiddenError";
  }
}

export function assertPermission(role: StaffRole, permission: Permission): void {
  if (!hasPermission(role, permission)) throw new ForbiddenError(permission);
}
