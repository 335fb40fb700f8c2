// Reads the caller verification a reset event recorded (lib/parents/caller-verification.ts)
// out of its JSON details, for the audit table and the CSV export.
export interface RecordedVerification {
  methods: string[];
  ticket?: string;
  reason?: string;
}

export function recordedVerification(details: unknown): RecordedVerification | null {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const value = (details as { verification?: unknown }).verification;
  if (!value || typeof value !== "object") return null;
  const { methods, ticket, reason } = value as Record<string, unknown>;
  return {
    methods: Array.isArray(methods) ? methods.map(String) : [],
    ...(typeof ticket === "string" ? { ticket } : {}),
    ...(typeof reason === "string" ? { reason } : {}),
  };
}
