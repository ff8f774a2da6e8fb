/**
 * bench:search — a whole `taskgroup search` against a PyTorch script that does the same runs
 * (bench/pytorch_search.py: every single task and pair, Adam, paired seeds, an exact partition),
 * end to end and in one invocation: each is one fresh process, timed from start to exit, data
 * loading included.
 *
 *   npm run bench:search -- --torch [--tasks 12] [--rows 50000] [--json] [--epochs 3]
 *       [--min-steps 0] [--train-rows 20000] [--seeds 2] [--workers 2] [--budget 4] [--batch 256]
 *       [--smoke]
 *
 * Both get the same CSV (bench/searchCsv.ts: numeric features, binary tasks in clusters of
 * three), the same training rows a run sees, batch size (256: taskgroup's default), learning
 * rate, layer widths (taskgroup's defaults), seeds and processes, and the same schedule: a run
 * trains max(--epochs, ceil(--min-steps / batches)) passes, as taskgroup's proxy runs do
 * (src/proxy/schedule.ts). The default --min-steps 0 trains the plain epochs on both sides; the
 * optimiser steps a run took are read from each side's own output, printed in the header, and the
 * bench exits with 1 when they differ. The PyTorch script uses Debian's python3-torch on OpenBLAS
 * with one thread a process. taskgroup trains more runs than the script (the all-in-one network
 * per seed and the runs that verify its chosen groups): both run counts are printed, and the
 * ratios are of whole wall times and of whole CPU times (every process and thread of a side:
 * steadier than wall time on a shared machine), so those extra runs count against taskgroup.
 * --smoke: 3 tasks, 2,000 rows, one seed, one process, a few steps a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { writeSearchCsv } from './searchCsv.js';
import {
  runPytorchSearch,
  runTaskgroupSearch,
  type SearchSettings,
  type Side,
} from './searchSides.js';
import { torchMissing } from './torchReference.js';

const flags = benchFlags('search', {
  torch: { type: 'boolean' },
  json: { type: 'boolean' },
  tasks: { type: 'string' },
  rows: { type: 'string' },
  epochs: { type: 'string' },
  'min-steps': { type: 'string' },
  'train-rows': { type: 'string' },
  seeds: { type: 'string' },
  workers: { type: 'string' },
  budget: { type: 'string' },
  batch: { type: 'string' },
});
const defaults = flags.smoke
  ? { tasks: 3, rows: 2000, trainRows: 500, epochs: 1, seeds: 1, workers: 1, budget: 2, batch: 256 }
  : {
      tasks: 12,
      rows: 50000,
      trainRows: 20000,
      epochs: 3,
      seeds: 2,
      workers: 2,
      budget: 4,
      batch: 256,
    };
const settings: SearchSettings = {
  tasks: flags.int('tasks', 2) ?? defaults.tasks,
  rows: flags.int('rows', 10) ?? defaults.rows,
  trainRows: flags.int('train-rows') ?? defaults.trainRows,
  epochs: flags.int('epochs') ?? defaults.epochs,
  minSteps: flags.int('min-steps', 0) ?? 0,
  seeds: flags.int('seeds') ?? defaults.seeds,
  workers: flags.int('workers') ?? defaults.workers,
  budget: flags.int('budget') ?? defaults.budget,
  batch: flags.int('batch') ?? defaults.batch,
};

const noTorch = flags.values.torch ? torchMissing() : 'pass --torch';
const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-search-'));
try {
  const data = join(dir, 'search.csv');
  const tasks = writeSearchCsv(data, settings.rows, settings.tasks, 1);
  const loadBefore = loadavg()[0];
  const sides = [runTaskgroupSearch(dir, data, tasks, settings)];
  if (noTorch === false) sides.push(runPytorchSearch(data, tasks, settings));
  else process.stderr.write(`bench:search: no PyTorch reference: ${noTorch}\n`);
  const loadAfter = loadavg()[0];
  const steps = new Set(sides.flatMap((s) => s.stepsPerRun));
  if (flags.values.json) {
    const document = { settings, smoke: flags.smoke, loadBefore, loadAfter, sides };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else printTable(sides, `load ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  if (steps.size > 1) {
    const each = sides.map((s) => `${s.impl} ${s.stepsPerRun.join('/')}`).join(', ');
    process.stderr.write(`bench:search: the two sides took different steps a run (${each})\n`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function printTable(sides: Side[], load: string): void {
  const s = settings;
  if (flags.smoke) process.stdout.write(`${SMOKE_NOTE}\n`);
  process.stdout.write(
    `bench:search: ${s.tasks} tasks, ${s.rows} rows, ${s.trainRows} training rows a run, ` +
      `${s.epochs} epochs, --min-steps ${s.minSteps}, batch ${s.batch}, ${s.seeds} seeds, ` +
      `${s.workers} processes, budget ${s.budget}; ${load}\n`,
  );
  const steps = sides.map((side) => `${side.impl}: ${side.stepsPerRun.join('/')}`).join('; ');
  const same = new Set(sides.flatMap((side) => side.stepsPerRun)).size === 1;
  process.stdout.write(
    `optimiser steps a run, as each side reports them: ${steps}` +
      `${sides.length > 1 ? (same ? ' (the same work on both sides)' : ' (DIFFERENT: not comparable)') : ''}\n\n`,
  );
  process.stdout.write(
    '| impl | runs | steps a run | wall time | × PyTorch (its time / this) | CPU time | × PyTorch (CPU) | grouping |\n' +
      '|---|---|---|---|---|---|---|---|\n',
  );
  const reference = sides[1];
  const times = (theirs?: number | null, ours?: number | null) =>
    theirs && ours ? (theirs / ours).toFixed(2) : '';
  for (const side of sides) {
    const cpu = side.cpuSeconds === null ? '' : `${side.cpuSeconds.toFixed(1)} s`;
    const grouping = side.grouping.map((g) => `{${g.join(',')}}`).join(' ');
    process.stdout.write(
      `| ${side.impl} | ${side.runs} | ${side.stepsPerRun.join('/')} | ${side.seconds.toFixed(1)} s | ` +
        `${times(reference?.seconds, side.seconds)} | ${cpu} | ${times(reference?.cpuSeconds, side.cpuSeconds)} | ${grouping} |\n`,
    );
  }
  if (noTorch) process.stdout.write(`(no PyTorch reference: ${noTorch})\n`);
}
