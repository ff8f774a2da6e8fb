/**
 * bench:quality's table: one row per case, method and budget, and the closing line against the
 * targets (bench/quality.ts says what each figure is).
 */
import type { ReportModel } from '../src/report/model.js';
import type { FreshComparison } from './freshSeeds.js';
import { gateCells, GATE_HEADER } from './gateRows.js';

export interface Row {
  case: string;
  method: string;
  budget: number | null;
  regretPct: number;
  /** The regret's seed noise on the truth's own seeds (paired), in %. */
  regretStderrPct: number;
  /** Both groupings measured again on fresh seeds, when the regret is not 0. */
  fresh: FreshComparison | null;
  rank: number;
  of: number;
  runsUsed: number;
  exhaustiveRuns: number;
  objective: number;
  optimum: number;
  allTogether: number;
  allTogetherStderr: number;
  allSeparate: number;
  certificate: string;
  seconds: number;
}

const HEADER =
  'case         method budget          regret   fresh seeds: regret   rank          runs used        all-in-one       all-separate  chosen   optimum  rests on';

const pad = (s: string, w: number) => s.padStart(w);
const pct = (value: number, stderr: number) =>
  `${(100 * value).toFixed(2)} ± ${(100 * stderr).toFixed(2)} %`;

function cells(r: Row): string {
  return [
    r.case.padEnd(12),
    r.method.padEnd(6),
    pad(r.budget === null ? 'none' : String(r.budget), 6),
    pad(pct(r.regretPct / 100, r.regretStderrPct / 100), 15),
    pad(r.fresh ? `${pct(r.fresh.regret, r.fresh.regretStderr)} (${r.fresh.seeds})` : '—', 21),
    pad(`${r.rank} of ${r.of}`, 12),
    pad(
      `${r.runsUsed}/${r.exhaustiveRuns} (${((100 * r.runsUsed) / r.exhaustiveRuns).toFixed(0)} %)`,
      17,
    ),
    pad(`${r.allTogether.toFixed(4)} ± ${r.allTogetherStderr.toFixed(4)}`, 16),
    pad(r.allSeparate.toFixed(4), 11),
    pad(r.objective.toFixed(4), 8),
    pad(r.optimum.toFixed(4), 8),
    ` ${r.certificate}`,
  ].join(' ');
}

/** The table, the group-or-gate rows and the closing line. */
export function printQuality(o: {
  rows: Row[];
  methods: string[];
  cases: string[];
  gates: { case: string; model: ReportModel }[];
  architecture: string;
  db: string;
}): void {
  const { rows, methods } = o;
  console.log(`networks: ${o.architecture}`);
  console.log(HEADER);
  for (const r of rows) console.log(cells(r));
  const worst = methods
    .filter((m) => rows.some((r) => r.method === m))
    .map(
      (m) =>
        `${m} ${Math.max(...rows.filter((r) => r.method === m).map((r) => r.regretPct)).toFixed(2)} %`,
    )
    .join(', ');
  // All-separate needs one network per task: it only competes without a budget (or a large one).
  const beaten = rows.filter(
    (r) =>
      r.objective > r.allTogether + 1e-12 ||
      (r.budget === null && r.objective > r.allSeparate + 1e-12),
  ).length;
  const noBudgetWorse = o.cases.flatMap((c) =>
    methods.filter((m) => {
      const mine = rows.filter((r) => r.case === c && r.method === m);
      const none = mine.find((r) => r.budget === null);
      return none && mine.some((r) => r.budget !== null && none.objective > r.objective + 1e-12);
    }),
  ).length;
  // A regret the fresh seeds do not confirm: within one standard error of 0 there.
  const unconfirmed = rows.filter(
    (r) => r.fresh && r.fresh.regret <= r.fresh.regretStderr && r.regretPct > 0.3,
  ).length;
  if (o.gates.some((g) => g.model.baselines.mmoe)) {
    console.log('\ngroup or gate (searches without a budget):');
    console.log(GATE_HEADER);
    for (const g of o.gates) console.log(gateCells(g.case, g.model));
  }
  console.log(
    `\nworst regret ${worst}; over 0.3 % but within one standard error of 0 on fresh seeds: ${unconfirmed}; ` +
      `worse than measured all-in-one or all-separate: ${beaten} of ${rows.length}; ` +
      `no-budget worse than a budgeted answer: ${noBudgetWorse} of ${o.cases.length * methods.length} searches; database ${o.db}`,
  );
}
