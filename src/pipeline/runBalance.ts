import { rolesOf } from '../config/auxiliaryRoles.js';
import type { Study } from '../config/study.js';
import { auxBalanceVariant } from '../proxy/balance/index.js';
import type { RunSpec } from '../proxy/types.js';
import type { PlannedRun } from '../store/index.js';

/** A study's balancing of its auxiliary tasks, as its run keys and specs take it. */
export interface BalanceBasis {
  /** The balance's name (proxy/balance). */
  name: string;
  ratio: number;
  /** The study's auxiliary tasks (indices). */
  aux: number[];
}

/** The balance of a study whose balance rescales its auxiliaries' gradients; else undefined. */
export function balanceBasisOf(study: Study): BalanceBasis | undefined {
  const roles = rolesOf(study);
  const { auxBalance } = study;
  if (!roles || !auxBalanceVariant(auxBalance).rescales) return undefined;
  return { name: auxBalance.name, ratio: auxBalance.ratio ?? 1, aux: roles.aux };
}

/** What a run is, as far as its balance goes: its tasks and its network. */
type BalancedRun = Pick<PlannedRun, 'tasks' | 'architecture'>;

/**
 * The balance a run trains with: the study's, for a shared-bottom run that holds both an
 * auxiliary and a main task. Any other run trains plainly, so it keeps the key it has in a
 * search without balancing (and every cache of it); so does the MMoE baseline of an auxiliary
 * search (a run with its own architecture), whose experts behind per-task gates have no one
 * shared gradient to rescale.
 */
export function runBalance(
  basis: BalanceBasis | undefined,
  run: BalancedRun,
): RunSpec['auxBalance'] {
  if (!basis || run.architecture !== undefined) return undefined;
  const aux = run.tasks.filter((t) => basis.aux.includes(t));
  return aux.length > 0 && aux.length < run.tasks.length ? { ratio: basis.ratio, aux } : undefined;
}

/** What a balanced run adds to its key: the balance and which of its tasks are auxiliary. */
export function balanceKeyPart(
  basis: BalanceBasis | undefined,
  run: BalancedRun,
  taskNames: string[],
): unknown {
  const balance = runBalance(basis, run);
  if (!balance || !basis) return undefined;
  const aux = balance.aux.map((t) => taskNames[t]).sort();
  return { auxBalance: { name: basis.name, ratio: balance.ratio, aux } };
}
