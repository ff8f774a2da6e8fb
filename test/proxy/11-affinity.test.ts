import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { plantedDataset } from '../../bench/referenceData.js';
import type { TaskType } from '../../src/data/types.js';
import { UsageError } from '../../src/errors.js';
import { AffinitySums } from '../../src/proxy/affinity.js';
import { initBackend } from '../../src/proxy/backend.js';
import { kernelChoice, useKernels } from '../../src/proxy/kernels/kernelModule.js';
import { nativeKernelsStatus, openNativeKernels } from '../../src/proxy/kernels/nativeKernels.js';
import { trainLookahead } from '../../src/proxy/lookahead.js';
import { TASK_LOSSES } from '../../src/proxy/losses.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import { tfjsCpuTrainer } from '../../src/proxy/trainers/tfjsCpu.js';
import type { ProxySettings, RunSpec } from '../../src/proxy/types.js';
import { run, tinyDataset, tinySettings } from './helpers.js';

before(async () => {
  await initBackend('wasm');
});

test('Z(j→i) = 1 − L_i(after j) / L_i(before) with the task losses of losses.ts, on a batch of 1,300 rows', () => {
  const ds = tinyDataset({ trainRows: 1400, missing: 0.1 }); // binary, regression, binary
  const rows = Int32Array.from({ length: 1300 }, (_, i) => (i * 7) % 1400);
  const n = 3;
  const before = Float32Array.from({ length: n * 1300 }, (_, x) => 0.01 * Math.sin(x)); // near 0: factors near 2
  const after = [0, 1, 2].map((j) => before.map((l, x) => l + 0.1 * Math.cos(x * (j + 1))));
  const bias = (p: number) => 0.1 * p;
  const sums = new AffinitySums(ds, [0, 1, 2]);
  sums.begin(rows, before, 1300, bias);
  after.forEach((logits, j) => sums.add(j, logits, 1300, bias));
  sums.end();
  const mean = (logits: Float32Array, p: number) => {
    let sum = 0;
    let count = 0;
    rows.forEach((row, i) => {
      const y = ds.trainY[row * n + p];
      if (!Number.isNaN(y)) {
        sum += TASK_LOSSES[ds.tasks[p].type].value(Math.fround(logits[p * 1300 + i] + bias(p)), y);
        count++;
      }
    });
    return sum / count;
  };
  const z = sums.mean();
  assert.equal(sums.steps, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const expected = 1 - mean(after[j], i) / mean(before, i);
      assert.ok(
        Math.abs(z[i * n + j] - expected) < 1e-12,
        `Z(${j}→${i}): ${z[i * n + j]} vs ${expected}`,
      );
    }
  }
});

test('a pair of tasks never labelled together in a lookahead batch is a data error naming both columns', () => {
  const ds = tinyDataset({ missing: 0 });
  const rows = Int32Array.from({ length: 10 }, (_, i) => i);
  for (const row of rows) ds.trainY[row * 3 + 2] = NaN;
  const sums = new AffinitySums(ds, [0, 2]);
  const logits = new Float32Array(20);
  sums.begin(rows, logits, 10, () => 0);
  assert.equal(sums.hasLabels(1), false);
  sums.add(0, logits, 10, () => 0);
  sums.end();
  assert.throws(
    () => sums.mean(),
    /^UsageError: task columns "task2" and "task0" never both have a label in a lookahead batch/,
  );
});

const withLookahead = (spec: RunSpec, every: number): RunSpec => ({
  ...spec,
  lookahead: { every },
});

/** Tasks 0-1 and 2-3 are noisy copies of one latent factor each; task 4 shares nothing. */
const CLUSTERS = [0, 0, 1, 1, 2];
const HELPING = [
  [0, 1],
  [1, 0],
  [2, 3],
  [3, 2],
];

/** The affinity on planted clusters, every step, averaged over three seeds as a search would. */
function plantedAffinity(type: TaskType): (j: number, i: number) => number {
  const ds = plantedDataset({
    clusters: CLUSTERS,
    trainRows: 3000,
    valRows: 500,
    noise: 0.3,
    types: [type],
    seed: 1,
  });
  const settings: ProxySettings = {
    rows: 3000,
    epochs: 3,
    minSteps: 0,
    batchSize: 64,
    learningRate: 0.01,
    bottom: [32, 16],
    tower: [4],
  };
  const n = CLUSTERS.length;
  const mean = new Float64Array(n * n);
  for (const seed of [1, 2, 3]) {
    const result = trainLookahead(ds, withLookahead(run([0, 1, 2, 3, 4], seed, settings), 1));
    assert.equal(result.affinity?.length, n * n);
    result.affinity?.forEach((z, x) => {
      mean[x] += z / 3;
    });
  }
  return (j, i) => mean[i * n + j];
}

for (const type of ['binary', 'regression'] as const) {
  test(`on planted clusters (${type}), helping pairs have positive affinity and unrelated pairs nearly none, symmetrically`, () => {
    const z = plantedAffinity(type);
    const n = CLUSTERS.length;
    const self = Array.from({ length: n }, (_, i) => z(i, i));
    assert.ok(
      self.every((s) => s > 0),
      `a step on a task's own gradient lowers its loss: ${self}`,
    );
    const selfMean = self.reduce((a, b) => a + b) / n;
    const helping = HELPING.map(([j, i]) => z(j, i));
    const unrelated = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (CLUSTERS[i] !== CLUSTERS[j]) unrelated.push(z(j, i));
    }
    assert.ok(
      helping.every((h) => h > 0),
      `helping pairs: ${helping}`,
    );
    const worstUnrelated = Math.max(...unrelated.map(Math.abs));
    assert.ok(
      worstUnrelated <= 0.03 * selfMean,
      `unrelated pairs: |Z| up to ${worstUnrelated}, self-affinity ${selfMean}`,
    );
    assert.ok(
      Math.min(...helping) >= 2 * worstUnrelated,
      `helping ${helping} against unrelated up to ${worstUnrelated}`,
    );
    for (const [j, i] of [
      [0, 1],
      [2, 3],
    ]) {
      const ratio = z(j, i) / z(i, j);
      assert.ok(ratio > 1 / 1.25 && ratio < 1.25, `Z(${j}→${i}) / Z(${i}→${j}) = ${ratio}`);
    }
  });
}

const layouts: [string, Partial<ProxySettings>][] = [
  ['bottom 8-5, tower 4', {}],
  ['bottom 7, towers 4-3, batch 50', { bottom: [7], tower: [4, 3], batchSize: 50 }],
  ['no tower layer', { tower: [] }],
];

for (const [name, layout] of layouts) {
  test(`a lookahead run's losses are bitwise those of the same spec trained without it (${name})`, async () => {
    const ds = tinyDataset();
    const spec = run([0, 1, 2], 6, { ...tinySettings, ...layout, minSteps: 40 });
    const [plain] = await trainRuns(ds, [spec]);
    for (const every of [1, 3]) {
      const [looked] = await trainRuns(ds, [withLookahead(spec, every)]);
      assert.ok(looked.lookaheadSteps !== undefined && looked.lookaheadSteps > 1);
      looked.losses.forEach((loss, p) =>
        assert.ok(
          Object.is(loss, plain.losses[p]),
          `every ${every}, task ${p}: ${loss} vs ${plain.losses[p]}`,
        ),
      );
    }
  });
}

test('the same spec gives the same affinity bits; another seed gives another matrix', () => {
  const ds = tinyDataset();
  const spec = withLookahead(run([0, 1, 2], 2), 2);
  const a = trainLookahead(ds, spec);
  const b = trainLookahead(ds, spec);
  assert.deepEqual(Float64Array.from(b.affinity ?? []), Float64Array.from(a.affinity ?? []));
  assert.equal(a.lookaheadSteps, b.lookaheadSteps);
  assert.notDeepEqual(trainLookahead(ds, { ...spec, seed: 3 }).affinity, a.affinity);
});

const native = nativeKernelsStatus();
test(
  'every native build gives the affinity bits of wasm',
  { skip: native.available ? false : `the native kernels are ${native.reason}` },
  () => {
    const ds = tinyDataset();
    const specs = layouts.map(([, layout]) =>
      withLookahead(run([0, 1, 2], 4, { ...tinySettings, ...layout }), 2),
    );
    useKernels('wasm');
    const expected = specs.map((spec) => trainLookahead(ds, spec));
    for (const isa of native.available ? native.isas : []) {
      useKernels(openNativeKernels(isa));
      specs.forEach((spec, s) => {
        const result = trainLookahead(ds, spec);
        assert.equal(result.backend, 'native-kernels');
        assert.deepEqual(
          Float64Array.from(result.affinity ?? []),
          Float64Array.from(expected[s].affinity ?? []),
          `${isa}, spec ${s}`,
        );
      });
    }
    useKernels(kernelChoice());
  },
);

test('trainRuns trains lookahead specs beside plain ones and answers in spec order', async () => {
  const ds = tinyDataset();
  const specs = [
    run([0]),
    withLookahead(run([0, 1, 2]), 4),
    run([1, 2]),
    withLookahead(run([1, 2], 2), 1),
  ];
  const results = await trainRuns(ds, specs);
  assert.deepEqual(
    results.map((r) => r.key),
    specs.map((s) => s.key),
  );
  assert.deepEqual(
    results.map((r) => r.affinity?.length),
    [undefined, 9, undefined, 4],
  );
  assert.equal(results[1].lookaheadSteps, Math.ceil((results[3].lookaheadSteps as number) / 4));
  assert.ok(results.every((r) => r.losses.every(Number.isFinite)));
});

test('a lookahead spec with a bad interval, without a bottom, or on a tfjs backend is refused naming why', async () => {
  const ds = tinyDataset();
  for (const every of [0, 1.5, Number.NaN]) {
    await assert.rejects(
      trainRuns(ds, [withLookahead(run([0, 1]), every)]),
      /^UsageError: run 0\+1@1: lookahead\.every must be a positive integer$/,
    );
  }
  await assert.rejects(
    trainRuns(ds, [withLookahead(run([0, 1], 1, { ...tinySettings, bottom: [] }), 5)]),
    /run 0\+1@1: a lookahead run needs a shared bottom \(settings\.bottom is empty\)/,
  );
  await assert.rejects(
    tfjsCpuTrainer.train(ds, [run([0]), withLookahead(run([0, 1]), 5)], () => false),
    (err: unknown) =>
      err instanceof UsageError &&
      err.exitCode === 2 &&
      err.message ===
        "run 0+1@1: lookahead runs train on taskgroup's kernels only: use --backend wasm (this trainer is tfjs-cpu)",
  );
});
