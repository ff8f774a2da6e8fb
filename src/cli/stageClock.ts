import type { ExecuteProgress } from '../pipeline/execute.js';

/**
 * Estimated time left in one stage of a search (its first runs, or a verification round), from
 * the runs trained in this process: the mean time per trained run since the stage started,
 * times the runs left. Cached runs take no time and do not count. Before a stage has trained
 * anything, the rate of the stages before it stands in (a verification round's groups train
 * at about the speed of the pairs before them); before any run at all, there is no estimate.
 * Hand-written: cli-progress' own ETA prints `NFs` on its first frames and counts cached runs.
 */
export class StageClock {
  private stageStart: number;
  private stageTrained = 0;
  /** Seconds per trained run over the finished stages, or undefined before any. */
  private earlierRate: number | undefined;

  constructor(private readonly now: () => number) {
    this.stageStart = now();
  }

  /** A new stage starts: the rate of the one before it becomes the first guess. */
  nextStage(): void {
    const rate = this.ownRate();
    if (rate !== undefined) this.earlierRate = rate;
    this.stageStart = this.now();
    this.stageTrained = 0;
  }

  /** Seconds left in the stage, or undefined when there is nothing to estimate from yet. */
  secondsLeft(stage: ExecuteProgress): number | undefined {
    this.stageTrained = stage.trained;
    const left = stage.total - stage.done - stage.failed;
    if (left <= 0) return 0;
    const rate = this.ownRate() ?? this.earlierRate;
    return rate === undefined ? undefined : left * rate;
  }

  private ownRate(): number | undefined {
    if (this.stageTrained === 0) return undefined;
    return (this.now() - this.stageStart) / 1000 / this.stageTrained;
  }
}

/** `ETA 45s`, `ETA 3m 05s`, `ETA 1h 02m`, or `ETA –` while there is nothing to estimate from. */
export function etaText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'ETA –';
  const s = Math.ceil(seconds);
  if (s < 60) return `ETA ${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `ETA ${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `ETA ${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}
