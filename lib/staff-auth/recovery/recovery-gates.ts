// Which verification steps may prove who someone is, and which pairs are enough (issue 9,
// item 5; research section 7, items 11-12). Pure rules, no database.
// - two different methods, and at least one proves possession (a code from the phone, the
//   alternate e-mail or the authenticator, or a recovery code);
// - no MFA bypass (ASVS 6.4.3), research section 7 item 11 (Rule B): once a person has an
//   authenticator app or a passkey, one of the two must be the authenticator or a recovery code
//   AND the other must be the phone, the alternate e-mail or (not for site admins) the security
//   questions. The authenticator plus a recovery code is not enough: both live on the same
//   phone or desk, so whoever took the one likely holds the other. People with MFA and no
//   security info cannot complete a pair and go to the help desk;
// - security questions only when the district allows them and never for a site admin (Entra's
//   two-gate rule for admins); they are never enough with only another weak method.
export const RECOVERY_GATES = ["sms", "email", "totp", "recovery-code", "questions"] as const;
export type RecoveryGate = (typeof RECOVERY_GATES)[number];

export interface RecoveryProfile {
  phone: boolean;
  altEmail: boolean;
  questions: boolean;
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  siteAdmin: boolean;
  questionsEnabled: boolean;
}

const POSSESSION: ReadonlySet<RecoveryGate> = new Set(["sms", "email", "totp", "recovery-code"]);
const SECOND_FACTOR: ReadonlySet<RecoveryGate> = new Set(["totp", "recovery-code"]);

export const isRecoveryGate = (value: string): value is RecoveryGate => (RECOVERY_GATES as readonly string[]).includes(value);

export const hasMfa = (profile: RecoveryProfile): boolean => profile.totp || profile.passkeys > 0;

/** The methods this person has registered and may use here. */
export function registeredGates(profile: RecoveryProfile): RecoveryGate[] {
  return RECOVERY_GATES.filter((gate) => {
    switch (gate) {
      case "sms":
        return profile.phone;
      case "email":
        return profile.altEmail;
      case "totp":
        return profile.totp;
      case "recovery-code":
        return profile.recoveryCodesLeft > 0;
      case "questions":
        return profile.questions && profile.questionsEnabled && !profile.siteAdmin;
    }
  });
}

export function isSufficientPair(profile: RecoveryProfile, a: RecoveryGate, b: RecoveryGate): boolean {
  if (a === b) return false;
  if (!POSSESSION.has(a) && !POSSESSION.has(b)) return false;
  // Exactly one second factor: never none (MFA bypass), never two (no security info involved).
  if (hasMfa(profile) && SECOND_FACTOR.has(a) === SECOND_FACTOR.has(b)) return false;
  return true;
}

/** Whether `gate` may be the next step after `passed`, i.e. it can still end in a sufficient pair. */
export function mayUseGate(profile: RecoveryProfile, passed: readonly RecoveryGate[], gate: RecoveryGate): boolean {
  const usable = registeredGates(profile);
  if (!usable.includes(gate) || passed.includes(gate) || passed.length >= 2) return false;
  // Questions are only ever the second step: asking them first would show who registered them.
  if (gate === "questions" && passed.length === 0) return false;
  if (passed.length === 1) return isSufficientPair(profile, passed[0]!, gate);
  return usable.some((other) => isSufficientPair(profile, gate, other));
}

/** Someone who cannot complete any pair is "not registered" for self-service (help desk instead). */
export function canRecover(profile: RecoveryProfile): boolean {
  return registeredGates(profile).some((gate) => mayUseGate(profile, [], gate));
}

export function isRecoveryComplete(profile: RecoveryProfile, passed: readonly RecoveryGate[]): boolean {
  return passed.length >= 2 && isSufficientPair(profile, passed[0]!, passed[1]!);
}
