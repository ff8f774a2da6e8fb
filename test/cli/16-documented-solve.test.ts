import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

/** The table docs/solve.md's example names (`results.csv`). */
const table = 'test/fixtures/standley2020/results.csv';

/** docs/solve.md's example, on the Standley et al. table it names, prints what the page shows. */
test("docs/solve.md's example prints what the page shows (its time aside)", async () => {
  const page = readFileSync('docs/solve.md', 'utf8');
  const [, command, shown] = /^\$ taskgroup (solve .*)\n([\s\S]*?)^```$/m.exec(page)!;
  const args = command.split(' ').map((a) => (a === 'results.csv' ? table : a));
  const out = await runCli(args);
  assert.equal(out.code, 0, out.stderr);
  const time = /[\d.]+ ms$/m;
  assert.equal(out.stdout.replace(time, 'TIME'), shown.replace(time, 'TIME'));
});
