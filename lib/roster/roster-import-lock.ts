// One transaction-scoped advisory lock for "a roster import is writing". The import holds it
// from BEGIN to COMMIT, so two imports can never interleave, whatever the job rows say (a
// lease that lapsed under load, a paused process); the job runner's recovery takes it too, so
// it never calls a run "interrupted" while that run's transaction is still open.
export const ROSTER_IMPORT_LOCK_KEY = 72_026_118;
