/**
 * bench:scale — many objectives: `npm run bench:scale [-- --tasks 20,60,200]
 * [-- --methods auto,pairs,tag] [-- --table K] [-- --json]`.
 *
 * For each task count, writes planted-cluster data (bench/plantedCsv.ts: clusters of 3 to 8
 * tasks, 50,000 rows, half the labels missing; its clusters and rows drawn from table seed K,
 * by default the task count) and runs `taskgroup search` on it with each method (default
 * `auto`), 3 seeds, no budget, on a fresh database, as a child process with the machine's
 * workers. Prints the method the search used, the proxy runs it trained, its wall and CPU time,
 * its peak resident memory, the adjusted Rand index of its grouping against the planted
 * clusters (1: the clusters exactly; about 0: no better than chance) and the proven gap of the
 * solve its answer rests on (0: proven optimal).
 * --smoke: 9 tasks, 2,000 rows, `auto` and `tag`, 2 seeds and proxy runs of a few steps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methodChoices } from '../src/decide/methods/index.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { plantedClusters, writePlantedCsv } from './plantedCsv.js';
import { childrenCpuSeconds, searchJsonWithPeak } from './searchChild.js';

const flags = benchFlags('scale', {
  json: { type: 'boolean' },
  tasks: { type: 'string' },
  methods: { type: 'string' },
  rows: { type: 'string' },
  table: { type: 'string' },
});
const values = flags.values;
const taskCounts = flags.ints('tasks', 2) ?? (flags.smoke ? [9] : [20, 60, 200]);
const methods =
  flags.choices('methods', methodChoices) ?? (flags.smoke ? ['auto', 'tag'] : ['auto']);
const rows = flags.int('rows', 10) ?? (flags.smoke ? 2000 : 50_000);
const tableSeed = flags.int('table', 0);
/** The smoke run's proxy runs: a few steps each. */
const proxy = flags.smoke
  ? ['--seeds', '2', '--rows', '400', '--epochs', '1', '--min-steps', '0']
  : [];
const dir = mkdtempSync(join(tmpdir(), 'taskgroup-scale-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
if (!values.json) {
  if (flags.smoke) console.log(SMOKE_NOTE);
  console.log(
    `bench:scale: planted clusters, ${rows} rows, a fresh database and process per search; ` +
      'per search: tasks, method used (asked), runs trained, wall time (measured), CPU time ' +
      '(every thread; steadier on a shared machine), peak memory (resident, sampled every 0.1 s), ARI, gap',
  );
}

/** Adjusted Rand index (Hubert and Arabie 1985) of two labellings of the same items. */
export function adjustedRand(a: number[], b: number[]): number {
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const cells = new Map<string, number>();
  const rowsOf = new Map<number, number>();
  const colsOf = new Map<number, number>();
  a.forEach((x, i) => {
    cells.set(`${x},${b[i]}`, (cells.get(`${x},${b[i]}`) ?? 0) + 1);
    rowsOf.set(x, (rowsOf.get(x) ?? 0) + 1);
    colsOf.set(b[i], (colsOf.get(b[i]) ?? 0) + 1);
  });
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, k) => s + pairs(k), 0);
  const index = sum(cells);
  const [ra, cb] = [sum(rowsOf), sum(colsOf)];
  const expected = (ra * cb) / pairs(a.length);
  const max = (ra + cb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

const rowsOut: Record<string, unknown>[] = [];
for (const n of taskCounts) {
  // Another planted table of the same size (its clusters and rows) per --table seed.
  const table = tableSeed ?? n;
  const clusters = plantedClusters(n, table);
  const file = join(dir, `planted-${n}-${table}.csv`);
  await writePlantedCsv(file, clusters, rows, table);
  const tasks = clusters.map((_, t) => `task${t}`).join(',');
  for (const method of methods) {
    const db = join(dir, `scale-${n}-${method}.db`);
    const cpu0 = childrenCpuSeconds();
    const started = performance.now();
    const args = ['--data', file, '--tasks', tasks, '--method', method, '--db', db];
    const { model, peakMb } = await searchJsonWithPeak('scale', [...args, ...proxy]);
    const seconds = (performance.now() - started) / 1000;
    const cpu1 = childrenCpuSeconds();
    const cpuSeconds = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
    const found = new Array<number>(n);
    model.grouping.forEach((group, g) =>
      group.forEach((name) => (found[Number(name.slice(4))] = g)),
    );
    const row = {
      tasks: n,
      clusters: Math.max(...clusters) + 1,
      method: model.facts.method ?? method,
      requested: method,
      runs: model.runs.total,
      seconds,
      cpuSeconds,
      peakMb,
      ari: adjustedRand(clusters, found),
      gap: model.gap ?? null,
      objective: model.objective,
      kind: model.objectiveKind,
      certificate: model.certificate.status,
      groups: model.grouping.length,
    };
    rowsOut.push(row);
    if (values.json) console.log(JSON.stringify(row));
    else
      console.log(
        `${String(n).padStart(4)} tasks (${row.clusters} clusters)  ${row.method.padEnd(5)} (${method})  ${String(row.runs).padStart(5)} runs  ` +
          `${seconds.toFixed(0).padStart(5)} s (CPU ${cpuSeconds === null ? '-' : cpuSeconds.toFixed(0)} s)  ${peakMb === null ? '-' : peakMb.toFixed(0)} MB  ARI ${row.ari.toFixed(3)}  gap ${row.gap === null ? '-' : (100 * row.gap).toFixed(2) + ' %'}  ` +
          `${row.groups} groups, objective ${row.objective.toFixed(4)} ${row.kind}, ${row.certificate}`,
      );
  }
}
