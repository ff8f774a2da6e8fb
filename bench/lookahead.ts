/**
 * bench:lookahead — what the lookahead affinity (src/proxy/lookahead.ts) costs, and how often it
 * must look ahead.
 *
 *   npm run bench:lookahead [-- --json] [-- --part cost,scale,every] [-- --kernels native,wasm]
 *
 * Every run is the product's default proxy run (docs/proxy-training.md, "Proxy settings": batch 256, 20,000 rows,
 * 4 epochs, at least 200 steps, learning rate 0.003) of the reference model (64 features, bottom
 * 128-64, towers of 32) over all tasks, on synthetic data of 50,000 rows (40,000 training,
 * 10,000 validation: bench/referenceData.ts). Times are process CPU time unless said.
 *
 * - cost: n = 8, 20, 60 tasks, a lookahead every 1, 5, 10 and 20 steps: the run's CPU time
 *   against the same run without lookahead, the cost of one lookahead (the difference ÷ the
 *   lookahead steps) in ms and in plain steps, and where it goes (per-task gradient and SGD
 *   step; forward passes; task losses).
 * - scale: n = 20, 60, 200 at the default interval: one lookahead run in wall and CPU time,
 *   against the plain run and against an estimate of the singles and pairs that transfer
 *   scores need (n runs of one task and n(n−1)/2 of two, each timed once).
 * - every: how the affinity ranks the pairs when it looks ahead every 5, 10 and 20 steps against
 *   every step (Spearman over the off-diagonal entries), on the bundled examples and a planted
 *   table, three seeds; next to it, how one seed ranks them against another, every step: the
 *   noise a search averages over seeds anyway.
 *
 * --smoke: each part on one build, runs of 16 steps: 4 tasks (cost), 4 and 8 (scale), the
 * planted table with lookaheads every 1 and 5 steps over 2 seeds (every).
 */
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { plantedDataset, referenceDataset } from './referenceData.js';
import {
  affinityOf,
  lookaheadCost,
  lookaheadWorkload,
  offDiagonalSpearman,
  plainRun,
  type Kernels,
} from './lookaheadMeasures.js';
import { loadDataset } from '../src/data/index.js';
import type { EncodedDataset } from '../src/data/types.js';
import { nativeKernelsStatus } from '../src/proxy/kernels/nativeKernels.js';
import { lookaheadEveryDefault } from '../src/proxy/lookahead.js';

const flags = benchFlags('lookahead', {
  json: { type: 'boolean' },
  part: { type: 'string' },
  kernels: { type: 'string' },
});
const args = flags.values;
const parts = flags.choices('part', ['cost', 'scale', 'every']) ?? ['cost', 'scale', 'every'];
const native = nativeKernelsStatus();
const builds: Kernels[] =
  flags.choices('kernels', ['native', 'wasm']) ??
  (native.available ? (flags.smoke ? ['native'] : ['native', 'wasm']) : ['wasm']);
if (builds.includes('native') && !native.available)
  flags.fail(`--kernels native: the native kernels are ${native.reason}`);
const workload = lookaheadWorkload(flags.smoke);
const print = (table: (string | number)[][]) => {
  const cells = table.map((row) => row.map(String));
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  for (const row of cells)
    process.stdout.write(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  ') + '\n',
    );
};
const emit = (part: string, record: object) => {
  if (args.json) process.stdout.write(JSON.stringify({ part, ...record }) + '\n');
};
const s = (ms: number) => (ms / 1000).toFixed(2);
const SEEDS = workload.seeds;
const most = (counts: number[]) => Math.max(...counts);

if (flags.smoke && !args.json) process.stdout.write(`${SMOKE_NOTE}\n`);
const dataOf = (tasks: number) =>
  referenceDataset({
    trainRows: workload.trainRows,
    valRows: workload.valRows,
    dim: 64,
    tasks,
    seed: 1,
  });

if (parts.includes('cost')) {
  const ds = dataOf(most(workload.costTasks));
  await plainRun(ds, workload.costTasks[0], builds[0], workload.settings); // warm-up
  const table: (string | number)[][] = [
    [
      'kernels',
      'tasks',
      'every',
      'lookaheads',
      'plain s',
      'lookahead s',
      'overhead',
      'ms/lookahead',
      'plain steps',
      'gradient',
      'forward',
      'losses',
    ],
  ];
  for (const kernels of builds) {
    for (const n of workload.costTasks) {
      const plain = await plainRun(ds, n, kernels, workload.settings);
      for (const every of workload.intervals) {
        const c = lookaheadCost(ds, n, every, kernels, plain, workload.settings);
        emit('cost', c);
        const total = c.profile.gradientMs + c.profile.forwardMs + c.profile.lossMs;
        const share = (ms: number) => `${Math.round((100 * ms) / total)} %`;
        table.push([
          kernels,
          n,
          every,
          c.lookaheadSteps,
          s(c.plainMs),
          s(c.lookaheadMs),
          `${(c.lookaheadMs / c.plainMs).toFixed(2)}×`,
          c.perLookaheadMs.toFixed(1),
          c.perLookaheadSteps.toFixed(1),
          share(c.profile.gradientMs),
          share(c.profile.forwardMs),
          share(c.profile.lossMs),
        ]);
      }
    }
  }
  if (!args.json) print(table);
}

if (parts.includes('scale')) {
  const ds = dataOf(most(workload.scaleTasks));
  const table: (string | number)[][] = [
    [
      'kernels',
      'tasks',
      'plain s (cpu)',
      'lookahead s (wall)',
      'lookahead s (cpu)',
      'overhead',
      'singles+pairs s (cpu, estimated)',
      'singles+pairs ÷ lookahead',
    ],
  ];
  for (const kernels of builds) {
    const single = await plainRun(ds, 1, kernels, workload.settings);
    const pair = await plainRun(ds, 2, kernels, workload.settings);
    for (const n of workload.scaleTasks) {
      const plain = await plainRun(ds, n, kernels, workload.settings);
      const c = lookaheadCost(ds, n, lookaheadEveryDefault, kernels, plain, workload.settings);
      const pairsMs = n * single.cpuMs + ((n * (n - 1)) / 2) * pair.cpuMs;
      emit('scale', {
        ...c,
        singleMs: single.cpuMs,
        pairMs: pair.cpuMs,
        singlesAndPairsMs: pairsMs,
      });
      table.push([
        kernels,
        n,
        s(plain.cpuMs),
        s(c.wallMs),
        s(c.lookaheadMs),
        `${(c.lookaheadMs / plain.cpuMs).toFixed(2)}×`,
        s(pairsMs),
        `${(pairsMs / c.lookaheadMs).toFixed(0)}×`,
      ]);
    }
  }
  if (!args.json) print(table);
}

if (parts.includes('every')) {
  const intervals = workload.intervals;
  const table: (string | number)[][] = [
    [
      'case',
      'tasks',
      'seed vs seed',
      ...intervals.slice(1).flatMap((e) => [`${e} vs 1`, `${e} vs 1 (mean)`]),
      ...intervals.map((e) => `clusters, ${e}`),
    ],
  ];
  for (const { name, ds, clusters } of await everyCases()) {
    const n = ds.tasks.length;
    const bySeed = intervals.map((every) =>
      SEEDS.map((seed) => affinityOf(ds, every, seed, workload.settings)),
    );
    const means = bySeed.map(seedMean);
    const vsEvery1 = (k: number) =>
      average(SEEDS.map((_, i) => offDiagonalSpearman(bySeed[k][i], bySeed[0][i], n)));
    const seedVsSeed = average(
      SEEDS.map((_, i) => offDiagonalSpearman(bySeed[0][i], bySeed[0][(i + 1) % SEEDS.length], n)),
    );
    const recovered = means.map((m) => (clusters ? clusterAuc(m, clusters) : undefined));
    const record = {
      case: name,
      tasks: n,
      seedVsSeed,
      bySeed: intervals.slice(1).map((_, k) => vsEvery1(k + 1)),
      ofMeans: intervals.slice(1).map((_, k) => offDiagonalSpearman(means[k + 1], means[0], n)),
      clusterAuc: recovered,
    };
    emit('every', { intervals, ...record });
    table.push([
      name,
      n,
      seedVsSeed.toFixed(2),
      ...record.bySeed.flatMap((r, k) => [r.toFixed(2), record.ofMeans[k].toFixed(2)]),
      ...recovered.map((a) => (a === undefined ? '' : a.toFixed(2))),
    ]);
  }
  if (!args.json) {
    process.stdout.write(
      '\nSpearman rank correlation of the off-diagonal affinities against a lookahead every step: per seed ' +
        `(mean over seeds ${SEEDS.join(', ')}) and of the ${SEEDS.length}-seed means; "seed vs seed": one seed against the next, every step.\n` +
        `"clusters, k": of the ${SEEDS.length}-seed means at every k steps, the chance that a pair inside a planted cluster has a higher ` +
        'affinity than a pair across clusters (1 = the clusters stand apart).\n',
    );
    print(table);
  }
}

async function everyCases(): Promise<{ name: string; ds: EncodedDataset; clusters?: number[] }[]> {
  const recsys = ['click', 'like', 'share', 'watch_time', 'finish', 'purchase', 'revenue'];
  const yeast = ['label1', 'label2', 'label3', 'label4', 'label5', 'label6', 'label12', 'label13'];
  const nmes = [
    'visits_log1p',
    'nvisits_log1p',
    'ovisits_log1p',
    'novisits_log1p',
    'emergency_any',
    'hospital_any',
  ];
  const load = (file: string, tasks: string[]) =>
    loadDataset({ file, tasks: tasks.map((name) => ({ name })) });
  const planted = [0, 0, 0, 1, 1, 2, 2, 3];
  const plantedCase = {
    name: 'planted',
    ds: plantedDataset({
      clusters: planted,
      trainRows: workload.plantedRows,
      valRows: workload.plantedRows / 4,
      noise: 0.5,
      seed: 1,
    }),
    clusters: planted,
  };
  if (!workload.examples) return [plantedCase];
  return [
    {
      name: 'recsys',
      ds: await load('examples/recsys.csv', recsys),
      clusters: [0, 0, 0, 1, 1, 2, 2],
    },
    { name: 'yeast', ds: await load('examples/yeast.csv', yeast) },
    { name: 'nmes1988', ds: await load('examples/nmes1988.csv', nmes) },
    plantedCase,
  ];
}

function average(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function seedMean(matrices: number[][]): number[] {
  return matrices[0].map((_, x) => average(matrices.map((m) => m[x])));
}

/** Of the off-diagonal entries, the chance that one inside a cluster exceeds one across (ties half). */
function clusterAuc(z: number[], clusters: number[]): number {
  const n = clusters.length;
  const inside: number[] = [];
  const across: number[] = [];
  z.forEach((v, x) => {
    const [i, j] = [Math.floor(x / n), x % n];
    if (i !== j) (clusters[i] === clusters[j] ? inside : across).push(v);
  });
  let wins = 0;
  for (const a of inside) for (const b of across) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (inside.length * across.length);
}
