import { createHash } from 'node:crypto';
import type { Study } from '../config/study.js';
import { methodNamed, type Lookahead } from '../decide/methods/index.js';
import { KERNELS_IDENTITY } from '../proxy/trainers/names.js';
import type { ProxySettings, RunSpec } from '../proxy/types.js';
import type { PlannedRun, RunIdentity } from '../store/index.js';
import { balanceKeyPart, balanceBasisOf, runBalance, type BalanceBasis } from './runBalance.js';

export type { Lookahead };

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
 * those of the plain run, but it stores an affinity the plain run lacks. A run whose auxiliary
 * gradients are balanced adds the balance and its auxiliary tasks (runBalance.ts, balanceKeyPart).
 */
export function runKey(
  fingerprint: string,
  taskNames: string[],
  settings: ProxySettings,
  seed: number,
  trainer: string = KERNELS_IDENTITY,
  lookahead?: Lookahead,
  balance?: unknown,
): string {
  const parts: unknown[] = [fingerprint, [...taskNames].sort(), canonicalSettings(settings), seed];
  if (trainer !== KERNELS_IDENTITY) parts.push(trainer);
  if (lookahead) parts.push({ lookahead: lookahead.every });
  if (balance) parts.push(balance);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** The seeds of a search: `seeds` consecutive values from the base seed. */
export const seedValues = (base: number, seeds: number): number[] =>
  Array.from({ length: seeds }, (_, s) => base + s);

/** What every run of a search shares in its key: its data, tasks, settings and trainer. */
export interface KeyBasis {
  fingerprint: string;
  taskNames: string[];
  settings: ProxySettings;
  /** The trainer's numeric identity (proxy/trainers). */
  trainer: string;
  /** The lookahead of the search's method (decide/methods), measured by its runs over every task. */
  lookahead?: Lookahead;
  /** How the study balances its auxiliary tasks' gradients (runBalance.ts); absent: not at all. */
  balance?: BalanceBasis;
}

/** The key basis of a search of `study` on data `fingerprint`, trained by a trainer of `trainer` identity. */
export const keyBasisOf = (study: Study, fingerprint: string, trainer: string): KeyBasis => ({
  fingerprint,
  taskNames: study.tasks.map((t) => t.name),
  settings: study.proxy,
  trainer,
  lookahead: methodNamed(study.method).lookahead,
  balance: balanceBasisOf(study),
});

/** Whether a run measures its method's lookahead affinity: the runs over every task do. */
export const measuresAffinity = (
  tasks: number[],
  taskCount: number,
  lookahead: Lookahead | undefined,
): boolean => lookahead !== undefined && tasks.length === taskCount;

/** One run per seed and task subset, seed by seed (so one seed's answer is complete first). */
export function planSubsets(basis: KeyBasis, seeds: number[], subsets: number[][]): PlannedRun[] {
  const { fingerprint, taskNames, settings, trainer, lookahead, balance } = basis;
  const keyOf = (tasks: number[], seed: number) =>
    runKey(
      fingerprint,
      tasks.map((t) => taskNames[t]),
      settings,
      seed,
      trainer,
      measuresAffinity(tasks, taskNames.length, lookahead) ? lookahead : undefined,
      balanceKeyPart(balance, tasks, taskNames),
    );
  return seeds.flatMap((seed) =>
    subsets.map((tasks) => ({ key: keyOf(tasks, seed), tasks, seed })),
  );
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

export function runSpec(
  run: PlannedRun,
  settings: ProxySettings,
  lookahead?: Lookahead,
  balance?: BalanceBasis,
): RunSpec {
  const spec: RunSpec = {
    key: run.key,
    tasks: run.tasks,
    seed: run.seed,
    settings: canonicalSettings(settings),
  };
  const auxBalance = runBalance(balance, run.tasks);
  return { ...spec, ...(lookahead && { lookahead }), ...(auxBalance && { auxBalance }) };
}

/**
 * The spec a worker trains for a planned run of a search: its method's lookahead when the run
 * measures it, its study's auxiliary balance when the run has auxiliaries to balance.
 */
export const plannedSpec = (
  run: PlannedRun,
  o: {
    settings: ProxySettings;
    taskNames: string[];
    lookahead?: Lookahead;
    balance?: BalanceBasis;
  },
): RunSpec =>
  runSpec(
    run,
    o.settings,
    measuresAffinity(run.tasks, o.taskNames.length, o.lookahead) ? o.lookahead : undefined,
    o.balance,
  );
