// The one interface every SMS provider implements. The worker (sms-outbox-worker.ts) only
// knows this: which provider runs is configuration (sms-transport-config.ts).
export interface SmsMessage {
  /** E.164 number. */
  to: string;
  body: string;
  /** The outbox row's id: stable across retries, for the provider's logs. */
  idempotencyKey: string;
}

export interface SmsSendResult {
  provider: string;
  providerMessageId: string;
}

export interface SmsTransport {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/**
 * A refused or failed send. `retryable`: the same message may succeed later (rate limited,
 * provider down, network); otherwise it never will (an invalid number) and is given up on.
 */
export class SmsTransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The provider asked to wait this long (HTTP Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "SmsTransportError";
  }
}
