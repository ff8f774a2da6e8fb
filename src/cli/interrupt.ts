import type { StopSignal } from '../pipeline/execute.js';

/**
 * Ctrl-C (SIGINT) or SIGTERM once: stop dispatching, let the runs in flight finish and save,
 * then exit 130 with the resume command. Twice: exit at once; finished runs are already
 * committed, and the claims left behind are stale (dead pid) and re-queued by `resume`.
 */
export function watchInterrupts(say: (line: string) => void): { stop: StopSignal; dispose: () => void } {
  const stop: StopSignal = { requested: false };
  const onSignal = () => {
    if (stop.requested) process.exit(130);
    stop.requested = true;
    say('stopping: finishing the runs in flight (press Ctrl-C again to quit now)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stop,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
