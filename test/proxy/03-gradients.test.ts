import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../src/data/types.js';
import { initBackend } from '../../src/proxy/backend.js';
import { logitGradients } from '../../src/proxy/batchLabels.js';
import { initialParams } from '../../src/proxy/init.js';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { KernelNetwork } from '../../src/proxy/kernels/kernelNetwork.js';
import { KernelScratch } from '../../src/proxy/kernels/kernelScratch.js';
import { NetworkLayout } from '../../src/proxy/layout.js';
import { PlainNetwork } from '../../src/proxy/plainNetwork.js';
import { batchLabels, gatherRows } from '../../src/proxy/plainTrainer.js';
import type { ProxySettings } from '../../src/proxy/types.js';
import { tinyDataset, tinySettings } from './helpers.js';

before(async () => {
  await initBackend('wasm');
});

/** The kernels' hand-written gradient of the training loss on one batch, in layout order. */
function kernelGradient(
  ds: EncodedDataset,
  settings: ProxySettings,
  taskIds: number[],
  rows: Int32Array,
  params: Float32Array,
): Float32Array {
  const arena = kernelArena();
  arena.reset();
  const layout = new NetworkLayout(ds.dim, settings, taskIds.length);
  const trainX = arena.allocFrom(ds.trainX);
  const scratch = new KernelScratch(arena, ds.dim, layout, rows.length);
  const net = new KernelNetwork(arena, layout, params);
  scratch.bindViews(arena, taskIds.length);
  net.bindViews(arena);
  arena.i32(scratch.idx, rows.length).set(rows);
  arena.k.gather_rows(scratch.x, ds.dim, trainX, ds.dim, scratch.idx, rows.length, ds.dim);
  net.forward(arena.k, scratch, scratch.x, ds.dim, rows.length);
  logitGradients(
    ds,
    taskIds,
    rows,
    scratch.logitsView,
    (p) => net.paramsView[layout.head.b + p],
    scratch.batchCap,
    scratch.dlogitsView,
    (p, v) => {
      net.gradsView[layout.head.b + p] = v;
    },
  );
  net.backward(arena.k, scratch, scratch.x, ds.dim, rows.length);
  return Float32Array.from(net.gradsView);
}

/** tf autograd (variableGrads) of the plain tfjs network's loss on the same batch, in layout order. */
function autogradGradient(
  ds: EncodedDataset,
  settings: ProxySettings,
  taskIds: number[],
  rows: Int32Array,
  params: Float32Array,
): Float32Array {
  const layout = new NetworkLayout(ds.dim, settings, taskIds.length);
  const net = new PlainNetwork(layout, params);
  const types = taskIds.map((t) => ds.tasks[t].type);
  try {
    const grads = tf.tidy(() => {
      const x = tf.tensor2d(gatherRows(ds.trainX, ds.dim, rows), [rows.length, ds.dim]);
      const { labels, masks, counts } = batchLabels(ds, taskIds, rows);
      const { grads: byName } = tf.variableGrads(
        () => net.loss(x, types, labels, masks, counts),
        net.variables(),
      );
      return net.variables().map((v) => byName[v.name].dataSync() as Float32Array);
    });
    return net.toFlat(grads);
  } finally {
    net.dispose();
  }
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length);
  const scale = Math.max(1e-3, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < actual.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(
    worst <= 2e-5 * scale,
    `${what}: largest gradient difference ${worst} (scale ${scale})`,
  );
  assert.ok(
    expected.some((g) => g !== 0),
    `${what}: the reference gradient is all zero`,
  );
}

const shapes: [string, Partial<ProxySettings>][] = [
  ['bottom 8-5, tower 4', {}],
  ['bottom 7, towers 4-3', { bottom: [7], tower: [4, 3] }],
  ['no tower layer', { tower: [] }],
  ['no bottom layer', { bottom: [], tower: [5] }],
];

for (const [name, shape] of shapes) {
  test(`the hand-written backward pass matches tf autograd (${name}, masked labels)`, () => {
    const ds = tinyDataset();
    const settings = { ...tinySettings, ...shape };
    const taskIds = [0, 1, 2];
    const layout = new NetworkLayout(ds.dim, settings, taskIds.length);
    const params = initialParams(layout, 11, taskIds);
    for (let i = 0; i < params.length; i++) if (params[i] === 0) params[i] = 0.05 * Math.sin(i); // nonzero biases
    const rows = Int32Array.from({ length: 37 }, (_, i) => (i * 7) % ds.trainRows);
    assertClose(
      kernelGradient(ds, settings, taskIds, rows, params),
      autogradGradient(ds, settings, taskIds, rows, params),
      name,
    );
  });
}

test('a task without any label in the batch gets zero gradient, never NaN', () => {
  const ds = tinyDataset({ missing: 0 });
  const rows = Int32Array.from({ length: 10 }, (_, i) => i);
  for (const r of rows) ds.trainY[r * ds.tasks.length + 1] = NaN;
  const layout = new NetworkLayout(ds.dim, tinySettings, 2);
  const params = initialParams(layout, 1, [0, 1]);
  const grads = kernelGradient(ds, tinySettings, [0, 1], rows, params);
  assert.ok(grads.every(Number.isFinite));
  const head = layout.head;
  assert.ok(grads.subarray(head.w + head.in, head.w + 2 * head.in).every((g) => g === 0));
  assert.equal(grads[head.b + 1], 0);
  assert.ok(grads.subarray(head.w, head.w + head.in).some((g) => g !== 0));
});
