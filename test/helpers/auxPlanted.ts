import { tasksOf } from '../../src/search/bits.js';

/**
 * Planted auxiliary structure, as a truth function: task i's relative loss in any network.
 * Tasks 0 and 1 are main; 2 and 3 share main task 0's latent factor (each helps it, together
 * more, with diminishing returns); 4 and 5 are unrelated to either main task (each costs a
 * little capacity); the two main tasks hurt each other a little. An auxiliary's own loss is
 * never scored: 1.
 */
export const plantedAuxTruth = (task: number, network: number[]): number =>
  plantedAuxTruthWith(0.006)(task, network);

/** The planted truth with unrelated auxiliaries costing `unrelated` each (0.006 above). */
export function plantedAuxTruthWith(unrelated: number) {
  return (task: number, network: number[]): number => {
    const count = (tasks: number[]) => network.filter((t) => tasks.includes(t)).length;
    if (task === 0)
      return 1 - 0.05 * (1 - 0.6 ** count([2, 3])) + unrelated * count([4, 5]) + 0.02 * count([1]);
    if (task === 1) return 1 + unrelated * count([2, 3, 4, 5]) + 0.02 * count([0]);
    return 1;
  };
}

export const plantedRoles = { main: [0, 1], aux: [2, 3, 4, 5] };

/**
 * The true best networks (whole task sets) within `budget` networks for a truth function over
 * `roles`, by enumeration: every partition of the main tasks, each group with its best
 * auxiliary set. Returns the networks sorted by their lowest main task, and the objective.
 */
export function trueBestNetworks(
  truth: (task: number, network: number[]) => number,
  roles: { main: number[]; aux: number[] },
  budget: number,
): { groups: number[][]; objective: number } {
  const { main, aux } = roles;
  const price = (network: number[]) =>
    network.filter((t) => main.includes(t)).reduce((sum, t) => sum + truth(t, network), 0);
  const best = (group: number[]) => {
    let found = { cost: Infinity, network: group };
    for (let set = 0; set < 1 << aux.length; set++) {
      const network = [...group, ...tasksOf(set).map((x) => aux[x])].sort((a, b) => a - b);
      const cost = price(network);
      if (cost < found.cost - 1e-12) found = { cost, network };
    }
    return found;
  };
  let answer = { groups: [] as number[][], objective: Infinity };
  const place = (t: number, groups: number[][]) => {
    if (t === main.length) {
      const networks = groups.map((g) => best(g));
      const objective = networks.reduce((sum, n) => sum + n.cost, 0) / main.length;
      if (objective < answer.objective - 1e-12)
        answer = { groups: networks.map((n) => n.network), objective };
      return;
    }
    groups.forEach((g, k) =>
      place(
        t + 1,
        groups.map((h, q) => (q === k ? [...h, main[t]] : h)),
      ),
    );
    if (groups.length < budget) place(t + 1, [...groups, [main[t]]]);
  };
  place(0, []);
  return answer;
}
