import { createHash } from 'node:crypto';
import type { Study } from '../config/study.js';
import { methodNamed, type Lookahead } from '../decide/methods/index.js';
import type { ArchitectureChoice } from '../proxy/architectures/names.js';
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
 * A run of another network than the shared bottom adds its architecture, resolved (MMoE's
 * experts filled in): the shared-bottom runs keep the keys they had before architectures had
 * names.
 */
export function runKey(
  fingerprint: string,
  taskNames: string[],
  settings: ProxySettings,
  seed: number,
  trainer: string = KERNELS_IDENTITY,
  lookahead?: Lookahead,
  architecture?: ArchitectureChoice,
  balance?: unknown,
): string {
  const parts: unknown[] = [fingerprint, [...taskNames].sort(), canonicalSettings(settings), seed];
  if (trainer !== KERNELS_IDENTITY) parts.push(trainer);
  if (lookahead) parts.push({ lookahead: lookahead.every });
  if (architecture) parts.push({ architecture });
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
  /** The network of the search's runs, resolved; absent: the shared bottom. */
  architecture?: ArchitectureChoice;
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
  ...(study.architecture && { architecture: study.architecture }),
  balance: balanceBasisOf(study),
});

/**
 * Whether a run measures its method's lookahead affinity: the runs over every task of the
 * search's own shared-bottom network do (a method with a lookahead searches shared bottoms
 * only), not an MMoE baseline over the same tasks.
 */
export const measuresAffinity = (
  run: Pick<PlannedRun, 'tasks' | 'architecture'>,
  taskCount: number,
  lookahead: Lookahead | undefined,
): boolean =>
  lookahead !== undefined && run.tasks.length === taskCount && run.architecture === undefined;

/** One run per seed and task subset, seed by seed (so one seed's answer is complete first). */
export function planSubsets(basis: KeyBasis, seeds: number[], subsets: number[][]): PlannedRun[] {
  const { architecture } = basis;
  return seeds.flatMap((seed) =>
    subsets.map((tasks) =>
      plannedRun(basis, { tasks, seed, ...(architecture && { architecture }) }),
    ),
  );
}

/**
 * The MMoE baseline of a shared-bottom search: one network of `mmoe` over every task per seed,
 * trained beside the search's runs and read apart from them (decide/mmoeBaseline.ts).
 */
export const planBaseline = (
  basis: KeyBasis,
  seeds: number[],
  mmoe: ArchitectureChoice,
): PlannedRun[] =>
  seeds.map((seed) =>
    plannedRun(basis, { tasks: basis.taskNames.map((_, t) => t), seed, architecture: mmoe }),
  );

/** A planned run with its key. */
function plannedRun(basis: KeyBasis, run: Omit<PlannedRun, 'key'>): PlannedRun {
  const { fingerprint, taskNames, settings, trainer, lookahead, balance } = basis;
  const key = runKey(
    fingerprint,
    run.tasks.map((t) => taskNames[t]),
    settings,
    run.seed,
    trainer,
    measuresAffinity(run, taskNames.length, lookahead) ? lookahead : undefined,
    run.architecture as ArchitectureChoice | undefined,
    balanceKeyPart(balance, run, taskNames),
  );
  return { key, ...run };
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

/** The spec a worker trains for a planned run; its architecture as plan.ts planned it. */
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
    ...(run.architecture && { architecture: run.architecture as ArchitectureChoice }),
  };
  const auxBalance = runBalance(balance, run);
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
    measuresAffinity(run, o.taskNames.length, o.lookahead) ? o.lookahead : undefined,
    o.balance,
  );
