import type { EmbeddedColumn } from '../data/types.js';
import { methodNamed, type MethodName } from '../decide/methods/index.js';
import type { ArchitectureChoice } from '../proxy/architectures/names.js';
import { DEFAULT_AUX_BALANCE, type AuxBalance } from '../proxy/balance/index.js';
import type { ProxySettings } from '../proxy/types.js';
import { minStepsDefault } from '../proxy/schedule.js';
import { MAX_HOA_TASKS } from '../search/limits.js';
import { rolesOf } from './auxiliaryRoles.js';
import { integerInRange, type TaskRequest } from './parse.js';

/**
 * A study: everything that defines a search's result, stored with the search and read back by
 * `resume`, `status` and `report`. How a machine runs it (workers, backend, database) is not
 * part of it: see runChoices.ts.
 */
export interface Study {
  dataFile: string;
  tasks: TaskRequest[];
  features?: string[];
  exclude?: string[];
  /** One weight per task (business priority); all 1 by default. */
  weights: number[];
  /** Most networks; null = no limit (see budgetOf). */
  budget: number | null;
  /** Seeds per run: each single and pair is trained this many times. */
  seeds: number;
  /** Base seed: of the split, the data order and the initial weights. */
  seed: number;
  valFraction: number;
  /** Active verification: train promising groups of 3+ tasks for real. */
  verify: boolean;
  /** Most proxy runs spent on groups of 3+ tasks besides the all-in-one network; null = as many as the singles and pairs. */
  maxRuns: number | null;
  /**
   * How pairs are scored: a search method's name (src/decide/methods: each method's file says
   * what it trains). `auto` on the command line is stored resolved.
   */
  method: MethodName;
  /** Train every task subset: the exhaustive truth, the yardstick of the rest (at most 12 tasks). */
  exhaustive: boolean;
  /**
   * Auxiliary tasks (names, in task order): trained alongside the main tasks to help them, never
   * scored; a network is a group of main tasks with any auxiliaries. Empty: every task is main.
   */
  aux: string[];
  /** How the auxiliaries' gradients are balanced on the shared layers (proxy/balance). */
  auxBalance: AuxBalance;
  proxy: ProxySettings;
  /**
   * The network every run of the search trains, resolved (src/proxy/architectures: MMoE's
   * experts filled in); absent: the shared bottom, as every search before architectures had names.
   */
  architecture?: ArchitectureChoice;
  /**
   * The MMoE trained once per seed over every task beside a shared-bottom search, a measured
   * baseline the chosen grouping is compared with (decide/mmoeBaseline.ts); absent: none
   * (`--no-mmoe-baseline`, an MMoE search, or a search stored before it existed).
   */
  mmoeBaseline?: ArchitectureChoice;
  /** Feature columns learned as embedding tables, resolved (src/data: `embed`); absent: none. */
  embed?: EmbeddedColumn[];
}

/**
 * Defaults. A proxy run is a cheap stand-in for full training: at most 20k rows, 4 epochs of
 * batch 256, Adam at 0.003. What matters is the number of Adam steps: on the bundled example
 * (4.8k training rows) 4 epochs of batch 512 (40 steps) are too few for related tasks to help
 * each other measurably (mean within-cluster T ≈ 0), while 4 × 256 (76 steps) separates the
 * planted clusters with every seed tried, at under half the compute of 8 × 512. 3 seeds give a
 * standard error.
 */
export const studyDefaults = Object.freeze({
  budget: null,
  seeds: 3,
  seed: 0,
  valFraction: 0.2,
  verify: true,
  maxRuns: null,
  exhaustive: false,
  aux: Object.freeze([]) as readonly string[],
  auxBalance: DEFAULT_AUX_BALANCE,
  /** Every shared-bottom search measures one MMoE over all its tasks beside its grouping. */
  mmoeBaseline: true,
  proxy: Object.freeze({
    rows: 20_000,
    epochs: 4,
    // See src/proxy/schedule.ts: small data gets more epochs, never fewer than 200 steps.
    minSteps: minStepsDefault,
    batchSize: 256,
    learningRate: 0.003,
    bottom: Object.freeze([128, 64]),
    tower: Object.freeze([32]),
  }),
});

/**
 * The most a study may ask for, checked with the flags before anything is read or written (docs/data.md,
 * "What is refused"). Each is far above what a proxy run needs, and each keeps one mistyped
 * number from running for days or exhausting memory: every seed trains every single and pair
 * again; a proxy run holds `rows` rows and a shuffled order of them per epoch; a wide layer's
 * weights, gradients and Adam moments grow with its width squared.
 */
export const studyLimits = Object.freeze({
  /** Tasks: the grouping solver's limit (src/search/limits.ts). */
  tasks: MAX_HOA_TASKS,
  seeds: 100,
  rows: 1_000_000,
  epochs: 100,
  /** Least optimiser steps per proxy run: small tables get more epochs, never more than this. */
  minSteps: 100_000,
  batchSize: 65_536,
  /** Widths of the bottom's and a tower's layers, and how many layers each has. */
  layerWidth: 4096,
  layers: 8,
});

const L = studyLimits;

/** Most tasks an exhaustive search takes: 2^12 − 1 = 4095 subsets, 12,285 runs with 3 seeds. */
export const MAX_EXHAUSTIVE_TASKS = 12;

/**
 * Most groups of 3+ tasks active verification may train besides the all-in-one network: the
 * run cap (--max-runs) in whole groups, or else what the study's method allows (decide/methods).
 */
export function verificationGroupCap(
  study: Pick<Study, 'maxRuns' | 'seeds' | 'tasks' | 'method' | 'aux'>,
): number {
  if (study.maxRuns !== null) return Math.floor(study.maxRuns / study.seeds);
  const method = methodNamed(study.method);
  const roles = rolesOf(study);
  return roles && method.auxiliary
    ? method.auxiliary.groupCap(roles)
    : method.groupCap(study.tasks.length);
}

/** Seeds per run: 1 to studyLimits.seeds. */
export const seedCount = (field: string, value: unknown): number =>
  integerInRange(field, value, 1, L.seeds);

/**
 * The budget in networks: the study's, or one per main task when it has none (no limit; every
 * task is main without auxiliaries). The one place a study's budget becomes a number; it keeps
 * its name down to the solver's entry.
 */
export const budgetOf = (study: Pick<Study, 'budget' | 'tasks' | 'aux'>): number =>
  study.budget ?? study.tasks.length - study.aux.length;
