import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { runCli } from '../helpers/cli.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

test('resume takes --workers and --backend on its own command line and validates them', async () => {
  // A search recorded with one worker (trained by a fake): resuming it finds every run done.
  const dir = tempDir();
  const db = join(dir, 'r.db');
  const config = resolveSearchConfig({
    data: smallCsv(dir),
    tasks: 't0,t1,t2,t3,t4',
    seeds: '1',
    workers: '1',
  });
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () =>
      fakeTrainer([
        [0, 1, 2],
        [3, 4],
      ]),
  });

  const resumed = await runCli([
    'resume',
    model.searchId,
    '--db',
    db,
    '--workers',
    '2',
    '--backend',
    'wasm',
    '--json',
  ]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const json = JSON.parse(resumed.stdout);
  assert.deepEqual(json.grouping, model.grouping);
  assert.equal(json.runs.trained, model.runs.trained, 'nothing trained again');

  const workers = await runCli(['resume', model.searchId, '--db', db, '--workers', '0']);
  assert.equal(workers.code, 2);
  assert.equal(workers.stderr, 'taskgroup: --workers must be a positive integer (got "0")\n');
  const backend = await runCli(['resume', model.searchId, '--db', db, '--backend', 'gpu']);
  assert.equal(backend.code, 2);
  assert.match(
    backend.stderr,
    /^taskgroup: --backend must be one of auto, node, wasm, cpu \(got "gpu"\)\n$/,
  );
});
