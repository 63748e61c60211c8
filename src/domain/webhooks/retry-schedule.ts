// When a failed delivery is tried again. Exponential from 10 s, doubling per attempt up to
// 4 hours, each delay drawn uniformly in [50%, 100%] of it ("equal jitter"), so a receiver
// that was down for everyone is not hit by every retry in the same second when it returns.
// Retries stop 3 days after the first attempt: about 25 attempts in all.

export const RETRY_WINDOW_MS = 3 * 24 * 3600 * 1000;
const FIRST_DELAY_MS = 10_000;
const MAX_DELAY_MS = 4 * 3600 * 1000;

/** The delay after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** The next attempt's time, or null when the 3 days from `firstAttemptAt` have run out. */
export function nextAttemptAt(firstAttemptAt: Date, now: Date, attempt: number, random: number): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(attempt, random));
  return next.getTime() - firstAttemptAt.getTime() > RETRY_WINDOW_MS ? null : next;
}

/** A subscription that has failed without a success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = RETRY_WINDOW_MS;
