// Which SMS transport this process uses: the Twilio-compatible HTTP API when
// SMS_TWILIO_ACCOUNT_SID, SMS_TWILIO_AUTH_TOKEN and SMS_TWILIO_FROM are set (SMS_TWILIO_BASE_URL
// optional), else in demo mode the built-in receiver (Dev inbox). Outside demo mode without a
// provider there is none: messages stay queued and the log names the missing variable.
import { isDemoMode } from "@/lib/config/demo-mode";
import { createDevSmsTransport } from "@/lib/sms/dev-sms-receiver";
import type { SmsTransport } from "@/lib/sms/sms-transport";
import { createTwilioSmsTransport } from "@/lib/sms/twilio-sms-transport";

export const SMS_CONFIG_VARIABLES = ["SMS_TWILIO_ACCOUNT_SID", "SMS_TWILIO_AUTH_TOKEN", "SMS_TWILIO_FROM"] as const;

/** The provider variables that are missing (all three are needed); empty when configured. */
export function missingSmsVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return SMS_CONFIG_VARIABLES.filter((name) => !env[name]?.trim());
}

export function isSmsProviderConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return missingSmsVariables(env).length === 0;
}

export function missingSmsConfigMessage(env: NodeJS.ProcessEnv = process.env): string {
  return `${missingSmsVariables(env).join(", ")} not set: outside demo mode (DEMO_MODE=1) text messages are only sent through an SMS provider (Twilio-compatible API). Text messages stay queued in the SMS outbox until it is configured.`;
}

/** The transport to send with, or null when this process has none (messages wait). */
export function configuredSmsTransport(env: NodeJS.ProcessEnv = process.env): SmsTransport | null {
  if (isSmsProviderConfigured(env)) {
    return createTwilioSmsTransport({
      accountSid: env.SMS_TWILIO_ACCOUNT_SID!.trim(),
      authToken: env.SMS_TWILIO_AUTH_TOKEN!.trim(),
      from: env.SMS_TWILIO_FROM!.trim(),
      baseUrl: env.SMS_TWILIO_BASE_URL?.trim() || undefined,
    });
  }
  return isDemoMode(env) ? createDevSmsTransport() : null;
}
