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
import {
  taskBottomGradient,
  transposeFirstTower,
} from '../../src/proxy/kernels/kernelLookahead.js';
import { NetworkLayout } from '../../src/proxy/layout.js';
import { trainLookahead } from '../../src/proxy/lookahead.js';
import { TASK_LOSSES } from '../../src/proxy/losses.js';
import { PlainNetwork } from '../../src/proxy/plainNetwork.js';
import { batchLabels, gatherRows } from '../../src/proxy/plainTrainer.js';
import { epochOrder } from '../../src/proxy/prng.js';
import type { ProxySettings, RunSpec } from '../../src/proxy/types.js';
import { run, tinyDataset, tinySettings } from './helpers.js';

// The lookahead against an independent implementation: the same step taken by tfjs autograd on
// the plain network, and, for small steps, against its first-order expansion
// L_i(θ − η g_j) ≈ L_i(θ) − η g_i·g_j, the finite difference the affinity is.

before(async () => {
  await initBackend('wasm');
});

const TASKS = [0, 1, 2];
const shapes: [string, Partial<ProxySettings>][] = [
  ['bottom 8-5, tower 4', {}],
  ['bottom 7, towers 4-3', { bottom: [7], tower: [4, 3] }],
  ['no tower layer', { tower: [] }],
];

/** A spec whose only lookahead is at step 0: on the first batch, from the initial weights. */
function firstStepSpec(settings: ProxySettings, seed = 5): RunSpec {
  return { ...run(TASKS, seed, settings), lookahead: { every: 1_000_000 } };
}

/** The first batch the trainer sees (epoch 0, batchCap rows). */
function firstBatch(ds: EncodedDataset, spec: RunSpec): Int32Array {
  const rows = Math.min(spec.settings.rows, ds.trainRows);
  return epochOrder(rows, spec.seed, 0).subarray(
    0,
    Math.min(spec.settings.batchSize, Math.max(rows, ds.valRows)),
  );
}

/** Each task's mean loss over the batch's labelled rows, from float32 logits, in float64. */
function batchLosses(ds: EncodedDataset, rows: Int32Array, logits: Float32Array[]): number[] {
  return TASKS.map((taskId, p) => {
    let sum = 0;
    let count = 0;
    rows.forEach((row, i) => {
      const y = ds.trainY[row * ds.tasks.length + taskId];
      if (!Number.isNaN(y)) {
        sum += TASK_LOSSES[ds.tasks[taskId].type].value(logits[p][i], y);
        count++;
      }
    });
    return sum / count;
  });
}

/**
 * With tf autograd: the losses before, each task's gradient of the bottom alone (its loss is the
 * training loss with every other task's mask at zero), and the losses after a plain SGD step of
 * the bottom by `lr` on it, towers untouched.
 */
function autogradLookahead(ds: EncodedDataset, spec: RunSpec, lr: number) {
  const layout = new NetworkLayout(ds.dim, spec.settings, TASKS.length);
  const net = new PlainNetwork(layout, initialParams(layout, spec.seed, TASKS));
  const rows = firstBatch(ds, spec);
  const bottomVars = net.variables().slice(0, 2 * layout.bottom.length);
  const types = TASKS.map((t) => ds.tasks[t].type);
  const x = tf.tensor2d(gatherRows(ds.trainX, ds.dim, rows), [rows.length, ds.dim]);
  const { labels, masks, counts } = batchLabels(ds, TASKS, rows);
  const losses = () =>
    batchLosses(
      ds,
      rows,
      tf.tidy(() => net.logits(x).map((l) => l.dataSync() as Float32Array)),
    );
  try {
    const beforeLosses = losses();
    const grads: Float64Array[] = [];
    const after = TASKS.map((_, j) => {
      const alone = masks.map((mask, p) => (p === j ? mask : tf.zerosLike(mask)));
      const { grads: byName } = tf.variableGrads(
        () => net.loss(x, types, labels, alone, counts),
        bottomVars,
      );
      const saved = bottomVars.map((v) => v.dataSync().slice());
      bottomVars.forEach((v) => v.assign(tf.tidy(() => tf.sub(v, tf.mul(byName[v.name], lr)))));
      grads.push(Float64Array.from(bottomVars.flatMap((v) => [...byName[v.name].dataSync()])));
      const lossesAfter = losses();
      bottomVars.forEach((v, i) => v.assign(tf.tensor(saved[i], v.shape)));
      tf.dispose([...Object.values(byName), ...alone.filter((mask, p) => p !== j)]);
      return lossesAfter;
    });
    return { before: beforeLosses, after, grads };
  } finally {
    tf.dispose([x, ...labels, ...masks]);
    net.dispose();
  }
}

for (const [name, shape] of shapes) {
  test(`one lookahead step on the kernels gives the affinities tf autograd gives (${name})`, () => {
    const ds = tinyDataset();
    const spec = firstStepSpec({ ...tinySettings, ...shape, learningRate: 0.05 });
    const result = trainLookahead(ds, spec);
    assert.equal(result.lookaheadSteps, 1);
    const { before: b, after } = autogradLookahead(ds, spec, 0.05);
    const n = TASKS.length;
    const expected = Array.from(
      { length: n * n },
      (_, x) => 1 - after[x % n][Math.floor(x / n)] / b[Math.floor(x / n)],
    );
    const scale = Math.max(...expected.map(Math.abs));
    assert.ok(scale > 1e-3, `the step moves the losses (largest |Z| ${scale})`);
    const worst = Math.max(
      ...expected.map((z, x) => Math.abs(z - (result.affinity as number[])[x])),
    );
    assert.ok(
      worst <= 1e-5 * scale,
      `largest difference ${worst} against |Z| up to ${scale}: ` +
        `kernels ${result.affinity} autograd ${expected}`,
    );
  });
}

test('for a small step, Z(j→i) is the finite difference η·g_i·g_j / L_i of the gradients', () => {
  const ds = tinyDataset({ missing: 0 });
  const lr = 2e-4;
  const spec = firstStepSpec({ ...tinySettings, learningRate: lr }, 8);
  const z = trainLookahead(ds, spec).affinity as number[];
  const { before: b, grads } = autogradLookahead(ds, spec, lr);
  const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, ui, k) => s + ui * v[k], 0);
  const n = TASKS.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const firstOrder = (lr * dot(grads[i], grads[j])) / b[i];
      const tolerance =
        0.05 * Math.abs(firstOrder) + (0.02 * (lr * dot(grads[i], grads[i]))) / b[i];
      assert.ok(
        Math.abs(z[i * n + j] - firstOrder) <= tolerance,
        `Z(${j}→${i}) = ${z[i * n + j]}, first order ${firstOrder}`,
      );
    }
  }
});

for (const [name, shape] of shapes) {
  test(`a task's gradient of the bottom is bitwise a full backward with the other tasks' logit gradients at zero (${name})`, () => {
    const ds = tinyDataset();
    const settings = { ...tinySettings, ...shape };
    const layout = new NetworkLayout(ds.dim, settings, TASKS.length);
    const rows = Int32Array.from({ length: 50 }, (_, i) => (i * 11) % ds.trainRows);
    const bottomSize = layout.tower[0]?.w ?? layout.head.w;
    for (let j = 0; j < TASKS.length; j++) {
      const viaTower = bottomGradients(ds, layout, rows, j, 'task alone');
      const viaZeros = bottomGradients(ds, layout, rows, j, 'others zeroed');
      assert.equal(viaTower.length, bottomSize);
      assert.ok(
        viaTower.some((g) => g !== 0),
        `task ${j}: a gradient`,
      );
      assert.deepEqual(
        new Uint32Array(viaTower.buffer),
        new Uint32Array(viaZeros.buffer),
        `task ${j}`,
      );
    }
  });
}

/** Task j's gradient of the bottom, by taskBottomGradient or by the full backward. */
function bottomGradients(
  ds: EncodedDataset,
  layout: NetworkLayout,
  rows: Int32Array,
  j: number,
  how: 'task alone' | 'others zeroed',
): Float32Array {
  const arena = kernelArena();
  arena.reset();
  const m = rows.length;
  const bottomSize = layout.tower[0]?.w ?? layout.head.w;
  const trainX = arena.allocFrom(ds.trainX);
  const scratch = new KernelScratch(arena, ds.dim, layout, m);
  const net = new KernelNetwork(arena, layout, initialParams(layout, 3, TASKS));
  const towerT = arena.alloc(layout.size);
  const grad = arena.alloc(bottomSize);
  scratch.bindViews(arena, TASKS.length);
  net.bindViews(arena);
  arena.i32(scratch.idx, m).set(rows);
  arena.k.gather_rows(scratch.x, ds.dim, trainX, ds.dim, scratch.idx, m, ds.dim);
  net.forward(arena.k, scratch, scratch.x, ds.dim, m);
  logitGradients(
    ds,
    TASKS,
    rows,
    scratch.logitsView,
    (p) => net.paramsView[layout.head.b + p],
    m,
    scratch.dlogitsView,
    (p, v) => {
      net.gradsView[layout.head.b + p] = v;
    },
  );
  if (how === 'others zeroed') {
    scratch.dlogitsView.forEach((_, x) => {
      if (Math.floor(x / m) !== j) scratch.dlogitsView[x] = 0;
    });
    net.backward(arena.k, scratch, scratch.x, ds.dim, m);
    return Float32Array.from(net.gradsView.subarray(0, bottomSize));
  }
  net.backward(arena.k, scratch, scratch.x, ds.dim, m);
  transposeFirstTower(arena.k, net, towerT);
  taskBottomGradient(arena.k, net, scratch, towerT, j, m, ds.dim, grad);
  return Float32Array.from(arena.f32(grad, bottomSize));
}

test('the forward pass, its towers in blocks of tasks, gives each task bitwise the logits of its network alone', () => {
  const ds = tinyDataset({ tasks: 20 });
  const all = Array.from({ length: 20 }, (_, t) => t);
  for (const tower of [[32], [20, 7]]) {
    // 640 and 400 first-layer columns: blocks of 8 and 12 tasks
    const settings = { ...tinySettings, tower };
    const logitsOf = (taskIds: number[]) => {
      const arena = kernelArena();
      arena.reset();
      const layout = new NetworkLayout(ds.dim, settings, taskIds.length);
      const x = arena.allocFrom(ds.trainX.subarray(0, 40 * ds.dim));
      const scratch = new KernelScratch(arena, ds.dim, layout, 40);
      const params = initialParams(layout, 2, taskIds);
      layout.bottom.forEach((layer) => {
        for (let c = 0; c < layer.out; c++) params[layer.b + c] = 0.05 * Math.cos(c);
      });
      layout.tower.forEach((layer, l) =>
        taskIds.forEach((t, p) => {
          for (let c = 0; c < layer.out; c++)
            params[layout.towerBias(l, p, c)] = 0.1 * Math.sin(31 * t + 7 * l + c);
        }),
      );
      const net = new KernelNetwork(arena, layout, params);
      scratch.bindViews(arena, taskIds.length);
      net.bindViews(arena);
      net.forward(arena.k, scratch, x, ds.dim, 40);
      return new Uint32Array(Float32Array.from(scratch.logitsView).buffer);
    };
    const together = logitsOf(all);
    for (const t of all)
      assert.deepEqual(
        logitsOf([t]),
        together.subarray(t * 40, t * 40 + 40),
        `tower ${tower}, task ${t}`,
      );
  }
});
