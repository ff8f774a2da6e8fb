import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auc as rankSumAuc } from '../../src/data/taskTypes/index.js';
import { TASK_METRICS } from '../../src/proxy/metrics.js';
import { Prng } from '../../src/proxy/prng.js';
import { resolveTrainer, trainerNamed } from '../../src/proxy/trainers/index.js';
import { run, tinyDataset, tinySettings } from './helpers.js';

const { binary: auc, regression: rmse } = TASK_METRICS;
const f32 = (values: number[]) => Float32Array.from(values);

test('AUC is the rank sum of the logits, a tie between the classes counted half', () => {
  // Positives {0.9, 0.4}, negatives {0.4, 0.1}: 0.9 beats both (2), 0.4 beats 0.1 and ties (1.5).
  assert.equal(auc.value(f32([0.9, 0.4, 0.4, 0.1]), f32([1, 1, 0, 0]), 1), 3.5 / 4);
  assert.equal(auc.value(f32([3, 2, 1]), f32([1, 1, 0]), 1), 1);
  assert.equal(auc.value(f32([1, 2, 3]), f32([1, 1, 0]), 1), 0);
  assert.ok(Number.isNaN(auc.value(f32([1, 2]), f32([1, 1]), 1)), 'one class only: no AUC');
  assert.ok(Number.isNaN(auc.value(f32([NaN, NaN, 1]), f32([1, 0, 0]), 1)), 'diverged: no AUC');
  const prng = new Prng(11);
  const logits = Array.from({ length: 2000 }, () => Math.round(prng.next() * 50) / 10);
  const labels = logits.map((l) => (prng.next() < 0.2 + l / 10 ? 1 : 0));
  assert.ok(
    Math.abs(auc.value(f32(logits), f32(labels), 1) - rankSumAuc([...f32(logits)], labels)) < 1e-12,
    'the same as the mid-rank AUC of the leakage check, ties included',
  );
});

test('RMSE is in the label’s unit: the standardised error times the standard deviation', () => {
  assert.equal(rmse.value(f32([1, 3]), f32([0, 0]), 1), Math.sqrt(5));
  assert.equal(rmse.value(f32([1, 3]), f32([0, 0]), 60), 60 * Math.sqrt(5));
});

test('a run reports each task’s metric at the epoch whose loss it reports, on every trainer', async () => {
  const ds = tinyDataset({ tasks: 4 });
  ds.tasks = ds.tasks.map((task) => ({ ...task, unit: task.type === 'regression' ? 2.5 : 1 }));
  // Enough epochs that some task's loss is least before the last one.
  const settings = { ...tinySettings, epochs: 12, learningRate: 0.05 };
  const specs = [run([0, 1, 2, 3], 1, settings), run([1], 2, settings)];
  for (const trainer of [resolveTrainer('auto'), trainerNamed('tfjs-cpu')]) {
    const results = await trainer.train(ds, specs);
    results.forEach((result, i) => {
      assert.equal(result.metrics?.length, specs[i].tasks.length, trainer.name);
      specs[i].tasks.forEach((t, p) => {
        const metric = result.metrics![p];
        if (ds.tasks[t].type === 'regression') {
          // RMSE² / unit² is the mean squared error: the reported loss, of the same epoch.
          const loss = (metric / 2.5) ** 2;
          assert.ok(Math.abs(loss - result.losses[p]) < 1e-6 * loss, `${trainer.name} task ${t}`);
        } else {
          assert.ok(metric > 0.5 && metric <= 1, `${trainer.name} task ${t}: AUC ${metric}`);
        }
      });
    });
  }
});

test('both builds of the kernels give the same metrics, bit for bit', async () => {
  const ds = tinyDataset({ tasks: 4 });
  const specs = [run([0, 1, 2, 3]), run([0, 2], 5)];
  const wasm = await trainerNamed('wasm-kernels').train(ds, specs);
  const auto = await resolveTrainer('auto').train(ds, specs);
  assert.deepEqual(
    auto.map((r) => r.metrics),
    wasm.map((r) => r.metrics),
  );
});

test('the kernels and the plain tfjs trainer give the same metrics, as they give the same losses', async () => {
  const ds = tinyDataset({ tasks: 4 });
  const specs = [run([0, 1, 2, 3]), run([1, 3], 3)];
  const plain = await trainerNamed('tfjs-cpu').train(ds, specs);
  const kernels = await resolveTrainer('auto').train(ds, specs);
  plain.forEach((result, i) =>
    result.metrics!.forEach((metric, p) => {
      const other = kernels[i].metrics![p];
      assert.ok(Math.abs(metric - other) < 1e-5, `run ${i} task ${p}: ${metric} vs ${other}`);
    }),
  );
});
