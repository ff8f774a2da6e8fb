/**
 * Solver benchmark: `npm run bench:solver [-- --quick] [-- --json]`.
 *
 * Partition mode (HOA): random pair matrices for n = 8 … 30 tasks and 2 … 6 groups, two
 * families: "uniform" (every relative pair loss drawn from 1 ± 0.1, no structure: the hard
 * case) and "clustered" (tasks in hidden clusters of about four, positive transfer inside,
 * mixed outside: what real objectives tend to look like). Time limit 10 s up to n = 20, 30 s
 * at n = 25, 60 s at n = 30 (--quick: n ≤ 16, 2 s). Targets: n = 20, ≤ 5 groups proven optimal within 10 s;
 * n = 30 within 60 s at a proven gap ≤ 1 %.
 * Overlap mode: Standley-style tables with all 2^n − 1 networks plus half-size singles for
 * n = 7 and 8, budgets 1 … 5 step 0.5; Standley et al.'s exhaustive search takes about 111 s
 * (n = 7) and 33 s (n = 8) per the issue; the target is 1000× faster, proven optimal.
 */
import { mulberry32 } from '../src/random.js';
import { type CandidateNetwork, solveHoaPartition, solveOverlap } from '../src/search/index.js';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const log = (line: string): void => {
  if (!json) console.log(line);
};

type Family = 'uniform' | 'clustered';

export function hoaInstance(n: number, seed: number, family: Family): number[][] {
  const rng = mulberry32(seed * 1009 + n);
  const clusters = Math.max(2, Math.round(n / 4));
  const cluster = Array.from({ length: n }, () => Math.floor(rng() * clusters));
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const transfer = family === 'uniform' ? -0.1 + 0.2 * rng() : cluster[i] === cluster[j] ? 0.1 * rng() : -0.08 + 0.12 * rng();
      return 1 - transfer;
    }),
  );
}

/** All 2^n − 1 full networks (cost 1) and n half-size singles (cost 0.5); losses from a base
 *  loss per task, pairwise transfers averaged over the group, noise and a capacity penalty. */
export function standleyLike(n: number, seed: number): CandidateNetwork[] {
  const rng = mulberry32(seed);
  const base = Array.from({ length: n }, () => 0.05 + rng() * 0.2);
  const transfer = Array.from({ length: n }, () => Array.from({ length: n }, () => (rng() - 0.5) * 0.2));
  const networks: CandidateNetwork[] = base.map((b, t) => ({ cost: 0.5, loss: base.map((_, u) => (u === t ? b * (1 + rng() * 0.06) : null)) }));
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = base.flatMap((_, t) => (mask & (1 << t) ? [t] : []));
    networks.push({
      cost: 1,
      loss: base.map((b, t) => {
        if (!(mask & (1 << t))) return null;
        const others = members.filter((u) => u !== t);
        const gain = others.length ? others.reduce((a, u) => a + transfer[t][u], 0) / others.length : 0;
        return b * (1 - gain + 0.02 * (rng() - 0.5) + 0.005 * others.length);
      }),
    });
  }
  return networks;
}

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

function benchPartition(): PartitionRow[] {
  const sizes = quick ? [8, 10, 12, 16] : [8, 10, 12, 16, 20, 25, 30];
  const rows: PartitionRow[] = [];
  log('partition mode (HOA): family, n, groups, status, objective, proven gap, nodes, ms');
  for (const family of ['clustered', 'uniform'] as Family[]) {
    for (const n of sizes) {
      for (let groups = 2; groups <= 6; groups++) {
        const timeLimitMs = quick ? 2000 : n <= 20 ? 10_000 : n < 30 ? 30_000 : 60_000;
        const r = solveHoaPartition({ pair: hoaInstance(n, 1, family), maxGroups: groups, timeLimitMs });
        const row = { family, n, groups, status: r.status, objective: r.best.objective, gap: r.gap, nodes: r.stats.nodes, ms: Math.round(r.stats.elapsedMs) };
        rows.push(row);
        log(`  ${family.padEnd(9)} n=${String(n).padEnd(2)} groups=${groups}  ${r.status.padEnd(7)}  ${r.best.objective.toFixed(5)}  gap ${(r.gap * 100).toFixed(3).padStart(6)}%  ${String(r.stats.nodes).padStart(9)} nodes  ${String(row.ms).padStart(6)} ms`);
      }
    }
  }
  return rows;
}

function benchOverlap(): OverlapRow[] {
  const rows: OverlapRow[] = [];
  log('overlap mode (Standley-style, all 2^n − 1 networks + half-size singles): n, budget, status, total, nodes, ms');
  for (const n of [7, 8]) {
    const networks = standleyLike(n, n * 100 + 1);
    solveOverlap({ networks, budget: 1 }); // warm the JIT so the first budget is not penalised
    for (let budget = 1; budget <= 5; budget += 0.5) {
      const r = solveOverlap({ networks, budget });
      const row = { n, budget, status: r.status, total: r.best.total, nodes: r.stats.nodes, ms: Math.round(r.stats.elapsedMs * 10) / 10 };
      rows.push(row);
      log(`  n=${n} budget=${budget.toFixed(1)}  ${r.status.padEnd(7)}  ${r.best.total.toFixed(5)}  ${String(r.stats.nodes).padStart(6)} nodes  ${String(row.ms).padStart(6)} ms`);
    }
  }
  return rows;
}

function summary(partition: PartitionRow[], overlap: OverlapRow[]): string[] {
  const lines: string[] = [];
  const n20 = partition.filter((r) => r.n === 20 && r.groups <= 5);
  if (n20.length > 0) {
    const solved = n20.filter((r) => r.status === 'optimal');
    lines.push(`n=20, ≤5 groups: ${solved.length}/${n20.length} proven optimal within 10 s (slowest solved ${Math.max(0, ...solved.map((r) => r.ms))} ms; worst gap left ${(Math.max(...n20.map((r) => r.gap)) * 100).toFixed(3)}%)`);
  }
  const n30 = partition.filter((r) => r.n === 30);
  if (n30.length > 0) lines.push(`n=30: worst proven gap within 60 s ${(Math.max(...n30.map((r) => r.gap)) * 100).toFixed(3)}% (${n30.filter((r) => r.gap <= 0.01).length}/${n30.length} at ≤ 1%)`);
  for (const [n, reference] of [[7, 111_000], [8, 33_000]]) {
    const rows = overlap.filter((r) => r.n === n);
    const worst = Math.max(...rows.map((r) => r.ms));
    lines.push(`overlap n=${n}: ${rows.filter((r) => r.status === 'optimal').length}/${rows.length} budgets proven optimal, slowest ${worst} ms, all budgets ${rows.reduce((a, r) => a + r.ms, 0).toFixed(1)} ms (${Math.round(reference / Math.max(worst, 0.1))}× faster than ${reference / 1000} s)`);
  }
  return lines;
}

const overlap = benchOverlap();
const partition = benchPartition();
const lines = summary(partition, overlap);
if (json) console.log(JSON.stringify({ quick, partition, overlap, summary: lines }));
else {
  console.log('summary:');
  for (const line of lines) console.log(`  ${line}`);
}
