const formatter = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Server-rendered times are shown in UTC and say so, rather than in the server's zone. */
export function formatDateTime(date: Date): string {
  return `${formatter.format(date)} UTC`;
}
