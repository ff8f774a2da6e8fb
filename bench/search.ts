/**
 * bench:search — a whole `taskgroup search` against the PyTorch script that does the same runs
 * (torch_search.py: every single task and pair, Adam, paired seeds, an exact partition), end to
 * end and in one invocation: each is one fresh process, timed from start to exit, data loading
 * included.
 *
 *   npm run bench:search -- --torch PATH/torch_search.py [--tasks 12] [--rows 50000] [--json]
 *       [--epochs 3] [--train-rows 20000] [--seeds 2] [--workers 2] [--budget 4] [--batch 256]
 *
 * Both get the same CSV (bench/searchCsv.ts: numeric features, binary tasks in clusters of
 * three), the same training rows a run sees, epochs, batch size (256: taskgroup's default), learning rate, layer
 * widths (taskgroup's defaults), seeds and processes. The PyTorch script uses Debian's
 * python3-torch on OpenBLAS with one thread a process, and its exact DP solver (the same optimum
 * as its brute force, faster). taskgroup trains more runs than the script (the all-in-one
 * network per seed and the runs that verify its chosen groups): both run counts are printed, and
 * the ratio is of whole wall times, so those extra runs count against taskgroup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { studyDefaults } from '../src/config/study.js';
import { writeSearchCsv } from './searchCsv.js';
import { torchAvailable, torchEnv, PYTHON } from './torchReference.js';

const { values: args } = parseArgs({
  options: {
    torch: { type: 'string' },
    json: { type: 'boolean' },
    tasks: { type: 'string', default: '12' },
    rows: { type: 'string', default: '50000' },
    epochs: { type: 'string', default: '3' },
    'train-rows': { type: 'string', default: '20000' },
    seeds: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    budget: { type: 'string', default: '4' },
    batch: { type: 'string', default: '256' },
  },
});
const root = fileURLToPath(new URL('../', import.meta.url));
const { learningRate, bottom, tower } = studyDefaults.proxy;
const batch = Number(args.batch);

interface Side {
  impl: string;
  seconds: number;
  runs: number;
  grouping: string[][];
}

function taskgroup(dir: string, data: string, tasks: string[]): Side {
  const config = join(dir, 'search.json');
  writeFileSync(
    config,
    JSON.stringify({
      data,
      tasks,
      budget: Number(args.budget),
      seeds: Number(args.seeds),
      workers: Number(args.workers),
      proxy: {
        rows: Number(args['train-rows']),
        epochs: Number(args.epochs),
        minSteps: 0,
        batchSize: batch,
        learningRate,
        bottom,
        tower,
      },
    }),
  );
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'taskgroup.js'),
      'search',
      '--config',
      config,
      '--db',
      join(dir, 'bench.db'),
      '--quiet',
      '--json',
    ],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(`bench:search: taskgroup exited ${child.status}: ${child.stderr.trim()}`);
  const model = JSON.parse(child.stdout) as { runs: { total: number }; grouping: string[][] };
  const grouping = model.grouping.map((g) => [...g].sort()).sort();
  return { impl: 'taskgroup search', seconds, runs: model.runs.total, grouping };
}

function pytorch(script: string, data: string, tasks: string[]): Side {
  const started = performance.now();
  const out = execFileSync(
    PYTHON,
    [
      script,
      data,
      '--tasks',
      tasks.join(','),
      '--budget',
      args.budget!,
      '--rows',
      args.rows!,
      '--epochs',
      args.epochs!,
      '--seeds',
      args.seeds!,
      '--procs',
      args.workers!,
      '--batch',
      String(batch),
      '--lr',
      String(learningRate),
      '--bottom',
      bottom.join(','),
      '--tower',
      tower.join(','),
      '--train-rows',
      args['train-rows']!,
      '--solver',
      'dp',
    ],
    { env: torchEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(out.trim().split('\n').pop()!) as {
    runs: number;
    grouping: string[][];
  };
  return { impl: 'PyTorch torch_search.py', seconds, runs: result.runs, grouping: result.grouping };
}

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-search-'));
try {
  const data = join(dir, 'search.csv');
  const tasks = writeSearchCsv(data, Number(args.rows), Number(args.tasks), 1);
  const loadBefore = loadavg()[0];
  const sides = [taskgroup(dir, data, tasks)];
  if (args.torch && torchAvailable()) sides.push(pytorch(args.torch, data, tasks));
  else
    process.stderr.write(
      'bench:search: no PyTorch reference (pass --torch PATH/torch_search.py; python3 must import torch)\n',
    );
  const loadAfter = loadavg()[0];
  const reference = sides[1]?.seconds;
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ settings: args, loadBefore, loadAfter, sides }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `bench:search: ${args.tasks} tasks, ${args.rows} rows, ${args['train-rows']} training rows a run, ${args.epochs} epochs, ` +
        `batch ${batch}, ${args.seeds} seeds, ${args.workers} processes, budget ${args.budget}; load ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after\n\n`,
    );
    process.stdout.write(
      '| impl | runs | wall time | × PyTorch (its time / this) | grouping |\n|---|---|---|---|---|\n',
    );
    for (const s of sides) {
      const ratio = reference === undefined ? '' : (reference / s.seconds).toFixed(2);
      process.stdout.write(
        `| ${s.impl} | ${s.runs} | ${s.seconds.toFixed(1)} s | ${ratio} | ${s.grouping.map((g) => `{${g.join(',')}}`).join(' ')} |\n`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
