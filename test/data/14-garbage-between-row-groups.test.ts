import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectGarbage } from '../../src/data/collectGarbage.js';

// The Parquet reader asks for a full collection after each row group (src/data/readParquet.ts),
// so that a group's decoded columns, garbage in V8's old generation, are freed before the next
// group is decoded: memory then follows one row group, not the file (npm run bench:load --
// --parquet: 448 MB peak without, about 280 MB with, on a 1,000,000-row file).

test('collectGarbage frees a large array that is no longer referenced, at once', () => {
  let group: number[] | undefined = Array.from({ length: 10_000_000 }, (_, i) => i + 0.5);
  const held = process.memoryUsage().heapUsed;
  assert.equal(group.length, 10_000_000);
  group = undefined;
  collectGarbage();
  const freed = held - process.memoryUsage().heapUsed;
  assert.ok(freed > 50e6, `freed ${(freed / 1e6).toFixed(0)} MB of an 80 MB array`);
});
