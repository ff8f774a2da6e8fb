import { rolesOf } from '../config/auxiliaryRoles.js';
import type { Study } from '../config/study.js';
import { auxBalanceVariant } from '../proxy/balance/index.js';
import type { RunSpec } from '../proxy/types.js';

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

/**
 * The balance a run trains with: the study's, for a run that holds both an auxiliary and a main
 * task. Any other run trains plainly, so it keeps the key it has in a search without balancing
 * (and every cache of it).
 */
export function runBalance(
  basis: BalanceBasis | undefined,
  tasks: number[],
): RunSpec['auxBalance'] {
  if (!basis) return undefined;
  const aux = tasks.filter((t) => basis.aux.includes(t));
  return aux.length > 0 && aux.length < tasks.length ? { ratio: basis.ratio, aux } : undefined;
}

/** What a balanced run adds to its key: the balance and which of its tasks are auxiliary. */
export function balanceKeyPart(
  basis: BalanceBasis | undefined,
  tasks: number[],
  taskNames: string[],
): unknown {
  const balance = runBalance(basis, tasks);
  if (!balance || !basis) return undefined;
  const aux = balance.aux.map((t) => taskNames[t]).sort();
  return { auxBalance: { name: basis.name, ratio: balance.ratio, aux } };
}
