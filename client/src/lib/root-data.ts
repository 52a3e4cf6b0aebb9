// The root route loads who is logged in and the taxonomy once, not on every keystroke's URL change.
// Whatever changes either (login, logout, an expired session, a taxonomy edit) marks that data stale
// here, and the root route reloads it on the next navigation or revalidation.

let epoch = 0;

/** Says the session or the taxonomy changed, so the root route must load them again. */
export function markRootDataStale(): void {
  epoch += 1;
}

/** A number that changes whenever the root data went stale; the root loader records the one it saw. */
export function rootDataEpoch(): number {
  return epoch;
}
