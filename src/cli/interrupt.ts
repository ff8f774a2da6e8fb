import type { StopSignal } from '../pipeline/execute.js';

/**
 * Ctrl-C (SIGINT) or SIGTERM once: `stop.requested` becomes true and `onStop` runs, so the
 * command can wind down with what it has (a search lets the runs in flight finish and save; a
 * solve prints its best answer), then exit 130. Twice: exit 130 at once; a search's finished
 * runs are already committed, and the claims left behind are stale (dead pid) and re-queued by
 * `resume`.
 */
export function watchInterrupts(onStop: () => void): { stop: StopSignal; dispose: () => void } {
  const stop: StopSignal = { requested: false };
  const onSignal = () => {
    if (stop.requested) process.exit(130);
    stop.requested = true;
    onStop();
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

/** The line shown at the first Ctrl-C: what the command does now, and how to quit at once. */
export function stoppingLine(doing: string): string {
  return `stopping: ${doing} (press Ctrl-C again to quit now)`;
}
