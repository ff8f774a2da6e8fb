import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { benches, runBench } from '../helpers/bench.js';

// A benchmark that ignores a misspelt flag measures something other than what was asked, and
// says nothing: each one refuses it, and a bad value, in one line on stderr, with exit 2,
// before it measures anything.

/** `bench:lookahead` → `lookahead`: the name a benchmark's messages start with. */
const nameOf = (bench: string) => bench.slice('bench:'.length);

describe('every benchmark refuses a flag it does not know', { concurrency: 2 }, () => {
  for (const bench of benches) {
    test(`${bench} -- --smoek`, async () => {
      const run = await runBench(bench, ['--smoek']);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(
        run.stderr,
        /^bench:\S+: unknown flag --smoek \(known: [^\n]*--smoke[^\n]*\)\n$/,
      );
      assert.ok(run.stderr.startsWith(`bench:${nameOf(bench)}:`), run.stderr);
    });
  }
});

/** A bad value for each kind of check, with the line that must name it. */
const badValues: [string, string[], RegExp][] = [
  ['bench:kernels', ['--rounds', 'many'], /--rounds must be an integer ≥ 1 \(got "many"\)/],
  ['bench:train', ['--seconds', '0'], /--seconds must be a positive number \(got "0"\)/],
  [
    'bench:train',
    ['--architecture', 'ple'],
    /--architecture must be shared-bottom or mmoe \(got "ple"\)/,
  ],
  ['bench:lookahead', ['--part', 'cost,cots'], /--part: "cots" is not one of cost, scale, every/],
  [
    'bench:quality',
    ['--case', 'recsis'],
    /--case: "recsis" is not one of recsys, yeast, nmes1988, yeast12, planted12, recsys-aux, shop-aux, shop-aux-mb, yeast-aux, nmes-aux/,
  ],
  ['bench:quality', ['--method', 'tags'], /--method: "tags" is not one of pairs, tag/],
  ['bench:search', ['--min-steps=-1'], /--min-steps must be an integer ≥ 0 \(got "-1"\)/],
  ['bench:scale', ['--tasks', '20,x'], /--tasks must list integers ≥ 2, comma-separated/],
  ['bench:kills', ['--signal', 'SIGHUP'], /--signal: "SIGHUP" is not one of SIGKILL, SIGTERM/],
  ['bench:solver', ['quick'], /unexpected argument "quick"/],
];

describe('benchmarks refuse a bad value in one line naming the flag', { concurrency: 2 }, () => {
  for (const [bench, flags, message] of badValues) {
    test(`${bench} -- ${flags.join(' ')}`, async () => {
      const run = await runBench(bench, flags);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.split('\n').length, 2, `one line: ${run.stderr}`);
      assert.match(run.stderr, message);
    });
  }
});
