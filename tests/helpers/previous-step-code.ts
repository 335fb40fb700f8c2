// Tests bind an authenticator with the code of the PREVIOUS 30-second step, so that "now" codes
// used later in the test are still fresh (a code works once). The server accepts one step of
// drift, so that code stays good only until the next step begins: on a busy machine, binding
// late in a step (argon2 hashing the recovery codes) could cross into it. So never start in the
// last 6 seconds of a step.
import { generate } from "otplib";

const STEP_MS = 30_000;
const MARGIN_MS = 6_000;

export async function previousStepCode(secret: string): Promise<string> {
  const intoStep = Date.now() % STEP_MS;
  if (intoStep > STEP_MS - MARGIN_MS) await new Promise((resolve) => setTimeout(resolve, STEP_MS - intoStep + 50));
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
}
