import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { plantedIdsTask, writePlantedIdsCsv } from '../../bench/plantedIds.js';
import { resolveSearchConfig, type SearchFlags } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { tempDir } from '../helpers/tempDir.js';

// A whole search, real runs, on planted data whose transfer lives in a user id: tasks 0 and 1
// read one latent value of each user, tasks 2 and 3 another, and no dense feature says anything
// (bench/plantedIds.ts). Given the id as an embedding the search groups the planted pairs;
// given it as a number (the default, which the loader warns about) a sharing gain of a fraction
// of the embedded one remains.

const dir = tempDir();
const data = join(dir, 'planted-ids.csv');
writePlantedIdsCsv(data, { rows: 6000, users: 200, clusters: [0, 0, 1, 1], seed: 4 });
const config = join(dir, 'proxy.json');
writeFileSync(
  config,
  JSON.stringify({ proxy: { bottom: [32, 16], tower: [8], learningRate: 0.01 } }),
);
const tasks = [0, 1, 2, 3].map(plantedIdsTask);
const flags = (extra: Partial<SearchFlags> = {}): SearchFlags => ({
  data,
  config,
  tasks: tasks.join(','),
  seeds: '2',
  epochs: '8',
  minSteps: '0',
  batchSize: '128',
  workers: '2',
  mmoeBaseline: false,
  ...extra,
});
const search = (extra: Partial<SearchFlags>) =>
  runSearch(resolveSearchConfig(flags(extra)), join(dir, 'runs.db'), {
    stop: { requested: false },
  });

test('tasks whose transfer lives in a user id are grouped for what the id carries when it is embedded', async () => {
  const embedded = await search({ embed: 'user_id:8' });
  assert.deepEqual(
    embedded.grouping.map((g) => [...g].sort()).sort(),
    [
      ['task0', 'task1'],
      ['task2', 'task3'],
    ],
    'the planted pairs, each in its network',
  );
  assert.equal(embedded.objectiveKind, 'measured');
  assert.ok(
    embedded.objective < 1 - 2 * embedded.objectiveStderr,
    `sharing the id helps beyond seed noise: ${embedded.objective} ± ${embedded.objectiveStderr}`,
  );
  const plain = await search({});
  // Read as a number, an id lets a network tell a few users apart by its value (0.2 % here);
  // embedded, each user has a vector of its own (4.5 %).
  assert.ok(
    plain.objective > 0.99 && 1 - embedded.objective > 5 * (1 - plain.objective),
    `without the id little transfers: ${plain.objective} against ${embedded.objective}`,
  );
});
