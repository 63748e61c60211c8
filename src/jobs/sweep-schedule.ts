import type { Logger } from 'pino';

export interface SweepSchedule {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then every `intervalMs`, never two at once in this process (other
 * instances are kept apart by the database's locks). A failed run is logged and the
 * next one tried on time.
 */
export function startSweepSchedule(options: { intervalMs: number; run: () => Promise<object>; logger: Logger }): SweepSchedule {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = options
      .run()
      .then((result) => {
        // Quiet when there was nothing to do, so a five-minute timer does not fill the logs.
        const busy = Object.values(result as Record<string, number>).some((n) => n > 0);
        options.logger[busy ? 'info' : 'debug']({ sweep: result }, 'SLA sweep done');
      })
      .catch((err: unknown) => options.logger.error({ err }, 'SLA sweep failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
