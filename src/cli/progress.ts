import cliProgress from 'cli-progress';
import type { SearchProgress } from '../pipeline/searchProgress.js';
import { etaText, StageClock } from './stageClock.js';

export interface SearchStart {
  searchId: string;
  total: number;
  pending: number;
  trainer: string;
}

export interface AskedBefore {
  searchId: string;
  status: string;
  asStored: boolean;
}

export interface ProgressView {
  /** The database holds a search of the same question: this is it. */
  askedBefore(info: AskedBefore): void;
  start(info: SearchStart): void;
  update(progress: SearchProgress): void;
  stop(): void;
}

/** Where progress goes (stderr) and what time it is; tests pass a fake stream and clock. */
export interface ProgressOutput {
  stream: NodeJS.WriteStream;
  now: () => number;
}

const defaultOutput = (): ProgressOutput => ({ stream: process.stderr, now: Date.now });

// Which trainer `--backend` chose (auto: the fastest available), when there is something to train.
// The count is that of the runs planned at the start: verification rounds add their own.
const opening = ({ searchId, total, pending, trainer }: SearchStart) =>
  `search ${searchId}: ${total} runs to start with, ${total - pending} already known` +
  `${pending > 0 ? `; training with ${trainer}` : ''}; verification rounds add the runs they need`;

const askedLine = ({ searchId, status, asStored }: AskedBefore) =>
  `search ${searchId} asked this question before (same data and study, ${status}): ` +
  `${asStored ? 'its result as stored' : 'continuing it'}; --new starts a search of its own`;

const stageName = (round: number) => (round === 0 ? 'first runs' : `verification round ${round}`);

const roundsText = (rounds: number) =>
  rounds === 0 ? '' : ` (${rounds} verification round${rounds === 1 ? '' : 's'})`;

/** The closing line: every run of every round, as the result counts them. */
const closing = (last: SearchProgress) =>
  `runs: ${last.total}${roundsText(last.stage.round)}, ${last.done} done, ` +
  `${last.trained} trained now, ${last.failed} failed`;

/**
 * Progress on stderr: on a TTY, one bar per stage (the first runs, then each verification round,
 * with its own count and ETA: a bar never falls back when a round plans more runs); elsewhere a
 * line at the start, one per verification round, and one at the end; nothing with --json or
 * --quiet (stdout and stderr must stay clean for scripts).
 */
export function progressView(
  options: { quiet: boolean },
  output: ProgressOutput = defaultOutput(),
): ProgressView {
  if (options.quiet) return { askedBefore() {}, start() {}, update() {}, stop() {} };
  return output.stream.isTTY ? barView(output) : lineView(output);
}

/** Lines only: the opening, each new verification round with its runs, the closing. */
function lineView({ stream }: ProgressOutput): ProgressView {
  const say = (line: string) => stream.write(`${line}\n`);
  let last: SearchProgress | undefined;
  return {
    askedBefore: (info) => say(askedLine(info)),
    start: (info) => say(opening(info)),
    update: (progress) => {
      if (progress.stage.round !== (last?.stage.round ?? 0))
        say(`${stageName(progress.stage.round)}: ${progress.stage.total} runs`);
      last = progress;
    },
    stop: () => last && say(closing(last)),
  };
}

/** A bar per stage; a finished stage's bar stays on screen, full, above the next. */
function barView({ stream, now }: ProgressOutput): ProgressView {
  const clock = new StageClock(now);
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{stage} {bar} {value}/{total} | {trained} trained, {failed} failed | {estimate}',
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      // NO_COLOR: the format above uses no colour codes at all.
    },
    cliProgress.Presets.legacy,
  );
  let round = 0;
  let last: SearchProgress | undefined;
  const payload = (stage: SearchProgress['stage']) => ({
    stage: stageName(stage.round),
    trained: stage.trained,
    failed: stage.failed,
    estimate: etaText(clock.secondsLeft(stage)),
  });
  return {
    askedBefore: (info) => stream.write(`${askedLine(info)}\n`),
    start: (info) => {
      stream.write(`${opening(info)}\n`);
      const stage = { total: info.total, done: info.total - info.pending, failed: 0, trained: 0 };
      bar.start(info.total, stage.done, payload({ ...stage, round }));
    },
    update: (progress) => {
      const { stage } = progress;
      if (stage.round !== round) {
        bar.stop();
        clock.nextStage();
        round = stage.round;
        bar.start(stage.total, stage.done + stage.failed, payload(stage));
      } else {
        bar.update(stage.done + stage.failed, payload(stage));
      }
      last = progress;
    },
    stop: () => {
      bar.stop();
      if (last) stream.write(`${closing(last)}\n`);
    },
  };
}
