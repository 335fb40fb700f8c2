// Twilio Programmable Messaging over plain HTTPS (no SDK): POST
// {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth
// (AccountSid:AuthToken) and the form fields To, From, Body; 201 answers the message's `sid`.
// Any provider speaking the same API (or a test server) works through `baseUrl`.
// 429 and 5xx answers and network failures are worth retrying; other 4xx answers (an
// invalid number, an unverified sender) are not, except 401/403, which a fixed
// configuration cures, so the message waits for it.
import { SmsTransportError, type SmsMessage, type SmsSendResult, type SmsTransport } from "@/lib/sms/sms-transport";

export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";

export interface TwilioSmsConfig {
  accountSid: string;
  authToken: string;
  /** A Twilio number in E.164 or a messaging sender id. */
  from: string;
  baseUrl?: string;
  timeoutMs?: number;
}

function retryAfterMsOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Twilio's error body is JSON {code, message, more_info, status}; keep it short and secret-free. */
async function describeErrorBody(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    const code = typeof body.code === "number" || typeof body.code === "string" ? ` ${body.code}` : "";
    const message = typeof body.message === "string" ? `: ${body.message}` : "";
    return `HTTP ${response.status}${code}${message}`.slice(0, 300);
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function createTwilioSmsTransport(config: TwilioSmsConfig): SmsTransport {
  const base = (config.baseUrl ?? TWILIO_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    name: "twilio",
    async send(message: SmsMessage): Promise<SmsSendResult> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            authorization,
            "content-type": "application/x-www-form-urlencoded",
            accept: "application/json",
          },
          body: new URLSearchParams({ To: message.to, From: config.from, Body: message.body }).toString(),
          signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
          redirect: "error",
        });
      } catch (error) {
        const reason = error instanceof Error ? `${error.name} ${error.message}` : String(error);
        throw new SmsTransportError(`SMS provider unreachable: ${reason}`.slice(0, 300), true);
      }
      if (response.status === 200 || response.status === 201) {
        const body = (await response.json().catch(() => ({}))) as { sid?: unknown };
        if (typeof body.sid !== "string" || body.sid === "") {
          throw new SmsTransportError(`SMS provider answered ${response.status} without a message sid`, true);
        }
        return { provider: "twilio", providerMessageId: body.sid };
      }
      const description = await describeErrorBody(response);
      const retryable = response.status === 429 || response.status >= 500 || response.status === 401 || response.status === 403;
      throw new SmsTransportError(`SMS provider refused the message: ${description}`, retryable, retryAfterMsOf(response.headers.get("retry-after")));
    },
  };
}
