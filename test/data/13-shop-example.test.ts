import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generateShop } from '../../examples/shop.js';
import { loadDataset } from '../../src/data/loadDataset.js';

const csv = new URL('../../examples/shop.csv', import.meta.url).pathname;
const TASKS = ['purchase', 'rating', 'add_to_cart', 'wishlist', 'watch_video', 'open_reviews'];

describe('the auxiliary example', () => {
  it('is what `shop.ts --rows 5000 --seed 1` writes', () => {
    // If this fails after tuning the generator, regenerate examples/shop.csv with the command
    // in examples/README.md.
    assert.equal(readFileSync(csv, 'utf8'), generateShop(5000, 1));
  });

  it('holds few purchase labels and many of its helpers, as the planted structure says', async () => {
    const d = await loadDataset({ file: csv, tasks: TASKS.map((name) => ({ name })) });
    const T = d.tasks.length;
    const labelled = (t: number) => {
      let count = 0;
      for (let r = 0; r < d.trainRows; r++) if (!Number.isNaN(d.trainY[r * T + t])) count++;
      return count / d.trainRows;
    };
    assert.deepEqual(
      d.tasks.map((t) => t.type),
      ['binary', 'regression', 'binary', 'binary', 'binary', 'binary'],
    );
    assert.ok(labelled(0) < 0.3, 'purchase: most labels missing');
    for (const t of [2, 3, 4, 5]) assert.ok(labelled(t) > 0.9, `${TASKS[t]}: nearly all labelled`);
  });
});
