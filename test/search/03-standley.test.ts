import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runSolveCli } from './runSolveCli.js';

const dir = new URL('../fixtures/standley2020/', import.meta.url);
const settings = ['results', 'results_large', 'results_small_data', 'results_alt'];
const budgets = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
const SUBSETS = [
  's',
  'd',
  'n',
  'k',
  't',
  'sd',
  'sn',
  'sk',
  'st',
  'dn',
  'dk',
  'dt',
  'nk',
  'nt',
  'kt',
  'sdn',
  'sdk',
  'sdt',
  'snk',
  'snt',
  'skt',
  'dnk',
  'dnt',
  'dkt',
  'nkt',
  'sdnk',
  'sdnt',
  'sdkt',
  'snkt',
  'dnkt',
  'sdnkt',
];

interface Net {
  cost: number;
  loss: (number | null)[];
}

/** Reads a source table as published (tab-separated, README of the fixture folder). */
function readSource(name: string): Net[] {
  const lines = readFileSync(new URL(`${name}.txt`, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cells = (line: string): (number | null)[] =>
    Array.from({ length: 5 }, (_, t) => {
      const c = (line.split('\t')[t] ?? '').trim();
      return c === '' ? null : Number(c);
    });
  const halves = cells(lines[0]);
  return [
    ...halves.map((l, t) => ({ cost: 0.5, loss: halves.map((_, u) => (u === t ? l : null)) })),
    ...lines.slice(1).map((line) => ({ cost: 1, loss: cells(line) })),
  ];
}

/** Standley's HOA: rows of 3+ tasks get, per task, the mean of its pair-network losses. */
function withHoa(nets: Net[]): Net[] {
  const full = nets.slice(5);
  const pairLoss = (t: number, u: number): number => {
    const row = full.find(
      (net) =>
        net.loss.filter((l) => l !== null).length === 2 &&
        net.loss[t] !== null &&
        net.loss[u] !== null,
    );
    return row!.loss[t] as number;
  };
  return nets.map((net) => {
    const members = net.loss.flatMap((l, t) => (l === null ? [] : [t]));
    if (members.length < 3) return net;
    return {
      cost: net.cost,
      loss: net.loss.map((l, t) =>
        l === null
          ? null
          : members.filter((u) => u !== t).reduce((a, u) => a + pairLoss(t, u), 0) /
            (members.length - 1),
      ),
    };
  });
}

/** Least total for each budget by enumerating every set of at most 5 networks. */
function bruteOptima(nets: Net[]): Map<number, number> {
  const best = new Map(budgets.map((b) => [b, Infinity]));
  const served = new Array<number>(5).fill(Infinity);
  const extend = (from: number, cost: number, size: number): void => {
    const total = served.reduce((a, b) => a + b, 0);
    for (const b of budgets) if (cost <= b + 1e-9 && total < best.get(b)!) best.set(b, total);
    if (size === 5) return;
    for (let r = from; r < nets.length; r++) {
      if (cost + nets[r].cost > 5 + 1e-9) continue;
      const saved = [...served];
      nets[r].loss.forEach((l, t) => {
        if (l !== null && l < served[t]) served[t] = l;
      });
      extend(r + 1, cost + nets[r].cost, size + 1);
      saved.forEach((v, t) => (served[t] = v));
    }
  };
  extend(0, 0, 0);
  return best;
}

test('each converted .csv table holds exactly the numbers of its published .txt', () => {
  for (const name of [...settings, ...settings.map((s) => `${s}_test`)]) {
    const nets = readSource(name);
    const csv = readFileSync(new URL(`${name}.csv`, dir), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    assert.equal(csv.length, 36, name);
    csv.forEach((line, r) => {
      const [label, cost, ...cells] = line.split(',');
      assert.equal(Number(cost), nets[r].cost, `${name} row ${r + 2}`);
      assert.deepEqual(
        cells.map((c) => (c === '' ? null : Number(c))),
        nets[r].loss,
        `${name} row ${r + 2}`,
      );
      if (r >= 5)
        assert.equal([...label].length, SUBSETS[r - 5].length, `${name} row ${r + 2} name`);
    });
  }
});

for (const hoa of [false, true]) {
  test(`solve --mode overlap${hoa ? ' --hoa' : ''} prints the brute-force optimum on all four Standley settings, budgets 1 to 5`, async () => {
    for (const name of settings) {
      const source = readSource(name);
      const optima = bruteOptima(hoa ? withHoa(source) : source);
      for (const budget of budgets) {
        const args = [
          '--table',
          new URL(`${name}.csv`, dir).pathname,
          '--mode',
          'overlap',
          '--budget',
          String(budget),
          '--json',
        ];
        const r = await runSolveCli(hoa ? [...args, '--hoa'] : args);
        assert.equal(r.exitCode, 0, r.message);
        const out = JSON.parse(r.stdout);
        const want = optima.get(budget)!;
        assert.ok(
          Math.abs(out.total - want) < 1e-9,
          `${name} budget ${budget}: ${out.total} vs ${want}`,
        );
        assert.equal(out.optimal, true);
        assert.ok(
          out.networks.reduce((a: number, n: { cost: number }) => a + n.cost, 0) <= budget + 1e-9,
        );
      }
    }
  });
}

test("selecting on setting 1 validation and reading results_test gives the paper's published totals", async () => {
  const published = new Map([
    [1, 0.50278],
    [2, 0.45224],
    [3, 0.44235],
    [5, 0.43481],
  ]);
  const testRows = readFileSync(new URL('results_test.csv', dir), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const tasks = ['s', 'd', 'n', 'k', 't'];
  for (const [budget, want] of published) {
    const r = await runSolveCli([
      '--table',
      new URL('results.csv', dir).pathname,
      '--mode',
      'overlap',
      '--budget',
      String(budget),
      '--json',
    ]);
    const out = JSON.parse(r.stdout);
    let total = 0;
    for (const net of out.networks as { name: string; serves: string[] }[]) {
      const row = testRows.find((cells) => cells[0] === net.name)!;
      for (const task of net.serves) total += Number(row[2 + tasks.indexOf(task)]);
    }
    assert.ok(Math.abs(total - want) < 5e-6, `budget ${budget}: ${total} vs published ${want}`);
  }
});
