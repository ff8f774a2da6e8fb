import type { TaskRoles } from '../search/index.js';

/** A grouping by name: main tasks per network and, in a search with auxiliaries, theirs. */
export interface NetworkLabels {
  grouping: string[][];
  /** Aligned with `grouping`: each network's auxiliary tasks (absent without auxiliaries). */
  auxiliaries?: string[][];
}

/**
 * Names a grouping's networks (whole task sets) as reports show them: without roles, every
 * member in `grouping`; with roles, the main members in `grouping` and the auxiliary ones in
 * `auxiliaries`, aligned with it.
 */
export function networkLabeller(
  tasks: string[],
  roles?: TaskRoles,
): (groups: number[][]) => NetworkLabels {
  const names = (group: number[]) => group.map((t) => tasks[t]);
  if (!roles) return (groups) => ({ grouping: groups.map(names) });
  const main = new Set(roles.main);
  return (groups) => ({
    grouping: groups.map((g) => names(g.filter((t) => main.has(t)))),
    auxiliaries: groups.map((g) => names(g.filter((t) => !main.has(t)))),
  });
}
