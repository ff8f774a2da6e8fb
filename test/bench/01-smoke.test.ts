import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SMOKE_NOTE } from '../../bench/flags.js';
import { torchMissing } from '../../bench/torchReference.js';
import { benches, runBench } from '../helpers/bench.js';
import type { CliResult } from '../helpers/cli.js';
import { redisServerMissing } from '../helpers/redisServer.js';

// Every `npm run bench:*` runs its smoke mode as a child process, as `npm run` would start it:
// it must finish (exit 0) and print its table, a header and at least one row. Never a speed:
// smoke figures mean nothing. A benchmark that crashes, or stops printing its table, fails here
// instead of rotting unseen until someone needs its figures.

interface Table {
  /** A line of the table's header, and one of its rows. */
  header: RegExp;
  row: RegExp;
  skip?: string | false;
}

/** What each benchmark's smoke run must print. */
const tables: Record<string, Table> = {
  'bench:train': {
    header: /^impl +tasks +workers +samples\/s +vs torch +cpu samples\/s/m,
    row: /^wasm-kernels-pool +2 +1 +[\d,]+ /m,
  },
  'bench:solver': {
    header: /^partition mode \(HOA\): family, n, groups, status, objective/m,
    row: /^ +clustered +n=8 +groups=2 +(optimal|limit) /m,
  },
  'bench:kills': {
    header: /^ kill +phase +after +D +done +new +in flight +exit +exit ms +integrity$/m,
    row: /^verdict: OK — nothing lost$/m,
  },
  'bench:kernels': {
    header: /^ +kernels\.wasm/m,
    row: /^forward, bottom layer 1 +1024×64×128 +[\d.]+/m,
  },
  'bench:load': {
    header: /^ +seconds +peak MB +start MB$/m,
    row: /^loadDataset +[\d.]+ +\d+ +\d+$/m,
  },
  'bench:quality': {
    header: /^case +method budget +regret +fresh seeds: regret +rank/m,
    row: /^recsys +pairs +3 +[\d.]+ ± [\d.]+ % +[-\d.]+ ± [\d.]+ % \(2\) [\s\S]*^recsys-aux +pairs +none +[\d.]+ ± [\d.]+ % /m,
  },
  'bench:aux-estimate': {
    header: /^search +estimate +size +errors +bias +rms/m,
    row: /^\w+ \(2 main, 2 aux\) +HOA over every member \(used\) +3 +\d+ +-?[\d.]+/m,
  },
  'bench:distributed': {
    header: /^config +worker processes +runs +seconds/m,
    row: /^queue 2 +2 +\d+ +[\d.]+/m,
    skip: redisServerMissing,
  },
  'bench:lookahead': {
    header: /^kernels +tasks +every +lookaheads +plain s/m,
    row: /^case +tasks +seed vs seed[^\n]*\nplanted +8 /m,
  },
  'bench:scale': {
    header: /^bench:scale: planted clusters/m,
    row: /^ +9 tasks \(\d+ clusters\) +tag +\(tag\) +\d+ runs/m,
  },
  'bench:startup': {
    header: /^\| command \| median \| fastest \| × plain node \| target \|$/m,
    row: /^\| taskgroup search \(quickstart, all cached\) \| [\d.]+ s \|/m,
  },
  'bench:movielens': {
    header: /^case +networks +chosen +all-in-one +MMoE +MMoE − chosen +verdict$/m,
    row: /^--embed ids +\d+ +[\d.]+ ± [\d.]+\*? +[\d.]+ ± [\d.]+ +[\d.]+ ± [\d.]+ /m,
  },
  'bench:search': {
    header: /^\| impl \| runs \| steps a run \| wall time \|/m,
    row: /^\| taskgroup search \| \d+ \| 2 \| [\d.]+ s \|/m,
  },
};

/**
 * The PyTorch rows of the benchmarks that have a reference, checked in the same smoke run (given
 * --torch where python3 imports torch; skipped, saying why, where it does not, as in CI).
 */
const torchRows: Record<string, RegExp> = {
  'bench:train': /^(native|wasm)-kernels-search-together \(6 nets\) +3 +1 +[\d,]+ +[\d.]+× /m,
  'bench:search':
    /^optimiser steps a run, as each side reports them: taskgroup search: 2; PyTorch pytorch_search\.py: 2 \(the same work on both sides\)\n(.*\n)*\| PyTorch pytorch_search\.py \| 6 \| 2 \| [\d.]+ s \| 1\.00 \|/m,
};
const noTorch = torchMissing();

function assertTable(bench: string, run: CliResult, table: Table): void {
  assert.equal(run.code, 0, `${bench} --smoke exited ${run.code}:\n${run.stderr}\n${run.stdout}`);
  assert.ok(run.stdout.includes(SMOKE_NOTE), `${bench} says it is a smoke run:\n${run.stdout}`);
  assert.match(run.stdout, table.header, `${bench} prints its table's header`);
  assert.match(run.stdout, table.row, `${bench} prints a row of its table`);
}

const runs = new Map<string, Promise<CliResult>>();
/** The smoke run of `bench` (with --torch when it has a PyTorch reference and torch imports), started once. */
function smokeRun(bench: string): Promise<CliResult> {
  const torch = bench in torchRows && !noTorch ? ['--torch'] : [];
  if (!runs.has(bench)) runs.set(bench, runBench(bench, ['--smoke', ...torch]));
  return runs.get(bench)!;
}

test('every bench:* script has a smoke run here', () => {
  assert.deepEqual(benches.sort(), Object.keys(tables).sort());
});

// Two at a time: the smoke runs measure nothing, so sharing the cores changes no verdict.
describe(
  'each benchmark runs its smoke mode to the end and prints its table',
  { concurrency: 2 },
  () => {
    for (const bench of benches) {
      const table = tables[bench];
      test(`${bench} -- --smoke`, { skip: table?.skip }, async () => {
        assertTable(bench, await smokeRun(bench), table);
      });
    }
    test('bench:load -- --smoke --parquet loads the same table from Parquet, beside hyparquet alone', async () => {
      const run = await runBench('bench:load', ['--smoke', '--parquet']);
      assertTable('bench:load --parquet', run, tables['bench:load']);
      assert.match(run.stdout, /^parquet: 20,000 rows × 30 columns/m);
      assert.match(run.stdout, /^hyparquet alone \(reference\) +[\d.]+ +\d+ +\d+$/m);
    });
    for (const [bench, row] of Object.entries(torchRows)) {
      test(
        `${bench} -- --smoke --torch prints its rows beside PyTorch`,
        { skip: noTorch },
        async () => {
          const run = await smokeRun(bench);
          assert.equal(run.code, 0, run.stderr);
          assert.match(run.stdout, row);
        },
      );
    }
  },
);

test('bench:train -- --smoke --architecture mmoe prints its MMoE rows, beside PyTorch where it imports', async () => {
  const torch = noTorch ? [] : ['--torch'];
  const run = await runBench('bench:train', ['--smoke', '--architecture', 'mmoe', ...torch]);
  assertTable('bench:train --architecture mmoe', run, {
    header: /^impl +tasks +experts +samples\/s +vs torch +cpu samples\/s/m,
    row: /^wasm-kernels-mmoe +2 +4 +[\d,]+ /m,
  });
  if (!noTorch) assert.match(run.stdout, /^wasm-kernels-mmoe +2 +4 +[\d,]+ +[\d.]+× /m);
});
