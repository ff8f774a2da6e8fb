import { StopFlag } from '../pipeline/protocol.js';

/** The signals that ask a command to stop: Ctrl-C, `kill`, and the terminal closing (SIGHUP). */
const stopSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Ctrl-C (SIGINT), SIGTERM or SIGHUP (its terminal or SSH session closed) once: the command's
 * StopFlag is raised and `onStop` runs, so the command can wind down with what it has, then exit
 * 130. A search stops the reading of its data file, and its runs in flight stop at their next
 * batch and are queued again (finished runs are committed already); a solve prints its best
 * answer. Twice: exit 130 at once; the claims left behind are stale (dead pid) and re-queued by
 * `resume`.
 */
export function watchInterrupts(onStop: () => void): { stop: StopFlag; dispose: () => void } {
  const stop = new StopFlag();
  const onSignal = () => {
    if (stop.requested) process.exit(130);
    stop.raise();
    onStop();
  };
  for (const signal of stopSignals) process.on(signal, onSignal);
  return {
    stop,
    dispose: () => {
      for (const signal of stopSignals) process.off(signal, onSignal);
      // Stopped already, the command is writing its last words (the resume command): a second
      // signal then still exits 130, as promised, rather than ending the process by the signal.
      if (stop.requested)
        for (const signal of stopSignals) process.once(signal, () => process.exit(130));
    },
  };
}

/** The line shown at the first Ctrl-C: what the command does now, and how to quit at once. */
export function stoppingLine(doing: string): string {
  return `stopping: ${doing} (press Ctrl-C again to quit now)`;
}
