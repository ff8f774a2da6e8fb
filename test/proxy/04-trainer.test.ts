import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/proxy/backend.js';
import { trainPlain } from '../../src/proxy/plainTrainer.js';
import { kernelArena } from '../../src/proxy/kernels/kernelModule.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import { run, tinyDataset, tinySettings } from './helpers.js';

before(async () => {
  await initBackend('wasm');
});

test('the kernels train to the same losses as plain tfjs autograd with optimizer.minimize', async () => {
  const ds = tinyDataset();
  for (const tasks of [[0], [0, 1, 2]]) {
    const [fast] = await trainRuns(ds, [run(tasks, 4)]);
    const plain = trainPlain(ds, run(tasks, 4), 'wasm');
    fast.losses.forEach((loss, p) => {
      assert.ok(
        Math.abs(loss - plain.losses[p]) < 1e-4 * Math.max(1, plain.losses[p]),
        `task ${tasks[p]}: kernels ${loss}, plain ${plain.losses[p]}`,
      );
    });
  }
});

test('training lowers the validation loss below the untrained one', async () => {
  const ds = tinyDataset({ trainRows: 600, missing: 0 });
  const untrained = { ...tinySettings, rows: 1, epochs: 1, learningRate: 1e-9 };
  const [before] = await trainRuns(ds, [run([0, 1], 2, untrained)]);
  const [after] = await trainRuns(ds, [run([0, 1], 2, { ...tinySettings, rows: 600, epochs: 6 })]);
  after.losses.forEach((loss, p) =>
    assert.ok(loss < before.losses[p], `task ${p}: ${loss} vs ${before.losses[p]}`),
  );
});

test('a run trained beside others gives bitwise the losses it gives alone', async () => {
  const ds = tinyDataset();
  const specs = [
    run([0]),
    run([1]),
    run([2]),
    run([0, 1]),
    run([0, 2]),
    run([1, 2]),
    run([0, 1, 2]),
  ];
  const together = await trainRuns(ds, specs);
  for (const [i, spec] of specs.entries()) {
    const [alone] = await trainRuns(ds, [spec]);
    assert.deepEqual(together[i].losses, alone.losses, spec.key);
    assert.equal(together[i].key, spec.key);
  }
});

test('the same spec gives identical losses every time; another seed gives others', async () => {
  const ds = tinyDataset();
  const [a] = await trainRuns(ds, [run([0, 2], 9)]);
  const [b] = await trainRuns(ds, [run([0, 2], 9)]);
  const [c] = await trainRuns(ds, [run([0, 2], 10)]);
  assert.deepEqual(a.losses, b.losses);
  assert.notDeepEqual(a.losses, c.losses);
});

test('results come back in spec order across seeds and settings', async () => {
  const ds = tinyDataset();
  const other = { ...tinySettings, batchSize: 32 };
  const specs = [run([1], 2), run([0], 1, other), run([0, 1], 1)];
  const results = await trainRuns(ds, specs);
  assert.deepEqual(
    results.map((r) => r.key),
    specs.map((s) => s.key),
  );
  results.forEach((r, i) => assert.equal(r.losses.length, specs[i].tasks.length));
  assert.ok(results.every((r) => r.backend === kernelArena().build.name && r.trainMs >= 0));
});

test('only the first `rows` training rows are used', async () => {
  const ds = tinyDataset();
  const settings = { ...tinySettings, rows: 100 };
  const [a] = await trainRuns(ds, [run([0, 1], 1, settings)]);
  for (let i = 100 * ds.dim; i < ds.trainX.length; i++) ds.trainX[i] = 1e3;
  const [b] = await trainRuns(ds, [run([0, 1], 1, settings)]);
  assert.deepEqual(a.losses, b.losses);
});

test('validation losses are means over labelled rows only', async () => {
  const ds = tinyDataset({ missing: 0 });
  const [full] = await trainRuns(ds, [run([0])]);
  for (let r = 0; r < ds.valRows; r += 2) ds.valY[r * ds.tasks.length] = NaN;
  const [half] = await trainRuns(ds, [run([0])]);
  assert.ok(Number.isFinite(half.losses[0]));
  assert.notEqual(half.losses[0], full.losses[0]);
});

test('a run leaves no tensor behind, on the kernels and on the plain trainer', async () => {
  const ds = tinyDataset();
  const before = tf.memory().numTensors;
  await trainRuns(ds, [run([0, 1]), run([2])]);
  trainPlain(ds, run([0, 1]), 'wasm', 3);
  assert.equal(tf.memory().numTensors, before);
});

test('a spec with a bad task index, order or setting is refused naming the field', async () => {
  const ds = tinyDataset();
  await assert.rejects(trainRuns(ds, [run([3])]), /task index 3 is not in 0\.\.2/);
  await assert.rejects(trainRuns(ds, [run([1, 0])]), /sorted ascending/);
  await assert.rejects(trainRuns(ds, [run([])]), /non-empty/);
  await assert.rejects(
    trainRuns(ds, [run([0], 1, { ...tinySettings, batchSize: 0 })]),
    /settings\.batchSize/,
  );
  await assert.rejects(
    trainRuns(ds, [run([0], 1, { ...tinySettings, learningRate: -1 })]),
    /learningRate/,
  );
});

test('a task with no labelled validation row is a data error naming the column', async () => {
  const ds = tinyDataset();
  for (let r = 0; r < ds.valRows; r++) ds.valY[r * ds.tasks.length + 1] = NaN;
  await assert.rejects(
    trainRuns(ds, [run([1])]),
    /task column "task1" has no label in the validation split/,
  );
});
