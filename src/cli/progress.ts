import cliProgress from 'cli-progress';
import type { ExecuteProgress } from '../pipeline/execute.js';

export interface ProgressView {
  start(info: { searchId: string; total: number; pending: number }): void;
  update(progress: ExecuteProgress): void;
  stop(): void;
}

/**
 * Progress on stderr: a bar with ETA on a TTY (cli-progress), one line at start and end
 * elsewhere, nothing with --json or --quiet (stdout and stderr must stay clean for scripts).
 */
export function progressView(options: { quiet: boolean }): ProgressView {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (options.quiet) return { start() {}, update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let last: ExecuteProgress | undefined;
    return {
      start: ({ searchId, total, pending }) => say(`search ${searchId}: ${total} runs, ${total - pending} already known`),
      update: (progress) => void (last = progress),
      stop: () => last && say(`runs: ${last.done} done, ${last.trained} trained now, ${last.failed} failed`),
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'runs {bar} {value}/{total} | {trained} trained, {failed} failed | ETA {eta_formatted}',
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      etaBuffer: 20,
      // NO_COLOR: the format above uses no colour codes at all.
    },
    cliProgress.Presets.legacy,
  );
  return {
    start: ({ searchId, total, pending }) => {
      say(`search ${searchId}: ${total} runs, ${total - pending} already known`);
      bar.start(total, total - pending, { trained: 0, failed: 0 });
    },
    update: (p) => {
      if (p.total !== bar.getTotal()) bar.setTotal(p.total); // verification rounds add runs
      bar.update(p.done + p.failed, { trained: p.trained, failed: p.failed });
    },
    stop: () => bar.stop(),
  };
}
