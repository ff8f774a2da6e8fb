import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadDataset, type LoadOptions } from '../../src/data/loadDataset.js';
import type { EncodedDataset } from '../../src/data/types.js';
import { trainRuns } from '../../src/proxy/trainRuns.js';
import type { ProxySettings } from '../../src/proxy/types.js';
import { plantedIdsTask, writePlantedIdsCsv } from '../../bench/plantedIds.js';

// Two tasks whose labels depend on a per-user latent value keyed by `user_id`, and on no dense
// feature (bench/plantedIds.ts): their transfer lives in the id. With the column embedded, each
// task alone learns its users (its loss falls far below the default encoding's), and the pair
// learns them from both tasks' labels (each task's loss falls below alone's, every seed). With
// the default encoding (the id read as a number), nothing is learnt and nothing transfers.

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-planted-ids-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'planted.csv');
writePlantedIdsCsv(file, { rows: 8000, users: 300, clusters: [0, 0], seed: 1 });
const load: LoadOptions = { file, tasks: [0, 1].map((t) => ({ name: plantedIdsTask(t) })) };
const settings: ProxySettings = {
  rows: 100_000,
  epochs: 8,
  minSteps: 0,
  batchSize: 128,
  learningRate: 0.01,
  bottom: [32, 16],
  tower: [8],
};
const seeds = [0, 1, 2];

/** Per seed: each task's loss alone and its transfer T(j→i) = 1 − L_i({i,j}) / L_i({i}). */
async function measure(ds: EncodedDataset): Promise<{ alone: number[]; transfer: number[] }[]> {
  const specs = seeds.flatMap((seed) =>
    [[0], [1], [0, 1]].map((tasks) => ({ key: `${tasks}@${seed}`, tasks, seed, settings })),
  );
  const results = await trainRuns(ds, specs);
  return seeds.map((_, s) => {
    const [a, b, pair] = results.slice(3 * s, 3 * s + 3);
    const alone = [a.losses[0], b.losses[0]];
    return { alone, transfer: alone.map((loss, i) => 1 - pair.losses[i] / loss) };
  });
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

test('tasks whose transfer lives in a user id transfer when the id is embedded, and only then', async () => {
  const plain = await measure(await loadDataset(load));
  const embedded = await measure(
    await loadDataset({ ...load, embed: [{ column: 'user_id', dim: 8 }] }),
  );
  for (const i of [0, 1]) {
    const what = `task ${i}`;
    embedded.forEach((seed, s) => {
      assert.ok(seed.transfer[i] > 0, `${what}, seed ${s}: T ${seed.transfer[i]} with the id`);
      assert.ok(
        seed.alone[i] < 0.8 * plain[s].alone[i],
        `${what}, seed ${s}: alone ${seed.alone[i]} with the id, ${plain[s].alone[i]} without`,
      );
    });
    const withId = mean(embedded.map((seed) => seed.transfer[i]));
    const without = mean(plain.map((seed) => seed.transfer[i]));
    assert.ok(withId > 0.02, `${what}: mean T ${withId} with the id`);
    assert.ok(Math.abs(without) < 0.005, `${what}: mean T ${without} without the id`);
  }
});
