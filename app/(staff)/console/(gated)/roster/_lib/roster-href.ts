// Links within the import page: which run is shown (`run`) and where the history starts (`before`).
export const ROSTER_PATH = "/console/roster";

export function rosterHref(params: { run?: number | null; before?: number | null } = {}): string {
  const query = new URLSearchParams();
  if (params.run) query.set("run", String(params.run));
  if (params.before) query.set("before", String(params.before));
  const text = query.toString();
  return text ? `${ROSTER_PATH}?${text}` : ROSTER_PATH;
}

export const runJsonPath = (id: number) => `/api/console/roster/runs/${id}`;
export const runReportPath = (id: number) => `/api/console/roster/runs/${id}/report`;
export const ROSTER_UPLOAD_PATH = "/api/console/roster/upload";
export const ROSTER_EXAMPLE_PATH = "/api/console/roster/example";
