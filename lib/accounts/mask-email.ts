// Shows parents which address a mail went to without disclosing it to whoever typed the
// form: "jane.doe@example.com" -> "j***@example.com".
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = [...trimmed.slice(0, at)][0] ?? "";
  return `${first}***${trimmed.slice(at)}`;
}
