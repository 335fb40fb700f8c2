// What the "Get back into your account" pages show for a flow. Before the first step passes,
// every visitor sees the same generic choices and no hint of what is registered (NIST 800-63B
// 3.1.1.2: no hints to someone not yet verified); after it, only the methods that can complete
// the pair, with masked hints (and the person's security questions, never their answers).
import { prisma } from "@/lib/db";
import { loadStaffSecurityInfo } from "@/lib/staff-auth/security-info/load-staff-security-info";
import { loadRecoveryFlow } from "@/lib/staff-auth/recovery/recovery-flow";
import { isRecoveryComplete, mayUseGate, RECOVERY_GATES, type RecoveryGate } from "@/lib/staff-auth/recovery/recovery-gates";
import { loadRecoveryProfile } from "@/lib/staff-auth/recovery/load-recovery-profile";

/** Step 1 choices, the same for everyone (questions are only ever a second step). */
export const FIRST_STEP_CHOICES: readonly RecoveryGate[] = ["sms", "email", "totp", "recovery-code"];

export type RecoveryFlowView =
  | { stage: "expired" }
  | { stage: "verify"; step: 1 | 2; choices: RecoveryGate[]; hints: { phone?: string; email?: string; questionKeys?: string[] } }
  | { stage: "new-passphrase" };

export async function describeRecoveryFlow(token: string | undefined): Promise<RecoveryFlowView> {
  const flow = await loadRecoveryFlow(token);
  if (!flow) return { stage: "expired" };
  if (flow.gatesPassed.length === 0 || flow.staffUserId === null) return { stage: "verify", step: 1, choices: [...FIRST_STEP_CHOICES], hints: {} };
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: flow.staffUserId }, select: { id: true, role: true } });
  const [profile, info] = await Promise.all([loadRecoveryProfile(prisma, user), loadStaffSecurityInfo(prisma, user.id)]);
  if (isRecoveryComplete(profile, flow.gatesPassed)) return { stage: "new-passphrase" };
  const choices = RECOVERY_GATES.filter((gate) => mayUseGate(profile, flow.gatesPassed, gate));
  return {
    stage: "verify",
    step: 2,
    choices,
    hints: {
      phone: choices.includes("sms") ? info.phone?.masked : undefined,
      email: choices.includes("email") ? info.altEmail?.masked : undefined,
      questionKeys: choices.includes("questions") ? info.questions?.questionKeys : undefined,
    },
  };
}
