import { maskOf, tasksOf } from './bits.js';
import { canonicalGroups, type HoaModel } from './hoa.js';
import { mulberry32 } from '../random.js';

/**
 * Good starting answers for the HOA partition search: greedy merging, then local search (move
 * one task, swap two tasks) from that start and from seeded random starts, then iterated
 * local search (kick three tasks, descend again) from the best. Everything is
 * deterministic: the random starts come from a fixed-seed generator.
 * Post-condition: the returned partition has at most model.maxGroups groups.
 */
export function heuristicPartitions(
  model: HoaModel,
  restarts = defaultRestarts(model.n),
): { groups: number[][]; cost: number }[] {
  const cost = cachedCost(model);
  const found = new Map<string, { groups: number[][]; cost: number }>();
  const keep = (masks: number[]): void => {
    const improved = localSearch(model, masks, cost);
    const groups = canonicalGroups(improved.map(tasksOf));
    const key = JSON.stringify(groups);
    if (!found.has(key))
      found.set(key, { groups, cost: improved.reduce((a, m) => a + cost(m), 0) });
  };
  keep(greedyMerge(model, cost));
  const rng = mulberry32(0x5eed + model.n);
  for (let r = 0; r < restarts; r++) keep(randomStart(model, rng));
  // Iterated local search from the best so far: kick a few tasks, descend, keep if better.
  let best = [...found.values()].sort((a, b) => a.cost - b.cost)[0].groups.map(maskOf);
  let bestCost = best.reduce((a, m) => a + cost(m), 0);
  for (let kick = 0; kick < restarts * 5; kick++) {
    const next = localSearch(model, perturb(model, best, rng), cost);
    const nextCost = next.reduce((a, m) => a + cost(m), 0);
    keep(next);
    if (nextCost < bestCost - 1e-12) [best, bestCost] = [next, nextCost];
  }
  return [...found.values()].sort((a, b) => a.cost - b.cost);
}

/** Moves three random tasks to random groups (a new one while fewer than k are open). */
function perturb(model: HoaModel, start: number[], rng: () => number): number[] {
  const groups = [...start];
  for (let moves = 0; moves < 3; moves++) {
    const t = Math.floor(rng() * model.n);
    const bit = 1 << t;
    const from = groups.findIndex((m) => (m & bit) !== 0);
    const slots = groups.length < model.maxGroups ? groups.length + 1 : groups.length;
    const to = Math.floor(rng() * slots);
    if (to === from) continue;
    groups[from] &= ~bit;
    if (to === groups.length) groups.push(bit);
    else groups[to] |= bit;
  }
  return groups.filter((m) => m !== 0);
}

function defaultRestarts(n: number): number {
  return n <= 10 ? 8 : n <= 20 ? 40 : 80;
}

function cachedCost(model: HoaModel): (mask: number) => number {
  const cache = new Map<number, number>();
  return (mask) => {
    if (mask === 0) return 0;
    let c = cache.get(mask);
    if (c === undefined) cache.set(mask, (c = model.maskCost(mask)));
    return c;
  };
}

/** Start from singletons; merge the pair of groups that lowers the cost most, and while there
 *  are more groups than allowed, the pair that raises it least. */
function greedyMerge(model: HoaModel, cost: (m: number) => number): number[] {
  const groups = Array.from({ length: model.n }, (_, i) => 1 << i);
  for (;;) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const delta = cost(groups[i] | groups[j]) - cost(groups[i]) - cost(groups[j]);
        if (delta < best) [best, bi, bj] = [delta, i, j];
      }
    }
    if (bi < 0 || (best >= 0 && groups.length <= model.maxGroups)) return groups;
    groups[bi] |= groups[bj];
    groups.splice(bj, 1);
  }
}

function randomStart(model: HoaModel, rng: () => number): number[] {
  const k = 1 + Math.floor(rng() * model.maxGroups);
  const groups = new Array<number>(k).fill(0);
  for (let t = 0; t < model.n; t++) groups[Math.floor(rng() * k)] |= 1 << t;
  return groups.filter((m) => m !== 0);
}

/** First-improvement descent over moves (a task to another or a new group) and swaps. */
function localSearch(model: HoaModel, start: number[], cost: (m: number) => number): number[] {
  const groups = [...start];
  const eps = 1e-12;
  let improved = true;
  while (improved) {
    improved = false;
    for (let t = 0; t < model.n && !improved; t++) {
      const bit = 1 << t;
      const a = groups.findIndex((m) => (m & bit) !== 0);
      const targets =
        groups.length < model.maxGroups && groups[a] !== bit
          ? [...groups.keys(), -1]
          : [...groups.keys()];
      for (const b of targets) {
        if (b === a) continue;
        const dst = b < 0 ? 0 : groups[b];
        const delta = cost(groups[a] & ~bit) + cost(dst | bit) - cost(groups[a]) - cost(dst);
        if (delta < -eps) {
          if (b < 0) groups.push(bit);
          else groups[b] |= bit;
          groups[a] &= ~bit;
          if (groups[a] === 0) groups.splice(a, 1);
          improved = true;
          break;
        }
      }
      if (improved) break;
      for (let u = t + 1; u < model.n && !improved; u++) {
        const ubit = 1 << u;
        const b = groups.findIndex((m) => (m & ubit) !== 0);
        if (b === a) continue;
        const na = (groups[a] & ~bit) | ubit;
        const nb = (groups[b] & ~ubit) | bit;
        const delta = cost(na) + cost(nb) - cost(groups[a]) - cost(groups[b]);
        if (delta < -eps) {
          groups[a] = na;
          groups[b] = nb;
          improved = true;
        }
      }
    }
  }
  return groups;
}
