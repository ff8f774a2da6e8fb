import cliProgress from 'cli-progress';
import type { ExecuteProgress } from '../pipeline/execute.js';

export interface ProgressView {
  start(info: { searchId: string; total: number; pending: number; trainer: string }): void;
  update(progress: ExecuteProgress): void;
  stop(): void;
}

/**
 * Progress on stderr: a bar with ETA on a TTY (cli-progress), one line at start and end
 * elsewhere, nothing with --json or --quiet (stdout and stderr must stay clean for scripts).
 */
export function progressView(options: { quiet: boolean }): ProgressView {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  // Which trainer `--backend` chose (auto: the fastest available), when there is something to train.
  const opening = ({ searchId, total, pending, trainer }: Parameters<ProgressView['start']>[0]) =>
    `search ${searchId}: ${total} runs, ${total - pending} already known${pending > 0 ? `; training with ${trainer}` : ''}`;
  if (options.quiet) return { start() {}, update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let last: ExecuteProgress | undefined;
    return {
      start: (info) => say(opening(info)),
      update: (progress) => void (last = progress),
      stop: () =>
        last && say(`runs: ${last.done} done, ${last.trained} trained now, ${last.failed} failed`),
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'runs {bar} {value}/{total} | {trained} trained, {failed} failed | ETA {eta_formatted}',
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      etaBuffer: 20,
      // NO_COLOR: the format above uses no colour codes at all.
    },
    cliProgress.Presets.legacy,
  );
  return {
    start: (info) => {
      say(opening(info));
      bar.start(info.total, info.total - info.pending, { trained: 0, failed: 0 });
    },
    update: (p) => {
      if (p.total !== bar.getTotal()) bar.setTotal(p.total); // verification rounds add runs
      bar.update(p.done + p.failed, { trained: p.trained, failed: p.failed });
    },
    stop: () => bar.stop(),
  };
}
