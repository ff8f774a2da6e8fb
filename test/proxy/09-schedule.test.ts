import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initBackend } from '../../src/proxy/backend.js';
import { trainPlain } from '../../src/proxy/plainTrainer.js';
import { epochsOf } from '../../src/proxy/schedule.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import { run, tinyDataset, tinySettings } from './helpers.js';

before(async () => {
  await initBackend('wasm');
});

test('small data trains more epochs so that every run takes at least minSteps optimiser steps', () => {
  const settings = { ...tinySettings, rows: 20_000, epochs: 4, batchSize: 256, minSteps: 200 };
  assert.equal(epochsOf(settings, 1923), 25, '1,923 rows are 8 batches: 25 epochs reach 200 steps');
  assert.equal(epochsOf(settings, 16_000), 4, '63 batches × 4 epochs are already 252 steps');
  assert.equal(epochsOf({ ...settings, minSteps: 0 }, 1923), 4);
  assert.equal(
    epochsOf({ ...settings, rows: 500 }, 16_000),
    100,
    'the rows a run sees count, not the split',
  );
});

test('a run reports each task at its best epoch: more epochs never raise a loss, even once the network overfits', async () => {
  // Few rows, a large learning rate: the validation loss turns up within a few epochs.
  const ds = tinyDataset({ trainRows: 120, valRows: 200, missing: 0 });
  const settings = {
    ...tinySettings,
    rows: 120,
    batchSize: 16,
    learningRate: 0.05,
    bottom: [32, 16],
  };
  let previous: number[] | null = null;
  let rose = false;
  for (let epochs = 1; epochs <= 12; epochs++) {
    const [result] = await trainRuns(ds, [run([0, 1, 2], 3, { ...settings, epochs })]);
    if (previous) {
      result.losses.forEach((loss, p) =>
        assert.ok(loss <= previous![p], `task ${p}, ${epochs} epochs: ${loss} > ${previous![p]}`),
      );
      rose ||= result.losses.some((loss, p) => loss === previous![p]);
    }
    previous = result.losses;
  }
  assert.ok(rose, 'some task stopped improving, so the best epoch was not the last one');
});

test('the plain tfjs trainer keeps the best epoch too, as the kernels do', async () => {
  const ds = tinyDataset({ trainRows: 120, valRows: 200, missing: 0 });
  const spec = run([0, 1], 5, {
    ...tinySettings,
    rows: 120,
    batchSize: 16,
    learningRate: 0.05,
    epochs: 6,
  });
  const [fast] = await trainRuns(ds, [spec]);
  const plain = trainPlain(ds, spec, 'wasm');
  fast.losses.forEach((loss, p) =>
    assert.ok(
      Math.abs(loss - plain.losses[p]) < 1e-3 * Math.max(1, loss),
      `task ${p}: ${loss} vs ${plain.losses[p]}`,
    ),
  );
});
