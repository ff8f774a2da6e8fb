import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// TensorFlow.js is an optional peer dependency: only the tfjs trainers use it. Without it, asking
// for one of them says in one line which package to install (exit 2, nothing written), and the
// default trainers, taskgroup's kernels, train as before.
const dir = tempDir();
const data = smallCsv(dir);
const env = {
  NODE_OPTIONS: `--require ${join(process.cwd(), 'test/fixtures/env/noTensorflow.cjs')}`,
};

for (const [backend, message] of [
  [
    'cpu',
    /^taskgroup: --backend cpu: @tensorflow\/tfjs is not installed: install @tensorflow\/tfjs \(npm install @tensorflow\/tfjs\)/,
  ],
  [
    'tfjs-wasm',
    /^taskgroup: --backend tfjs-wasm: @tensorflow\/tfjs and @tensorflow\/tfjs-backend-wasm are not installed: install @tensorflow\/tfjs @tensorflow\/tfjs-backend-wasm/,
  ],
] as const) {
  test(`--backend ${backend} without TensorFlow.js installed is refused in one line naming the package to install`, async () => {
    const db = join(dir, `${backend}.db`);
    const result = await runCli(
      ['search', '--data', data, '--tasks', 't0,t1', '--db', db, '--backend', backend],
      { env },
    );
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(existsSync(db), false, 'nothing written');
  });
}

test('without TensorFlow.js installed, a search on the default trainer runs to the end', async () => {
  const db = join(dir, 'auto.db');
  const result = await runCli(
    [
      'search',
      ...['--data', data, '--tasks', 't0,t1,t2', '--db', db, '--seeds', '1', '--workers', '1'],
      ...['--rows', '40', '--epochs', '1', '--min-steps', '0', '--batch-size', '16', '--json'],
    ],
    { env },
  );
  assert.equal(result.code, 0, result.stderr);
  const model = JSON.parse(result.stdout) as { status: string; runs: { failed: number } };
  assert.equal(model.status, 'done');
  assert.equal(model.runs.failed, 0);
});
