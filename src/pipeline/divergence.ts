import type { EncodedDataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import { trivialLosses, type TrivialLoss } from '../proxy/trivialLoss.js';
import type { ProxySettings, RunResult, RunSpec } from '../proxy/types.js';

/**
 * A validation loss this many times that of predicting a constant (the training rows' base rate
 * or mean, see trivialLosses) is far above it: a network that merely failed to learn stays near
 * 1×, one that diverged goes far past it (a learning rate of 100 gave losses of 27 million).
 */
export const farAboveTrivial = 10;

/** The setting to change when proxy training diverges, as the user writes it. */
const setting = (settings: ProxySettings) =>
  `lower proxy.learningRate in --config (now ${settings.learningRate})`;

/** Names of a run's tasks, for messages: `click+like`. */
const namesOf = (spec: Pick<RunSpec, 'tasks'>, taskNames: string[]) =>
  spec.tasks.map((t) => taskNames[t]).join('+');

/**
 * Why a run's result cannot be stored: a loss (or lookahead affinity) that is not a finite
 * number, as a diverging network gives (NaN, ±Infinity, or null from a worker that sent NaN as
 * JSON). Undefined when it can. Checked where every trainer's results are accepted (execute.ts),
 * so the local pool, the Redis workers and any other trainer are held to it alike.
 */
export function divergence(result: RunResult): string | undefined {
  const bad = [...result.losses, ...(result.affinity ?? [])].find(
    (value) => typeof value !== 'number' || !Number.isFinite(value),
  );
  if (bad === undefined) return undefined;
  return `training diverged: a validation loss or affinity is ${String(bad)}`;
}

/** The error that stops a search whose run diverged again when retried: one line naming the setting. */
export function divergedTwice(
  spec: Pick<RunSpec, 'tasks' | 'seed'>,
  taskNames: string[],
  settings: ProxySettings,
): UsageError {
  return new UsageError(
    `proxy run of ${namesOf(spec, taskNames)} (seed ${spec.seed}) diverged twice (a validation loss that is not a finite number): ` +
      `the proxy training is unstable with these settings; ${setting(settings)}`,
    'E_CONFIG',
  );
}

/**
 * Warns once per session (one line) when a stored run's validation loss is more than
 * farAboveTrivial times its task's trivial loss. The trivial losses come from the data, loaded
 * by then for the training itself; a warning that cannot be computed is left out.
 */
export class FarAboveTrivial {
  private trivial: Promise<TrivialLoss[]> | undefined;
  private warned = false;

  constructor(
    private readonly o: {
      taskNames: string[];
      settings: ProxySettings;
      dataset: () => Promise<EncodedDataset>;
      warn?: (message: string) => void;
    },
  ) {}

  look(spec: Pick<RunSpec, 'tasks' | 'seed'>, result: RunResult): void {
    if (this.warned || this.o.warn === undefined) return;
    this.trivial ??= this.o.dataset().then(trivialLosses);
    this.trivial.then((trivial) => this.judge(spec, result, trivial)).catch(() => {});
  }

  private judge(
    spec: Pick<RunSpec, 'tasks' | 'seed'>,
    result: RunResult,
    trivial: TrivialLoss[],
  ): void {
    const at = spec.tasks.findIndex((t, i) => result.losses[i] > farAboveTrivial * trivial[t].loss);
    if (at < 0 || this.warned) return;
    this.warned = true;
    const task = spec.tasks[at];
    this.o.warn!(
      `proxy training may be diverging: task "${this.o.taskNames[task]}" has validation loss ${result.losses[at].toPrecision(4)} ` +
        `in the run of ${namesOf(spec, this.o.taskNames)} (seed ${spec.seed}), more than ${farAboveTrivial}× the ` +
        `${trivial[task].loss.toPrecision(4)} of predicting its training ${trivial[task].predicts}; ${setting(this.o.settings)}`,
    );
  }
}
