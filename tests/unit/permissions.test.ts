import { describe, expect, it } from "vitest";
import { assertPermission, ForbiddenError, hasPermission, PERMISSIONS, type Permission } from "@/lib/auth/permissions";

const ADMIN_ONLY: Permission[] = ["parents:bulk-reset", "staff:manage", "settings:manage", "audit:read", "dev-inbox:read", "roster:import", "apps:manage"];
const EVERY_STAFF: Permission[] = ["parents:search", "parents:reset", "account:change-own-passphrase"];

describe("staff permissions", () => {
  it("covers every permission in exactly one of the two lists below", () => {
    expect([...ADMIN_ONLY, ...EVERY_STAFF].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it.each(EVERY_STAFF)("%s is granted to help desk and site admins", (permission) => {
    expect(hasPermission("HELP_DESK", permission)).toBe(true);
    expect(hasPermission("SITE_ADMIN", permission)).toBe(true);
  });

  it.each(ADMIN_ONLY)("%s is for site admins only", (permission) => {
    expect(hasPermission("SITE_ADMIN", permission)).toBe(true);
    expect(hasPermission("HELP_DESK", permission)).toBe(false);
    expect(() => assertPermission("HELP_DESK", permission)).toThrow(ForbiddenError);
    expect(() => assertPermission("SITE_ADMIN", permission)).not.toThrow();
  });
});
