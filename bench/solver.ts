/**
 * Solver benchmark: `npm run bench:solver [-- --quick] [-- --json]`.
 *
 * Partition mode (HOA): random pair matrices for n = 8 … 30 tasks and 2 … 6 groups, two
 * families: "uniform" (every relative pair loss drawn from 1 ± 0.1, no structure: the hard
 * case) and "clustered" (tasks in hidden clusters of about four, positive transfer inside,
 * mixed outside: what real objectives tend to look like). Time limit 10 s up to n = 20, 30 s
 * at n = 25, 60 s at n = 30 (--quick: n ≤ 16, 2 s). Targets: n = 20, ≤ 5 groups proven optimal within 10 s;
 * n = 30 within 60 s at a proven gap ≤ 1 %.
 * Many tasks (anytime search, no time limit: it stops at its own node limit, so every machine
 * gets the same answers): n = 60, 100, 200 (--quick: 60), both families, with 5 groups, n/4
 * groups (about the clustered family's number of clusters) and no limit. Target: n = 200
 * completes, with a proven gap reported.
 * Overlap mode: Standley-style tables with all 2^n − 1 networks plus half-size singles for
 * n = 7 and 8, budgets 1 … 5 step 0.5; Standley et al.'s exhaustive search takes about 111 s
 * (n = 7) and 33 s (n = 8) per the issue; the target is 1000× faster, proven optimal.
 * --smoke: n = 8 with 2 and 3 groups, n = 60 with 5 groups, overlap n = 5 at budgets 1 and 1.5.
 */
import { solveHoaPartition, solveOverlap } from '../src/search/index.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { type Family, hoaInstance, standleyLike } from './solverInstances.js';

const flags = benchFlags('solver', { quick: { type: 'boolean' }, json: { type: 'boolean' } });
const quick = flags.values.quick === true;
const json = flags.values.json === true;
/** The instances each part solves: the full benchmark, --quick, or the smoke run's few. */
const workload: {
  sizes: number[];
  groups: number[];
  limitMs: (n: number) => number;
  many: number[];
  manyGroups?: (n: number) => number[];
} = flags.smoke
  ? { sizes: [8], groups: [2, 3], limitMs: () => 2000, many: [60], manyGroups: () => [5] }
  : quick
    ? { sizes: [8, 10, 12, 16], groups: [2, 3, 4, 5, 6], limitMs: () => 2000, many: [60] }
    : {
        sizes: [8, 10, 12, 16, 20, 25, 30],
        groups: [2, 3, 4, 5, 6],
        limitMs: (n: number) => (n <= 20 ? 10_000 : n < 30 ? 30_000 : 60_000),
        many: [60, 100, 200],
      };
const manyGroups = (n: number): number[] => workload.manyGroups?.(n) ?? [5, Math.round(n / 4), n];
const overlapSizes = flags.smoke ? [5] : [7, 8];
const overlapBudgets = flags.smoke ? [1, 1.5] : [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
/** Standley et al.'s exhaustive search, per task count: the overlap rows' reference. */
const standleySeconds: Record<number, number> = { 7: 111, 8: 33 };
const log = (line: string): void => {
  if (!json) console.log(line);
};

interface PartitionRow {
  family: Family;
  n: number;
  groups: number;
  status: string;
  objective: number;
  gap: number;
  nodes: number;
  ms: number;
}

interface OverlapRow {
  n: number;
  budget: number;
  status: string;
  total: number;
  nodes: number;
  ms: number;
}

function partitionRow(
  family: Family,
  n: number,
  groups: number,
  timeLimitMs?: number,
): PartitionRow {
  const r = solveHoaPartition({ pair: hoaInstance(n, 1, family), budget: groups, timeLimitMs });
  const row = {
    family,
    n,
    groups,
    status: r.status,
    objective: r.best.objective,
    gap: r.gap,
    nodes: r.stats.nodes,
    ms: Math.round(r.stats.elapsedMs),
  };
  log(
    `  ${family.padEnd(9)} n=${String(n).padEnd(3)} groups=${String(groups).padEnd(3)}  ${r.status.padEnd(7)}  ${r.best.objective.toFixed(5)}  gap ${(r.gap * 100).toFixed(3).padStart(6)}%  ${String(r.stats.nodes).padStart(9)} nodes  ${String(row.ms).padStart(6)} ms`,
  );
  return row;
}

function benchPartition(): PartitionRow[] {
  const rows: PartitionRow[] = [];
  log('partition mode (HOA): family, n, groups, status, objective, proven gap, nodes, ms');
  for (const family of ['clustered', 'uniform'] as Family[]) {
    for (const n of workload.sizes) {
      for (const groups of workload.groups)
        rows.push(partitionRow(family, n, groups, workload.limitMs(n)));
    }
  }
  return rows;
}

/** Past 30 tasks: the anytime search, stopped by its own node limit only. */
function benchManyTasks(): PartitionRow[] {
  const rows: PartitionRow[] = [];
  log(
    'partition mode (HOA), many tasks, anytime: family, n, groups, status, objective, proven gap, nodes, ms',
  );
  for (const family of ['clustered', 'uniform'] as Family[]) {
    for (const n of workload.many) {
      for (const groups of manyGroups(n)) rows.push(partitionRow(family, n, groups));
    }
  }
  return rows;
}

function benchOverlap(): OverlapRow[] {
  const rows: OverlapRow[] = [];
  log(
    'overlap mode (Standley-style, all 2^n − 1 networks + half-size singles): n, budget, status, total, nodes, ms',
  );
  for (const n of overlapSizes) {
    const networks = standleyLike(n, n * 100 + 1);
    solveOverlap({ networks, budget: 1 }); // warm the JIT so the first budget is not penalised
    for (const budget of overlapBudgets) {
      const r = solveOverlap({ networks, budget });
      const row = {
        n,
        budget,
        status: r.status,
        total: r.best.total,
        nodes: r.stats.nodes,
        ms: Math.round(r.stats.elapsedMs * 10) / 10,
      };
      rows.push(row);
      log(
        `  n=${n} budget=${budget.toFixed(1)}  ${r.status.padEnd(7)}  ${r.best.total.toFixed(5)}  ${String(r.stats.nodes).padStart(6)} nodes  ${String(row.ms).padStart(6)} ms`,
      );
    }
  }
  return rows;
}

function summary(partition: PartitionRow[], many: PartitionRow[], overlap: OverlapRow[]): string[] {
  const lines: string[] = [];
  const n20 = partition.filter((r) => r.n === 20 && r.groups <= 5);
  if (n20.length > 0) {
    const solved = n20.filter((r) => r.status === 'optimal');
    lines.push(
      `n=20, ≤5 groups: ${solved.length}/${n20.length} proven optimal within 10 s (slowest solved ${Math.max(0, ...solved.map((r) => r.ms))} ms; worst gap left ${(Math.max(...n20.map((r) => r.gap)) * 100).toFixed(3)}%)`,
    );
  }
  const n30 = partition.filter((r) => r.n === 30);
  if (n30.length > 0)
    lines.push(
      `n=30: worst proven gap within 60 s ${(Math.max(...n30.map((r) => r.gap)) * 100).toFixed(3)}% (${n30.filter((r) => r.gap <= 0.01).length}/${n30.length} at ≤ 1%)`,
    );
  for (const n of [...new Set(many.map((r) => r.n))]) {
    const rows = many.filter((r) => r.n === n);
    const optimal = rows.filter((r) => r.status === 'optimal').length;
    lines.push(
      `n=${n}: ${optimal}/${rows.length} proven optimal, worst proven gap ${(Math.max(...rows.map((r) => r.gap)) * 100).toFixed(3)}%, slowest ${Math.max(...rows.map((r) => r.ms))} ms`,
    );
  }
  for (const n of overlapSizes) {
    const rows = overlap.filter((r) => r.n === n);
    const worst = Math.max(...rows.map((r) => r.ms));
    const reference = standleySeconds[n];
    const faster =
      reference === undefined
        ? ''
        : ` (${Math.round((reference * 1000) / Math.max(worst, 0.1))}× faster than ${reference} s)`;
    lines.push(
      `overlap n=${n}: ${rows.filter((r) => r.status === 'optimal').length}/${rows.length} budgets proven optimal, slowest ${worst} ms, all budgets ${rows.reduce((a, r) => a + r.ms, 0).toFixed(1)} ms${faster}`,
    );
  }
  return lines;
}

if (flags.smoke) log(SMOKE_NOTE);
const overlap = benchOverlap();
const partition = benchPartition();
const many = benchManyTasks();
const lines = summary(partition, many, overlap);
if (json)
  console.log(
    JSON.stringify({ quick, smoke: flags.smoke, partition, many, overlap, summary: lines }),
  );
else {
  console.log('summary:');
  for (const line of lines) console.log(`  ${line}`);
}
