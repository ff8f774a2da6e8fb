import type { TruthReport } from '../report/model.js';
import {
  groupKey,
  MAX_SUBSET_TASKS,
  rankOf,
  tasksOf,
  truthByBudget,
  type TaskRoles,
} from '../search/index.js';
import { measuredMeans, type SearchEvidence } from './evidence.js';
import type { NetworkLabels } from './networkLabels.js';
import { optimumByBudget, regretOf, type TruthNoise } from './truth.js';

/**
 * The exhaustive truth of a search with auxiliaries: when every network holding a main task was
 * trained (an exhaustive search: every task subset with at least one main task), each group of
 * main tasks' best auxiliary set is known on measured losses, hence the best grouping for every
 * budget, exactly (dynamic programming over the main tasks, search/subsetTruth.ts).
 */
export interface AuxTruth {
  roles: TaskRoles;
  /** cost[mask] over the main tasks' order: the group's least Σ w_i·r_i over auxiliary sets. */
  cost: Float64Array;
  /** Each main task's least weighted relative loss over every network (prunes the ranking). */
  floor: Float64Array;
  totalWeight: number;
  /** Best networks (whole task sets) for each budget 1..m, and their objective. */
  best: { budget: number; groups: number[][]; objective: number }[];
  /** Σ w_i·r_i over a network's main members, measured; null when it was not fully trained. */
  price(network: number[]): number | null;
}

/** The truth of an exhaustive search's runs, or null unless every network is measured. */
export function auxSubsetTruth(
  evidence: SearchEvidence,
  weights: number[],
  roles: TaskRoles,
): AuxTruth | null {
  const { main, aux } = roles;
  const m = main.length;
  if (m + aux.length > MAX_SUBSET_TASKS) return null;
  const price = (network: number[]) => networkPrice(evidence, weights, roles, network);
  const cost = new Float64Array(1 << m).fill(Infinity);
  const bestAux: number[][] = [];
  const floor = new Float64Array(m).fill(Infinity);
  for (let mask = 1; mask < 1 << m; mask++) {
    const group = tasksOf(mask).map((x) => main[x]);
    for (let set = 0; set < 1 << aux.length; set++) {
      const extra = tasksOf(set).map((x) => aux[x]);
      const network = [...group, ...extra].sort((a, b) => a - b);
      const means = networkMeans(evidence, roles, network);
      if (means === null) return null;
      let value = 0;
      network.forEach((t, k) => {
        const x = main.indexOf(t);
        if (x < 0) return;
        value += weights[t] * means[k];
        floor[x] = Math.min(floor[x], weights[t] * means[k]);
      });
      if (value < cost[mask]) [cost[mask], bestAux[mask]] = [value, extra];
    }
  }
  const totalWeight = main.reduce((sum, t) => sum + weights[t], 0);
  const best = truthByBudget(m, cost, totalWeight).best.map((b) => ({
    ...b,
    groups: b.groups.map((local) => {
      const group = local.map((x) => main[x]);
      return [...group, ...bestAux[maskOfLocal(local)]].sort((a, c) => a - c);
    }),
  }));
  return { roles, cost, floor, totalWeight, best, price };
}

const maskOfLocal = (local: number[]) => local.reduce((mask, x) => mask | (1 << x), 0);

/** Relative losses of a network's members, mean over seeds; aux members 0; null if not all in. */
function networkMeans(
  evidence: SearchEvidence,
  roles: TaskRoles,
  network: number[],
): number[] | null {
  const scored = (t: number) => roles.main.includes(t);
  if (network.length === 1) return [1];
  if (network.length === 2) {
    const { alone, pair } = evidence.losses;
    const means = network.map((i, k) => {
      if (!scored(i)) return 0;
      const j = network[1 - k];
      const ratios = evidence.seeds.map((_, s) =>
        pair[s][i][j] === null || alone[s][i] === null
          ? null
          : (pair[s][i][j] as number) / (alone[s][i] as number),
      );
      if (ratios.some((r) => r === null)) return null;
      return (ratios as number[]).reduce((a, b) => a + b, 0) / ratios.length;
    });
    return means.some((v) => v === null) ? null : (means as number[]);
  }
  const group = evidence.groups.get(groupKey(network));
  if (!group || !group.settled || group.bySeed.some((losses) => losses === null)) return null;
  return measuredMeans(evidence, group, scored);
}

function networkPrice(
  evidence: SearchEvidence,
  weights: number[],
  roles: TaskRoles,
  network: number[],
): number | null {
  const means = networkMeans(evidence, roles, network);
  return means && network.reduce((sum, t, k) => sum + weights[t] * means[k], 0);
}

/** Scores `networks` against the truth within `budget` networks (see truth.ts, scoreAgainstTruth). */
export function scoreAgainstAuxTruth(
  truth: AuxTruth,
  networks: number[][],
  budget: number,
  label: (groups: number[][]) => NetworkLabels,
  searchId: string,
  noise: TruthNoise,
): TruthReport {
  const m = truth.roles.main.length;
  const objective =
    networks.reduce((sum, n) => sum + (truth.price(n) ?? Infinity), 0) / truth.totalWeight;
  const optimum = truth.best[Math.min(budget, m) - 1];
  const figures = optimumByBudget(truth.best, optimum, label, noise.stderrOf);
  return {
    searchId,
    optimum: figures.optimum,
    ...regretOf(objective, optimum, networks, noise),
    ...rankOf(m, truth.cost, truth.floor, Math.min(budget, m), objective, truth.totalWeight),
    byBudget: figures.byBudget,
  };
}
