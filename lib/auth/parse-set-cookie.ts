// Reads one Set-Cookie header (as next-auth writes them) back into the options Next.js's
// cookies().set() takes, so a server action can pass next-auth's cookies on unchanged.
export interface ParsedCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
}

export function parseSetCookie(header: string): ParsedCookie {
  const [pair = "", ...attributes] = header.split(";");
  const separator = pair.indexOf("=");
  const cookie: ParsedCookie = {
    name: pair.slice(0, separator).trim(),
    value: decodeURIComponent(pair.slice(separator + 1).trim()),
  };
  for (const attribute of attributes) {
    const [rawKey = "", ...rest] = attribute.split("=");
    const key = rawKey.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (key === "path") cookie.path = value;
    else if (key === "domain") cookie.domain = value;
    else if (key === "expires") cookie.expires = new Date(value);
    else if (key === "max-age") cookie.maxAge = Number(value);
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "samesite") {
      const sameSite = value.toLowerCase();
      if (sameSite === "lax" || sameSite === "strict" || sameSite === "none") cookie.sameSite = sameSite;
    }
  }
  return cookie;
}
