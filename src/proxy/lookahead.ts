import type { EncodedDataset } from '../data/types.js';
import { AffinitySums } from './affinity.js';
import { KernelLookahead, type LookaheadProfile } from './kernels/kernelLookahead.js';
import { kernelArena, type KernelArena } from './kernels/kernelModule.js';
import { openPass, trainNetwork } from './kernels/kernelTrainer.js';
import type { RunResult, RunSpec } from './types.js';

/**
 * Steps between lookahead steps when a spec does not say. Measured by `npm run bench:lookahead` on
 * planted clusters: every 10 steps ranks the pairs as every step does (Spearman 0.9x over the
 * off-diagonal affinities) at a fraction of the cost, as in the PyTorch replica the project
 * studied before (the same grouping as every step in 7 of 10 tables).
 */
export const lookaheadEveryDefault = 10;

export interface LookaheadOptions {
  /** Adds where the lookahead's time goes (`npm run bench:lookahead`). */
  profile?: LookaheadProfile;
  /** The build of the kernels that trains (default: this thread's, kernelModule.ts). */
  arena?: KernelArena;
  /** Read once per batch: when it says stop, the run throws an InterruptedError. */
  shouldStop?: () => boolean;
}

/**
 * Trains the network of `spec` (usually all tasks) exactly as trainRuns does without a
 * lookahead, so its losses are bitwise those of the same spec trained plainly, and every
 * `spec.lookahead.every` steps measures the lookahead affinity Z(j→i) of every pair of its
 * tasks (affinity.ts, kernels/kernelLookahead.ts): the whole n × n matrix from one run, where
 * transfer scores need n(n+1)/2. The result's `affinity` is the matrix averaged over the run,
 * row i the task affected, and `lookaheadSteps` how many steps measured it.
 *
 * Runs on our kernels (the tfjs trainers refuse a lookahead spec). Pre: checkSpec passed (trainRuns.ts):
 * tasks valid, a bottom of at least one layer.
 */
export function trainLookahead(
  dataset: EncodedDataset,
  spec: RunSpec,
  options: LookaheadOptions = {},
): RunResult {
  const every = spec.lookahead?.every ?? lookaheadEveryDefault;
  const sums = new AffinitySums(dataset, spec.tasks);
  const pass = openPass(dataset, [spec], options.arena ?? kernelArena());
  const result = trainNetwork(
    pass,
    spec,
    new KernelLookahead(sums, every, spec.settings.learningRate, options.profile),
    options.shouldStop,
  );
  return { ...result, affinity: sums.mean(), lookaheadSteps: sums.steps };
}
