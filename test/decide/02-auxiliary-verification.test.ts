import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followVerification, type DecisionRules } from '../../src/decide/activeVerification.js';
import { decide } from '../../src/decide/decision.js';
import { scoredWeights } from '../../src/decide/decisionReport.js';
import type { SearchEvidence } from '../../src/decide/evidence.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { groupKey, type TaskRoles } from '../../src/search/index.js';
import { plantedAuxTruth, plantedRoles, trueBestNetworks } from '../helpers/auxPlanted.js';

// Planted auxiliary structure (test/helpers/auxPlanted.ts): the loop sees every main task alone,
// every pair with a main task, and only the networks it asked for.

type Truth = (task: number, network: number[]) => number;
const seeds = [0, 1, 2];
const wobble = (s: number, task: number, key: string) =>
  1 + 0.0005 * Math.sin(7 * s + 3 * task + key.length + (Number(key.replace(/,/g, '')) % 97));

function evidenceOf(
  truth: Truth,
  roles: TaskRoles,
  trained: Map<string, number[]>,
): SearchEvidence {
  const n = roles.main.length + roles.aux.length;
  const isMain = (t: number) => roles.main.includes(t);
  const loss = (s: number, t: number, tasks: number[]) =>
    isMain(t) ? truth(t, tasks) * wobble(s, t, groupKey(tasks)) : 0.5;
  const losses = {
    alone: seeds.map((s) =>
      Array.from({ length: n }, (_, t) => (isMain(t) ? loss(s, t, [t]) : null)),
    ),
    pair: seeds.map((s) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) =>
          i === j || (!isMain(i) && !isMain(j)) ? null : loss(s, i, [i, j].sort()),
        ),
      ),
    ),
  };
  const groups = new Map(
    [...trained.values()].map((tasks) => [
      groupKey(tasks),
      { tasks, settled: true, bySeed: seeds.map((s) => tasks.map((t) => loss(s, t, tasks))) },
    ]),
  );
  return { seeds, losses, groups };
}

/** Runs the loop to its end the way a search does: train what it needs, look again. */
function follow(
  truth: Truth,
  roles: TaskRoles,
  options: Partial<DecisionRules> & { budget?: number } = {},
) {
  const n = roles.main.length + roles.aux.length;
  const all = Array.from({ length: n }, (_, t) => t);
  const trained = new Map([[groupKey(all), all]]);
  const { budget = roles.main.length, ...overrides } = options;
  const rules: DecisionRules = {
    method: methodNamed('pairs'),
    verify: true,
    exhaustive: false,
    groupCap: 100,
    roles,
    ...overrides,
  };
  const weights = scoredWeights(Array(n).fill(1), roles);
  for (;;) {
    const path = followVerification(evidenceOf(truth, roles, trained), weights, budget, rules);
    if (path.needed.length === 0)
      return { path, trained, chosen: decide(path, budget, 2, rules.verify).chosen.best };
    path.needed.forEach((network) => trained.set(groupKey(network), network));
  }
}

test("the loop picks both auxiliaries that share a main task's factor and neither unrelated one", () => {
  for (const budget of [1, 2]) {
    const best = trueBestNetworks(plantedAuxTruth, plantedRoles, budget);
    const { path, chosen } = follow(plantedAuxTruth, plantedRoles, { budget });
    assert.deepEqual(chosen.groups, best.groups, `budget ${budget}`);
    assert.equal(path.stop, 'certified');
  }
  assert.deepEqual(trueBestNetworks(plantedAuxTruth, plantedRoles, 2).groups, [[0, 2, 3], [1]]);
});

test('the chosen answer rests on measured networks only, the all-in-one network among the trained', () => {
  const { path, chosen, trained } = follow(plantedAuxTruth, plantedRoles, { budget: 2 });
  for (const network of chosen.groups)
    assert.ok(network.length < 3 || path.problem.measured?.has(groupKey(network)));
  assert.ok(trained.has('0,1,2,3,4,5'));
  assert.ok(trained.size <= 8, `${trained.size} networks trained`);
});

test('a verified answer has every auxiliary measured against its network without it', () => {
  // Three auxiliaries share main task 0's factor: the answer's network holds all three, and
  // each network without one of them has 3 members, so verification must train it.
  const truth: Truth = (task, network) => {
    const helpers = network.filter((t) => [2, 3, 6].includes(t)).length;
    if (task === 0) return 1 - 0.06 * (1 - 0.7 ** helpers) + 0.02 * Number(network.includes(1));
    if (task === 1) return 1 + 0.004 * (network.length - 1);
    return 1;
  };
  const roles = { main: [0, 1], aux: [2, 3, 4, 5, 6] };
  const { chosen, path } = follow(truth, roles, { budget: 2 });
  assert.deepEqual(chosen.groups, [[0, 2, 3, 6], [1]]);
  for (const without of [
    [0, 2, 3],
    [0, 2, 6],
    [0, 3, 6],
  ])
    assert.ok(path.problem.measured?.has(groupKey(without)), `${without} measured`);
});

test('without verification the answer rests on the estimate and only the all-in-one network is trained', () => {
  const { path, trained, chosen } = follow(plantedAuxTruth, plantedRoles, { verify: false });
  assert.equal(path.stop, 'not verified');
  assert.equal(trained.size, 1);
  // The pair estimate (HOA) sees each auxiliary beside the main task alone: it takes a helpful
  // one, never an unrelated one; that both help more together only a measured network shows.
  const [first, second] = chosen.groups;
  assert.equal(first[0], 0);
  assert.ok(first.length === 2 && [2, 3].includes(first[1]), `${first}`);
  assert.deepEqual(second, [1]);
});

test('the run cap stops the loop with the best measured networks', () => {
  const { path, chosen } = follow(plantedAuxTruth, plantedRoles, { groupCap: 0, budget: 2 });
  assert.equal(path.stop, 'run cap');
  for (const network of chosen.groups) assert.ok(network.length <= 2, 'pairs and singles only');
});

test('an auxiliary that helps only beside another, though its pair looks worst, is reached by a swap', () => {
  // Alone beside main task 0, auxiliary 4 hurts (its pair is the worst of all), but with 2 and
  // without 3 it helps most: the pair estimate's answer {0, 2, 3} is one swap (3 for 4) from the
  // true best network {0, 2, 4}, and 4 is never the estimate's best addition.
  const truth: Truth = (task, network) => {
    const has = (t: number) => Number(network.includes(t));
    if (task === 0)
      return (
        1 -
        0.02 * has(2) -
        0.015 * has(3) +
        0.01 * has(4) -
        0.04 * has(2) * has(4) +
        0.03 * has(3) * has(4) +
        0.006 * (has(5) + has(6)) +
        0.02 * has(1)
      );
    if (task === 1) return 1 + 0.006 * network.filter((t) => t >= 2).length + 0.02 * has(0);
    return 1;
  };
  const roles = { main: [0, 1], aux: [2, 3, 4, 5, 6] };
  assert.deepEqual(trueBestNetworks(truth, roles, 2).groups, [[0, 2, 4], [1]]);
  const { chosen, path } = follow(truth, roles, { budget: 2 });
  assert.deepEqual(chosen.groups, [[0, 2, 4], [1]]);
  assert.equal(path.stop, 'certified');
});
