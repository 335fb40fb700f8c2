// System errors name files by their absolute path ("ENOENT: …, open '/srv/portal/roster/12.zip'").
// Messages about an import reach the console and the audit trail: the server's layout stays out.
const SERVER_PATH = /(?<![\w:/])(?:[A-Za-z]:)?[\\/](?:[^\s'"`\\/]+[\\/])+[^\s'"`]*/g;

export function withoutServerPaths(text: string): string {
  return text.replace(SERVER_PATH, "[path]");
}
