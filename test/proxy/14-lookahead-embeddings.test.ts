import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialEmbeddingRow, initialParams } from '../../src/proxy/init.js';
import { nativeKernelsStatus, openNativeKernels } from '../../src/proxy/kernels/nativeKernels.js';
import { openWasmKernels } from '../../src/proxy/kernels/wasmKernels.js';
import { NetworkLayout } from '../../src/proxy/layout.js';
import { trainLookahead } from '../../src/proxy/lookahead.js';
import { epochOrder } from '../../src/proxy/prng.js';
import { run, tinyDataset, tinySettings, withEmbeddings } from './helpers.js';
import { referenceTaskLosses } from './referenceNetwork.js';

// With embedded columns, the rows a batch touches are parameters every task shares, and a
// lookahead step moves them with the bottom. Checked against the same step taken in float64 from
// the formulas (referenceNetwork.ts): each task's gradient of the bottom and of the touched rows
// by central differences, one SGD step on them, every task's loss before and after.

const EMBEDDED = [
  { column: 'user', dim: 5, rows: 40, used: 12 },
  { column: 'item', dim: 3, rows: 20, used: 20 },
];
const TASKS = [0, 1, 2];

test('one lookahead step with embedded columns gives the affinities of the same step taken in float64', () => {
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const lr = 0.05;
  const spec = {
    ...run(TASKS, 5, { ...tinySettings, learningRate: lr }),
    lookahead: { every: 1e6 },
  };
  const result = trainLookahead(ds, spec);
  assert.equal(result.lookaheadSteps, 1);

  const width = ds.dim + EMBEDDED.reduce((sum, c) => sum + c.dim, 0);
  const layout = new NetworkLayout(width, spec.settings, TASKS.length);
  const params = Float64Array.from(initialParams(layout, spec.seed, TASKS));
  const tables = EMBEDDED.map((c, j) => {
    const table = new Float32Array(c.rows * c.dim);
    for (let row = 0; row < c.rows; row++)
      initialEmbeddingRow(spec.seed, j, row, c.dim, table, row * c.dim);
    return Float64Array.from(table);
  });
  const rows = epochOrder(spec.settings.rows, spec.seed, 0).subarray(0, spec.settings.batchSize);
  // The shared numbers: the bottom's parameters, and the table entries of the rows the batch reads.
  const last = layout.bottom[layout.bottom.length - 1];
  const shared: [Float64Array, number][] = Array.from({ length: last.b + last.out }, (_, i) => [
    params,
    i,
  ]);
  EMBEDDED.forEach((c, j) => {
    const used = new Set(Array.from(rows, (r) => ds.embed!.trainIds[r * EMBEDDED.length + j]));
    for (const row of used)
      for (let d = 0; d < c.dim; d++) shared.push([tables[j], row * c.dim + d]);
  });
  const losses = () => referenceTaskLosses(ds, spec, rows, params, tables);
  const h = 1e-6;
  const grads = shared.map(([values, i]) => {
    const v = values[i];
    values[i] = v + h;
    const up = losses();
    values[i] = v - h;
    const down = losses();
    values[i] = v;
    return up.map((u, t) => (u - down[t]) / (2 * h));
  });
  const before = losses();
  const expected: number[] = new Array(TASKS.length ** 2);
  TASKS.forEach((_, j) => {
    const saved = shared.map(([values, i]) => values[i]);
    shared.forEach(([values, i], s) => (values[i] = saved[s] - lr * grads[s][j]));
    losses().forEach((after, i) => (expected[i * TASKS.length + j] = 1 - after / before[i]));
    shared.forEach(([values, i], s) => (values[i] = saved[s]));
  });
  const scale = Math.max(...expected.map(Math.abs));
  assert.ok(scale > 1e-3, `the step moves the losses (largest |Z| ${scale})`);
  const worst = Math.max(...expected.map((z, x) => Math.abs(z - result.affinity![x])));
  assert.ok(
    worst <= 1e-3 * scale,
    `largest difference ${worst} against |Z| up to ${scale}: kernels ${result.affinity} float64 ${expected}`,
  );
});

test('a lookahead run with embedded columns gives bitwise the losses of the same run without a lookahead', async () => {
  const ds = withEmbeddings(tinyDataset(), EMBEDDED);
  const plain = run(TASKS, 2);
  const watched = trainLookahead(ds, { ...plain, lookahead: { every: 3 } });
  const { trainRuns } = await import('../../src/proxy/trainRuns.js');
  const [alone] = await trainRuns(ds, [plain]);
  assert.deepEqual(watched.losses, alone.losses);
  assert.ok(watched.lookaheadSteps! > 1);
});

const native = nativeKernelsStatus();

test(
  'a lookahead run with embedded columns gives bitwise the losses and affinities of wasm on every native build',
  { skip: native.available ? false : `the native kernels are ${native.reason}` },
  () => {
    const ds = withEmbeddings(tinyDataset(), EMBEDDED);
    const spec = { ...run(TASKS, 4), lookahead: { every: 2 } };
    const expected = trainLookahead(ds, spec, { arena: openWasmKernels() });
    for (const isa of native.available ? native.isas : []) {
      const got = trainLookahead(ds, spec, { arena: openNativeKernels(isa) });
      assert.deepEqual([got.losses, got.affinity], [expected.losses, expected.affinity], isa);
    }
  },
);
