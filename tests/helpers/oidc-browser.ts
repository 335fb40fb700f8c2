// A browser's part of an OpenID Connect sign-in over real HTTP: a cookie jar (by name and
// path, as a browser sends them), redirects followed by hand until the app's redirect URI,
// and the provider's self-advancing pages (meta refresh) followed like a browser would.

interface StoredCookie {
  value: string;
  path: string;
}

export class OidcBrowser {
  private readonly jar = new Map<string, StoredCookie>();
  /**
   * The instance that answers requests to the public URL (`baseUrl`), as a load balancer
   * would choose it; the public URL's own server when unset.
   */
  backend: string | null = null;

  constructor(public baseUrl: string) {}

  cookieHeader(url: URL): string {
    return [...this.jar]
      .filter(([, cookie]) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`) || cookie.path === "/")
      .map(([key, cookie]) => `${key.split("\u0000")[0]}=${cookie.value}`)
      .join("; ");
  }

  /** Keeps what a response sets (an expired or emptied cookie is dropped). */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      const path = attributes.find((attribute) => attribute.toLowerCase().startsWith("path="))?.slice(5) ?? "/";
      const expired = attributes.some((attribute) => /^expires=/i.test(attribute) && new Date(attribute.slice(8)).getTime() < Date.now()) || /max-age=0/i.test(line);
      const key = `${name}\u0000${path}`;
      if (expired || value === "") this.jar.delete(key);
      else this.jar.set(key, { value, path });
    }
  }

  async request(target: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(target, this.baseUrl);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("Cookie", cookie);
    const sentTo = new URL(url);
    if (this.backend && url.origin === new URL(this.baseUrl).origin) {
      const backend = new URL(this.backend);
      sentTo.protocol = backend.protocol;
      sentTo.host = backend.host;
    }
    const response = await fetch(sentTo, { ...init, headers, redirect: "manual" });
    this.store(response);
    return response;
  }

  /**
   * Follows redirects (and meta-refresh pages) from `target` until a response that is neither,
   * or a redirect leaving the portal (the app's redirect URI: returned, not fetched).
   */
  async follow(target: string | URL, init: RequestInit = {}): Promise<{ url: URL; response: Response; body: string }> {
    let url = new URL(target, this.baseUrl);
    let response = await this.request(url, init);
    for (let hop = 0; hop < 20; hop++) {
      const location = response.headers.get("location");
      let next: URL | null = location ? new URL(location, url) : null;
      let body = "";
      if (!next) {
        body = await response.text();
        const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(body);
        if (refresh) next = new URL(refresh[1]!.replace(/&amp;/g, "&"), url);
      } else {
        await response.arrayBuffer();
      }
      if (!next) return { url, response, body };
      if (next.origin !== new URL(this.baseUrl).origin) return { url: next, response, body: "" };
      url = next;
      response = await this.request(url);
    }
    throw new Error(`too many redirects from ${String(target)}`);
  }

  /** Signs in to the parent portal through next-auth, as the portal's sign-in form does. */
  async signInParent(username: string, password: string): Promise<string | null> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/parent", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
    });
    const { url } = (await response.json()) as { url: string };
    return new URL(url, this.baseUrl).searchParams.get("error");
  }

  /** Signs out of the portal through next-auth, as the portal's sign-out button does. */
  async signOutOfPortal(): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    await response.arrayBuffer();
  }

  /** Posts a form of the portal's pages (same Origin, as a browser's form post). */
  postForm(target: string, fields: Record<string, string>, origin = new URL(this.baseUrl).origin): Promise<{ url: URL; response: Response; body: string }> {
    return this.follow(target, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams(fields),
    });
  }
}
