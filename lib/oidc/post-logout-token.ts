// One POST of a logout token to an app's back-channel logout URI (Back-Channel Logout 1.0,
// section 2.5), over node:http(s) so the connection's DNS lookup is ours (checkedLookup in
// backchannel-target.ts): the address connected to is one that passed the private-address
// check at that moment. No redirects are followed (a redirect would carry the token
// elsewhere); TLS still verifies the certificate against the URI's host name.
import http from "node:http";
import https from "node:https";
import { checkedLookup, type ResolveHost } from "@/lib/oidc/backchannel-target";

export interface PostLogoutTokenOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** For tests: the name server to consult. */
  resolve?: ResolveHost;
}

/** Resolves with the app's HTTP status; rejects on a refused target, a network error or the timeout. */
export function postLogoutToken(uri: string, token: string, options: PostLogoutTokenOptions): Promise<number> {
  const url = new URL(uri);
  const body = new URLSearchParams({ logout_token: token }).toString();
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Accept: "application/json, */*" },
        lookup: checkedLookup(options.env, options.resolve),
        // A fresh connection each time: a pooled socket would skip the lookup.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
