import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runSolve } from '../../src/pipeline/solveTable.js';
import { InterruptedError } from '../../src/errors.js';
import { plantedHoa } from './randomInstances.js';
import { runSolveCli } from './runSolveCli.js';

const work = mkdtempSync(join(tmpdir(), 'taskgroup-solve-'));
let count = 0;
function table(text: string): string {
  const file = join(work, `t${count++}.csv`);
  writeFileSync(file, text);
  return file;
}

const GOOD =
  'name,cost,a,b,c\na_half,0.5,0.5,,\na,1,0.4,,\nb,1,,0.6,\nc,1,,,0.9\nab,1,0.35,0.55,\nbc,1,,0.5,0.95\nac,1,0.45,,0.7\nabc,1,0.38,0.58,0.8\n';

const badTables: [string, string, RegExp][] = [
  ['no cost column', 'name,a,b\nx,1,2\n', /row 1: no "cost" column/],
  [
    'a negative loss',
    'cost,a,b\n1,0.5,\n1,,-0.2\n',
    /row 3, column "b": loss "-0.2" is not a number ≥ 0/,
  ],
  [
    'a non-numeric loss',
    'cost,a,b\n1,0.5,abc\n',
    /row 2, column "b": loss "abc" is not a number ≥ 0/,
  ],
  ['a non-numeric cost', 'cost,a\nfree,0.5\n', /row 2, column "cost": "free" is not a number ≥ 0/],
  ['a task no network covers', 'cost,a,b\n1,0.5,\n', /column "b": no network contains this task/],
  [
    'duplicate task columns',
    'cost,a,b,a\n1,0.5,0.5,0.5\n',
    /row 1: column "a" appears twice \(columns 2 and 4\)/,
  ],
  ['a ragged row', 'cost,a,b\n1,0.5,0.5\n1,0.5\n', /row 3: 2 cells, the header has 3/],
  ['a row with no task', 'cost,a\n1,0.5\n1,\n', /row 3: the network holds no task/],
  ['no rows', 'cost,a\n', /no network rows/],
];

for (const [what, text, message] of badTables) {
  test(`a table with ${what} is a usage error (exit 2) naming the row and column`, async () => {
    const file = table(text);
    const r = await runSolveCli(['--table', file, '--json']);
    assert.equal(r.exitCode, 2);
    assert.match(r.message, message);
    assert.ok(r.message.startsWith(file), 'the message names the file');
    assert.equal(r.stdout, '');
  });
}

test('a task that no affordable network can serve is a usage error', async () => {
  const file = table('cost,a,b\n0.5,0.4,\n2,,0.6\n');
  const r = await runSolveCli(['--table', file, '--mode', 'overlap', '--budget', '1']);
  assert.equal(r.exitCode, 2);
  assert.match(r.message, /column "b": no network within --budget 1 contains this task/);
  const none = await runSolveCli(['--table', file, '--mode', 'overlap', '--budget', '2']);
  assert.equal(none.exitCode, 2);
  assert.match(none.message, /no choice of networks within --budget 2 serves every task/);
});

test('bad flags are usage errors naming the flag', async () => {
  const file = table(GOOD);
  const cases: [string[], RegExp][] = [
    [['--mode', 'both'], /--mode must be one of partition, overlap \(got "both"\)/],
    [['--budget', 'lots'], /--budget must be a number ≥ 0 \(got "lots"\)/],
    [['--budget', '1.5'], /--budget must be a whole number of networks in partition mode/],
    [['--top', '0'], /--top must be a whole number ≥ 1/],
    [['--weights', '1,2'], /--weights must list 3 numbers/],
    [['--weights', 'z=2'], /--weights: "z" is not a task of the table/],
    [['--weights', 'a=-1'], /--weights: weight of "a" must be a number ≥ 0/],
    [['--time-limit', 'soon'], /--time-limit must be a number ≥ 0/],
  ];
  for (const [args, message] of cases) {
    const r = await runSolveCli(['--table', file, ...args]);
    assert.equal(r.exitCode, 2, args.join(' '));
    assert.match(r.message, message);
  }
  const missing = await runSolveCli(['--table', join(work, 'nope.csv')]);
  assert.equal(missing.exitCode, 2);
  assert.match(missing.message, /nope\.csv: cannot read the table \(ENOENT\)/);
});

test('#19 a loss table with an unclosed quote names the row where it opened', async () => {
  const rows = ['name,cost,a,b', 'x,1,0.5,', 'y,1,,0.4', '"z,1,0.3,0.3', 'w,1,0.2,0.2', 'v,1,0.1,'];
  const r = await runSolveCli(['--table', table(rows.join('\n') + '\n')]);
  assert.equal(r.exitCode, 2);
  assert.match(
    r.message,
    /, row 4: not a readable CSV table \(a quote opened on this line is never closed\)$/,
  );
});

test('solve --json prints one document with the contract fields', async () => {
  const r = await runSolveCli([
    '--table',
    table(GOOD),
    '--mode',
    'overlap',
    '--budget',
    '2',
    '--top',
    '3',
    '--json',
  ]);
  assert.equal(r.exitCode, 0, r.message);
  const out = JSON.parse(r.stdout);
  for (const key of [
    'mode',
    'budget',
    'total',
    'optimal',
    'gap',
    'networks',
    'alternatives',
    'nodes',
    'elapsedMs',
  ])
    assert.ok(key in out, key);
  assert.equal(out.mode, 'overlap');
  assert.equal(out.budget, 2);
  assert.equal(out.optimal, true);
  assert.equal(out.gap, 0);
  // ab (a 0.35, b 0.55) + ac (c 0.7): 1.6 beats every other pair of networks.
  assert.ok(Math.abs(out.total - 1.6) < 1e-12, `total ${out.total}`);
  assert.deepEqual(
    out.networks.map((n: { name: string }) => n.name),
    ['ab', 'ac'],
  );
  assert.deepEqual(out.networks[0], { name: 'ab', tasks: ['a', 'b'], cost: 1, serves: ['a', 'b'] });
  assert.equal(out.alternatives.length, 2);
  assert.ok(out.alternatives[0].total >= out.total);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'exactly one JSON document');
});

test('partition mode uses disjoint networks and --budget as the most networks; --weights weigh the total', async () => {
  const file = table(GOOD);
  const two = JSON.parse((await runSolveCli(['--table', file, '--budget', '2', '--json'])).stdout);
  assert.equal(two.mode, 'partition');
  assert.ok(two.networks.length <= 2);
  assert.deepEqual(two.networks.flatMap((n: { tasks: string[] }) => n.tasks).sort(), [
    'a',
    'b',
    'c',
  ]);
  // a + bc = 1.85, a_half + bc = 1.95, ab + c = 1.8, ac + b = 1.75, abc = 1.76.
  assert.ok(Math.abs(two.total - 1.75) < 1e-12, `total ${two.total}`);
  const weighted = JSON.parse(
    (await runSolveCli(['--table', file, '--budget', '2', '--weights', 'c=0', '--json'])).stdout,
  );
  // With c weightless: ab + c = 0.35 + 0.55 = 0.9 is best.
  assert.ok(Math.abs(weighted.total - 0.9) < 1e-12, `total ${weighted.total}`);
  const hoa = JSON.parse(
    (await runSolveCli(['--table', file, '--budget', '1', '--hoa', '--json'])).stdout,
  );
  // One group of all three, HOA from pairs: a (0.35+0.45)/2, b (0.55+0.5)/2, c (0.95+0.7)/2.
  assert.ok(Math.abs(hoa.total - (0.4 + 0.525 + 0.825)) < 1e-12, `total ${hoa.total}`);
});

test('the human output is a short table naming the networks and what they serve', async () => {
  const r = await runSolveCli([
    '--table',
    table(GOOD),
    '--mode',
    'overlap',
    '--budget',
    '2',
    '--top',
    '2',
  ]);
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^overlap mode, budget 2: total 1\.6 \(optimal\)\n/);
  assert.match(r.stdout, /network\s+cost\s+tasks\s+serves/);
  assert.match(r.stdout, /\n {2}ab\s+1\s+a,b\s+a,b\n/);
  assert.match(r.stdout, /alternatives:\n {2}2\. total /);
});

test('the same table and flags print the same JSON apart from timings', async () => {
  const file = table(GOOD);
  const strip = (s: string): string => s.replace(/"elapsedMs":[0-9.]+/, '');
  const args = ['--table', file, '--mode', 'overlap', '--budget', '3', '--top', '4', '--json'];
  assert.equal(strip((await runSolveCli(args)).stdout), strip((await runSolveCli(args)).stdout));
});

test('a solve stopped before it found any answer is an interruption (exit 130), not a verdict', () => {
  // 15 tasks, every pair a row, t14 alone only at loss 100: pairing t0 with its cheap partner
  // t14 first leaves 13 tasks no pairs can cover, which takes far more than 256 nodes to learn.
  const tasks = Array.from({ length: 15 }, (_, t) => `t${t}`);
  const row = (members: number[], loss: number) =>
    ['1', ...tasks.map((_, v) => (members.includes(v) ? String(loss) : ''))].join(',');
  const rows = [row([14], 100)];
  for (let t = 0; t < 15; t++)
    for (let u = t + 1; u < 15; u++) rows.push(row([t, u], u === 14 ? 0.01 : 0.5));
  const file = table(`cost,${tasks.join(',')}\n${rows.join('\n')}\n`);
  assert.throws(
    () => runSolve({ table: file, mode: 'partition' }, () => true),
    (err: unknown) => {
      assert.ok(err instanceof InterruptedError);
      assert.equal(err.exitCode, 130);
      assert.equal(err.message, `${file}: interrupted before any answer was found`);
      return true;
    },
  );
  const done = runSolve({ table: file, mode: 'partition' });
  assert.equal(done.status, 'optimal');
  assert.ok(Math.abs(done.total - 107) < 1e-9, `total ${done.total}`);
});

/** A table of the singles (loss 1) and pairs of a planted-cluster problem on n tasks. */
function plantedTable(n: number, clusters: number): { file: string; planted: string[][] } {
  const { pair, planted } = plantedHoa(n, clusters, 5);
  const names = pair.map((_, t) => `t${t}`);
  const rows = names.map((_, t) => names.map((__, u) => (u === t ? '1' : '')).join(','));
  for (let t = 0; t < n; t++) {
    for (let u = t + 1; u < n; u++)
      rows.push(names.map((_, x) => (x === t ? pair[t][u] : x === u ? pair[u][t] : '')).join(','));
  }
  const file = table(`${names.join(',')},cost\n${rows.map((r) => `${r},1`).join('\n')}\n`);
  return { file, planted: planted.map((g) => g.map((t) => names[t])) };
}

test('solve --hoa in partition mode takes more than 30 tasks: 48 tasks in 8 planted clusters come back as the clusters, with a proven gap', async () => {
  const { file, planted } = plantedTable(48, 8);
  const r = await runSolveCli(['--table', file, '--hoa', '--budget', '8', '--json']);
  assert.equal(r.exitCode, 0, r.message);
  const out = JSON.parse(r.stdout);
  const groups = out.networks.map((net: { tasks: string[] }) => net.tasks);
  assert.deepEqual(
    groups.map((g: string[]) => g.join(',')).sort(),
    planted.map((g) => g.join(',')).sort(),
  );
  assert.ok(out.gap >= 0 && out.gap < 0.05, `gap ${out.gap}`);
  assert.ok(out.bound <= out.total + 1e-9);
  assert.equal(out.optimal, out.status === 'optimal');
  // Without --hoa the table solver keeps its own limit.
  const plain = await runSolveCli(['--table', file, '--budget', '8']);
  assert.equal(plain.exitCode, 2);
  assert.match(plain.message, /at most 30 tasks \(got 48\)/);
});

test('solve --hoa refuses a table of more than 200 tasks before solving, naming the limit', async () => {
  const names = Array.from({ length: 201 }, (_, t) => `t${t}`);
  const file = table(`cost,${names.join(',')}\n1,${names.map(() => '0.5').join(',')}\n`);
  const r = await runSolveCli(['--table', file, '--hoa']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.message, '--hoa in partition mode supports at most 200 tasks (the table has 201)');
});
