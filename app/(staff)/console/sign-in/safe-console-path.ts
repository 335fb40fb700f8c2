// Where to go after signing in: only a console path on this site, never another origin
// (an open redirect would let a phishing link borrow our sign-in page).
const DEFAULT_PATH = "/console/parents";

export function safeConsolePath(value: string | null | undefined): string {
  if (!value) return DEFAULT_PATH;
  let path = value;
  try {
    // Absolute URLs are accepted only when they point at a console path; the origin is dropped.
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      const url = new URL(value);
      path = `${url.pathname}${url.search}`;
    }
  } catch {
    return DEFAULT_PATH;
  }
  if (!path.startsWith("/console") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f]/.test(path)) {
    return DEFAULT_PATH;
  }
  if (path.startsWith("/console/sign-in")) return DEFAULT_PATH;
  return path;
}
