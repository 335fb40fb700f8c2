// The second-step page, carrying where to go once signed in.
export const SECOND_STEP_PATH = "/console/sign-in/second-step";

export function secondStepPath(callbackPath: string): string {
  return `${SECOND_STEP_PATH}?callbackUrl=${encodeURIComponent(callbackPath)}`;
}
