import type { EncodedDataset } from '../data/types.js';
import type { ArchitectureChoice } from './architectures/names.js';

/** Proxy-network and training settings. Part of every run's key: change one, retrain. */
export interface ProxySettings {
  /** Most training rows a proxy run sees (the first `rows` of the training split). */
  rows: number;
  /** Least passes over the rows; more when they would be fewer than `minSteps` optimiser steps. */
  epochs: number;
  /** Least optimiser steps of a run (see schedule.ts). */
  minSteps: number;
  batchSize: number;
  learningRate: number;
  /** Widths of the shared bottom MLP layers (ReLU). */
  bottom: number[];
  /** Widths of each task tower's hidden layers (ReLU); a final dense 1 is added. */
  tower: number[];
}

/** One proxy run: one network on one task subset with one seed. Plain data (crosses threads). */
export interface RunSpec {
  /** Hash of (dataset fingerprint, sorted task subset, proxy settings, seed). */
  key: string;
  /** Indices into dataset.tasks, sorted ascending. */
  tasks: number[];
  seed: number;
  settings: ProxySettings;
  /**
   * Also measure the lookahead affinity of the run's tasks every `every` optimiser steps
   * (lookahead.ts). The losses are those of the same spec without it, bit for bit.
   */
  lookahead?: { every: number };
  /**
   * The network it trains (architectures/): absent, the shared-bottom network, with the numbers
   * (and run keys) runs had before architectures had names.
   */
  architecture?: ArchitectureChoice;
  /**
   * MetaBalance on the shared layers (balance/metaBalance.ts, kernels/metaBalance.ts): each of
   * the run's auxiliary tasks `aux` (indices into dataset.tasks, among `tasks`) has its shared
   * gradient rescaled at every step to `ratio` × the norm of the other (main) tasks' summed
   * shared gradient. Absent: every gradient as the loss gives it.
   */
  auxBalance?: { ratio: number; aux: number[] };
}

/**
 * Runs with the same pass key (seed and settings) see the same rows in the same order, so a
 * worker trains them together in one pass over the data; the pipeline batches runs by it.
 */
export const passKey = (spec: Pick<RunSpec, 'seed' | 'settings'>): string =>
  JSON.stringify([spec.seed, spec.settings]);

export interface RunResult {
  key: string;
  /** Validation loss of each task of spec.tasks, same order (mean over rows with a label), the
   *  least over the run's epoch ends (early stopping per task, see schedule.ts). */
  losses: number[];
  /**
   * Each task's metric (metrics.ts: AUC for binary tasks, RMSE in the label's unit for
   * regression), same order, on the validation rows at the task's best epoch; NaN where the
   * rows cannot give it. Absent from runs stored before metrics existed.
   */
  metrics?: number[];
  /** The trainer that trained it (trainers/index.ts: 'native-kernels', 'wasm-kernels', 'tfjs-cpu', …). */
  backend: string;
  trainMs: number;
  /**
   * Runs with `lookahead` only: the lookahead affinity Z(j→i) of task j onto task i (positions
   * in spec.tasks), averaged over the run, n × n row-major at [i·n + j] (row i: the task
   * affected; the diagonal is each task's self-affinity). See affinity.ts.
   */
  affinity?: number[];
  /** Runs with `lookahead` only: the lookahead steps the affinity is averaged over. */
  lookaheadSteps?: number;
}

export type { EncodedDataset };
