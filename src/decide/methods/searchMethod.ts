import type { TrainerCapability } from '../../proxy/trainers/names.js';
import type { TaskRoles } from '../../search/index.js';
import type { RunSpec } from '../../proxy/types.js';
import type { SeedLosses } from '../../transfer/index.js';

/** The lookahead a method's runs over every task measure (proxy/lookahead.ts). */
export type Lookahead = NonNullable<RunSpec['lookahead']>;

/** What a search's finished runs measured, by seed, that a method's pair estimates come from. */
export interface PairSources {
  /** Each task alone, by seed (null where not done). */
  alone: SeedLosses['alone'];
  /** Trained pairs, by seed (null where none was trained or done). */
  pair: SeedLosses['pair'];
  /** The all-in-one network's losses, by seed (null where not done). */
  allInOne: (number[] | null)[];
  /** The lookahead affinity of the runs over every task, by seed (null where none). */
  affinity: (number[] | null)[];
}

/**
 * A way of scoring pairs (`search --method NAME`): one file of methods/, listed once in
 * methods/index.ts. Everything the rest of taskgroup needs to know of a method is here, so
 * nothing else branches on its name: what it plans, what its pair estimates rest on, what
 * verification may spend, what its trainer must be able to do.
 */
export interface SearchMethod {
  /** What `--method` names it and a stored study records. */
  readonly name: string;
  /** What it trains, in a few words for `--help` ("a run per pair"). */
  readonly help: string;
  /** The task subsets a search plans per seed before verification, the all-in-one network apart. */
  plannedSubsets(taskCount: number): number[][];
  /** The lookahead its runs over every task measure; absent when they measure none. */
  readonly lookahead?: Lookahead;
  /** The pair losses (pair[s][i][j] = L_i({i,j}) of seed s) the solver and error model read. */
  pairLosses(sources: PairSources): SeedLosses['pair'];
  /**
   * Whether every pair is measured up front. When not, verification trains the pairs that decide
   * the answer and estimates the others from the lookahead affinity (decide/pairRounds.ts).
   */
  readonly pairsMeasured: boolean;
  /** Most groups of 3+ tasks verification may train besides the all-in-one network (no --max-runs). */
  groupCap(taskCount: number): number;
  /** What the trainer of its runs must be able to do (proxy/trainers/capabilities.ts checks). */
  readonly needs: readonly TrainerCapability[];
  /** Why it cannot decide a study of `taskCount` tasks, in one clause; undefined when it can. */
  refusal(taskCount: number, exhaustive: boolean): string | undefined;
  /**
   * How it decides a study with auxiliary tasks (`--aux`), if it can: absent, such a study is
   * refused with this method.
   */
  readonly auxiliary?: AuxiliaryPlan;
}

/** A method's plan for a study with auxiliary tasks. */
export interface AuxiliaryPlan {
  /** What such a search trains per seed before verification, the all-in-one network apart. */
  plannedSubsets(roles: TaskRoles): number[][];
  /** Most networks of 3+ tasks verification may train besides the all-in-one (no --max-runs). */
  groupCap(roles: TaskRoles): number;
}
