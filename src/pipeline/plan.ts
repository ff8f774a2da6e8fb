import { createHash } from 'node:crypto';
import { KERNELS_IDENTITY } from '../proxy/trainers/names.js';
import type { ProxySettings, RunSpec } from '../proxy/types.js';
import { LOOKAHEAD_EVERY, type Study } from '../config/study.js';
import type { PlannedRun, RunIdentity } from '../store/index.js';

/** A `tag` search's lookahead: its all-tasks runs measure the affinity every `every` steps. */
export type Lookahead = { every: number } | undefined;

/** The lookahead of a study's all-tasks runs: only a `tag` search has one. */
const lookaheadOf = (study: Pick<Study, 'method'>): Lookahead =>
  study.method === 'tag' ? { every: LOOKAHEAD_EVERY } : undefined;

/** The proxy settings in a fixed key order, so equal settings always hash equally. */
export function canonicalSettings(settings: ProxySettings): ProxySettings {
  return {
    rows: settings.rows,
    epochs: settings.epochs,
    minSteps: settings.minSteps,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    bottom: [...settings.bottom],
    tower: [...settings.tower],
  };
}

/**
 * A run's identity: hash of (dataset fingerprint, sorted task subset, proxy settings, seed, and
 * the trainer's numeric identity). Everything that changes a run's losses is in it and nothing
 * else is, so a finished run is found again by any search or resume that needs it, and runs of
 * trainers that do not give bitwise-equal losses are never mixed. The kernels' identity is left
 * out of the hash: it is the identity every run had before trainers had one, so their keys, and
 * every database's cache of them, stay valid. A lookahead run adds its interval: its losses are
 * those of the plain run, but it stores an affinity the plain run lacks.
 */
export function runKey(
  fingerprint: string,
  taskNames: string[],
  settings: ProxySettings,
  seed: number,
  trainer: string = KERNELS_IDENTITY,
  lookahead?: Lookahead,
): string {
  const parts: unknown[] = [fingerprint, [...taskNames].sort(), canonicalSettings(settings), seed];
  if (trainer !== KERNELS_IDENTITY) parts.push(trainer);
  if (lookahead) parts.push({ lookahead: lookahead.every });
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** The seeds of a search: `seeds` consecutive values from the base seed. */
export const seedValues = (base: number, seeds: number): number[] =>
  Array.from({ length: seeds }, (_, s) => base + s);

/** Task subsets a search trains: every single and every pair, as ascending index lists. */
export function singlesAndPairs(taskCount: number): number[][] {
  const subsets: number[][] = [];
  for (let i = 0; i < taskCount; i++) subsets.push([i]);
  for (let i = 0; i < taskCount; i++) for (let j = i + 1; j < taskCount; j++) subsets.push([i, j]);
  return subsets;
}

/** What every run of a search shares in its key: its data, tasks, settings and trainer. */
export interface KeyBasis {
  fingerprint: string;
  taskNames: string[];
  settings: ProxySettings;
  /** The trainer's numeric identity (proxy/trainers). */
  trainer: string;
  /** A `tag` search's lookahead, measured by its runs over every task. */
  lookahead?: Lookahead;
}

/** The key basis of a search of `study` on data `fingerprint`, trained by a trainer of `trainer` identity. */
export const keyBasisOf = (study: Study, fingerprint: string, trainer: string): KeyBasis => ({
  fingerprint,
  taskNames: study.tasks.map((t) => t.name),
  settings: study.proxy,
  trainer,
  lookahead: lookaheadOf(study),
});

/** Whether a run measures the lookahead affinity: a `tag` search's runs over all its tasks. */
export const measuresAffinity = (
  tasks: number[],
  taskCount: number,
  lookahead: Lookahead,
): boolean => lookahead !== undefined && tasks.length === taskCount;

/** One run per seed and task subset, seed by seed (so one seed's answer is complete first). */
export function planSubsets(basis: KeyBasis, seeds: number[], subsets: number[][]): PlannedRun[] {
  const { fingerprint, taskNames, settings, trainer, lookahead } = basis;
  const keyOf = (tasks: number[], seed: number) =>
    runKey(
      fingerprint,
      tasks.map((t) => taskNames[t]),
      settings,
      seed,
      trainer,
      measuresAffinity(tasks, taskNames.length, lookahead) ? lookahead : undefined,
    );
  return seeds.flatMap((seed) =>
    subsets.map((tasks) => ({ key: keyOf(tasks, seed), tasks, seed })),
  );
}

/** Every non-empty task subset, smallest first: what an exhaustive search trains. */
export function everySubset(taskCount: number): number[][] {
  const subsets: number[][] = [];
  for (let mask = 1; mask < 2 ** taskCount; mask++)
    subsets.push(Array.from({ length: taskCount }, (_, t) => t).filter((t) => mask & (1 << t)));
  return subsets.sort((a, b) => a.length - b.length); // stable: ascending masks within a size
}

/**
 * The runs a search starts with, per seed: N singles, N(N−1)/2 pairs and, from three tasks on,
 * the all-in-one network, the baseline every grouping is measured against (and the anchor of
 * the pair estimate's error model). An exhaustive search plans every subset instead. A search
 * with a lookahead (`--method tag`) plans no pairs: its all-in-one run measures their affinity.
 */
export function planRuns(basis: KeyBasis, seeds: number[], exhaustive = false): PlannedRun[] {
  const n = basis.taskNames.length;
  const everyTask = n >= 3 ? [Array.from({ length: n }, (_, t) => t)] : [];
  const singles = Array.from({ length: n }, (_, t) => [t]);
  const subsets = exhaustive
    ? everySubset(n)
    : basis.lookahead
      ? [...singles, ...everyTask]
      : [...singlesAndPairs(n), ...everyTask];
  return planSubsets(basis, seeds, subsets);
}

export function runIdentity(
  run: PlannedRun,
  fingerprint: string,
  taskNames: string[],
  settings: ProxySettings,
): RunIdentity {
  return {
    key: run.key,
    fingerprint,
    tasks: run.tasks.map((t) => taskNames[t]),
    seed: run.seed,
    settings: canonicalSettings(settings),
  };
}

export function runSpec(run: PlannedRun, settings: ProxySettings, lookahead?: Lookahead): RunSpec {
  const spec: RunSpec = {
    key: run.key,
    tasks: run.tasks,
    seed: run.seed,
    settings: canonicalSettings(settings),
  };
  return lookahead ? { ...spec, lookahead } : spec;
}
