// A staff member who has already registered their security info (a confirmed phone and
// alternate e-mail, confirmed today), for tests about something else: without it every
// console page sends them to "Don't lose access to your account" first. Use it as
// `securityInfo: { create: registeredSecurityInfo() }` inside prisma.staffUser.create's data.
let next = 0;

export function registeredSecurityInfo(now = new Date()) {
  next += 1;
  return {
    phoneE164: `+1503555${String(1000 + (next % 9000)).padStart(4, "0")}`,
    phoneConfirmedAt: now,
    altEmail: `registered.${next}@personal.example.com`,
    altEmailConfirmedAt: now,
    confirmedAt: now,
  };
}
