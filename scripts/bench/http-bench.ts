// The grid's search through HTTP on the running app: the portal's server (scripts/serve.ts, production build) on the
// benchmark database, a site admin signed in through next-auth's credentials callback,
// then GET /api/console/parents with the same searches the domain benchmark uses.
import { startProductionServer, type ProductionServer } from "@/scripts/production-server";
import { parentSearchToParams, type ParentSearch } from "@/lib/parents/search-schema";

/** Where the production build lives: this checkout, or BENCH_APP_DIR (e.g. a clean export of a commit). */
export const APP_DIR = process.env.BENCH_APP_DIR ?? process.cwd();

export function startAppServer(databaseUrl: string): Promise<ProductionServer> {
  return startProductionServer({ databaseUrl, cwd: APP_DIR });
}

/** Minimal cookie jar: name=value pairs from Set-Cookie headers. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  has(name: string) {
    return [...this.cookies.keys()].some((key) => key.endsWith(name));
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in as staff the way the browser's signIn("staff") does; returns the Cookie header. */
export async function signInStaff(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.take(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/console` }),
  });
  jar.take(response);
  await response.text();
  if (!jar.has("next-auth.session-token")) throw new Error(`staff sign-in failed (HTTP ${response.status}): no session cookie`);
  return jar.header();
}

export function parentsUrl(baseUrl: string, search: ParentSearch): string {
  return `${baseUrl}/api/console/parents?${parentSearchToParams(search).toString()}`;
}

/** One GET of the console's search route; throws on anything but 200 so a broken route is not "fast". */
export function httpRunner(baseUrl: string, cookie: string, inputs: ParentSearch[]) {
  return async (i: number) => {
    const response = await fetch(parentsUrl(baseUrl, inputs[i % inputs.length]!), { headers: { Cookie: cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET /api/console/parents answered ${response.status}: ${body.slice(0, 200)}`);
  };
}
