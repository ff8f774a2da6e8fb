import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { resolveSearchConfig, searchDefaults } from '../../src/config/searchConfig.js';
import { tempDir } from '../helpers/tempDir.js';

const base = { data: 'x.csv', tasks: 'click,like,watch_time:regression' };

test('task types can be given after a colon and are otherwise left to inference', () => {
  const config = resolveSearchConfig(base);
  assert.deepEqual(config.tasks, [
    { name: 'click' },
    { name: 'like' },
    { name: 'watch_time', type: 'regression' },
  ]);
  assert.equal(config.budget, null);
  assert.equal(config.seeds, searchDefaults.seeds);
  assert.deepEqual(config.weights, [1, 1, 1]);
});

test('weights are accepted in task order or by name', () => {
  assert.deepEqual(resolveSearchConfig({ ...base, weights: '2,1,0.5' }).weights, [2, 1, 0.5]);
  assert.deepEqual(resolveSearchConfig({ ...base, weights: 'like=3' }).weights, [1, 3, 1]);
  assert.throws(
    () => resolveSearchConfig({ ...base, weights: 'share=3' }),
    /--weights: "share" is not one of the tasks/,
  );
  assert.throws(
    () => resolveSearchConfig({ ...base, weights: '1,2' }),
    /--weights has 2 weights for 3 tasks/,
  );
});

test('numeric flags are validated and the message names the flag', () => {
  assert.throws(
    () => resolveSearchConfig({ ...base, budget: '0' }),
    /--budget must be a positive integer \(got "0"\)/,
  );
  assert.throws(
    () => resolveSearchConfig({ ...base, epochs: 'many' }),
    /--epochs must be a positive integer/,
  );
  assert.throws(
    () => resolveSearchConfig({ ...base, workers: '1.5' }),
    /--workers must be a positive integer/,
  );
  assert.throws(
    () => resolveSearchConfig({ ...base, backend: 'gpu' }),
    /--backend must be one of auto, node, wasm, cpu \(got "gpu"\)/,
  );
  assert.throws(
    () => resolveSearchConfig({ ...base, tasks: 'a,b:ordinal' }),
    /--tasks: type of task "b" must be one of binary, regression/,
  );
});

test('a config file supplies settings, flags override it, and unknown keys are refused', () => {
  const dir = tempDir();
  const file = join(dir, 'study.json');
  writeFileSync(
    file,
    JSON.stringify({
      data: 'd.csv',
      tasks: ['a', 'b'],
      budget: 2,
      exclude: ['id'],
      proxy: { epochs: 7, bottom: [32] },
    }),
  );
  const config = resolveSearchConfig({ config: file, budget: '1' });
  assert.equal(config.dataFile, 'd.csv');
  assert.equal(config.budget, 1);
  assert.equal(config.proxy.epochs, 7);
  assert.deepEqual(config.proxy.bottom, [32]);
  assert.deepEqual(config.exclude, ['id']);

  writeFileSync(file, JSON.stringify({ tasks: ['a', 'b'], proxy: { epoch: 7 } }));
  assert.throws(
    () => resolveSearchConfig({ config: file, data: 'd.csv' }),
    /unknown key "proxy.epoch"/,
  );
  writeFileSync(file, JSON.stringify({ tasks: ['a', 'b'], proxy: { rows: -1 } }));
  assert.throws(
    () => resolveSearchConfig({ config: file, data: 'd.csv' }),
    /config.proxy.rows must be a positive integer/,
  );
  writeFileSync(file, '{ not json');
  assert.throws(() => resolveSearchConfig({ config: file, data: 'd.csv' }), /not valid JSON/);
});
