/**
 * bench:startup — wall time of the commands a user waits on, from the `taskgroup` command as
 * installed (bin/taskgroup.js running the compiled dist/, built by `npm install`), beside plain
 * `node` starting and exiting (the reference: what no command can go below), in one run.
 *
 *   npm run bench:startup [-- --repeat N] [--json]
 *
 * Measured, each N times (default 7) in a fresh process, median and fastest:
 *   - `taskgroup --help`, and the same from the TypeScript sources through tsx (as every command
 *     started before the compiled build);
 *   - `taskgroup status` on a database holding one search;
 *   - the quickstart search (examples/recsys.csv, 7 tasks, --budget 3) run again on a database
 *     where it finished: a fully cached rerun (the first, training run is not timed);
 *   - `taskgroup solve` of Standley et al.'s table (test/fixtures/standley2020/results.csv,
 *     overlap mode, budget 3).
 * Targets of the issue: --help and status ≤ 0.3 s, the cached rerun ≤ 1 s, the solve ≤ 0.5 s;
 * the script exits with 1 when a median misses one.
 * --smoke: every command once, the search on 3 tasks with proxy runs of a few steps; the targets
 * are printed, not enforced (a smoke run checks the bench runs, not how fast).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFlags, SMOKE_NOTE } from './flags.js';

const flags = benchFlags('startup', { repeat: { type: 'string' }, json: { type: 'boolean' } });
const args = flags.values;
const repeat = flags.int('repeat') ?? (flags.smoke ? 1 : 7);
/** The search rerun: the quickstart's, or for a smoke run 3 of its tasks, a few steps a run. */
const searchFlags = flags.smoke
  ? ['--tasks', 'click,like,share', '--rows', '400', '--epochs', '1', '--min-steps', '0']
  : ['--tasks', 'click,like,share,watch_time,finish,purchase,revenue'];
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'taskgroup.js');
if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
  process.stderr.write('bench:startup: dist/ is not built: run `npm run build` first\n');
  process.exit(2);
}

interface Row {
  command: string;
  medianSec: number;
  fastestSec: number;
  targetSec?: number;
}

/** Runs `argv` once with node; its wall time in seconds. A failure stops the bench. */
function timed(argv: string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0)
    throw new Error(
      `bench:startup: node ${argv.join(' ')} exited ${child.status}: ${child.stderr.trim()}`,
    );
  return seconds;
}

function row(command: string, argv: string[], targetSec?: number): Row {
  const times = Array.from({ length: repeat }, () => timed(argv)).sort((a, b) => a - b);
  return {
    command,
    medianSec: times[Math.floor(times.length / 2)],
    fastestSec: times[0],
    targetSec,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-startup-'));
try {
  const db = join(dir, 'bench.db');
  const quickstart = [
    bin,
    'search',
    '--data',
    'examples/recsys.csv',
    ...searchFlags,
    '--budget',
    '3',
    '--db',
    db,
    '--quiet',
    '--json',
  ];
  const load = loadavg()[0];
  const firstRun = timed(quickstart); // trains: fills the database
  const rows = [
    row('node -e ""', ['-e', '']),
    row('taskgroup --help', [bin, '--help'], 0.3),
    // What every command paid before dist/: the same program compiled on the fly by tsx.
    row('taskgroup --help, sources through tsx', [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(['node', 'taskgroup', '--help']);",
    ]),
    row('taskgroup status', [bin, 'status', '--db', db], 0.3),
    row('taskgroup search (quickstart, all cached)', quickstart, 1),
    row(
      'taskgroup solve (Standley table)',
      [
        bin,
        'solve',
        '--table',
        'test/fixtures/standley2020/results.csv',
        '--mode',
        'overlap',
        '--budget',
        '3',
      ],
      0.5,
    ),
  ];
  const node = rows[0].medianSec;
  const missed = rows.filter((r) => r.targetSec !== undefined && r.medianSec > r.targetSec);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ repeat, smoke: flags.smoke, load, firstRunSec: firstRun, rows }, null, 2)}\n`,
    );
  } else {
    if (flags.smoke) process.stdout.write(`${SMOKE_NOTE}\n`);
    process.stdout.write(
      `bench:startup, ${repeat} runs each (measured wall time, fresh process each); load ${load.toFixed(2)} (1-minute average)\n`,
    );
    process.stdout.write(
      `the quickstart's first run (training, not timed below): ${firstRun.toFixed(1)} s\n\n`,
    );
    process.stdout.write(
      '| command | median | fastest | × plain node | target |\n|---|---|---|---|---|\n',
    );
    for (const r of rows) {
      const target =
        r.targetSec === undefined
          ? ''
          : `≤ ${r.targetSec} s ${r.medianSec <= r.targetSec ? 'met' : 'MISSED'}`;
      process.stdout.write(
        `| ${r.command} | ${r.medianSec.toFixed(3)} s | ${r.fastestSec.toFixed(3)} s | ${(r.medianSec / node).toFixed(1)} | ${target} |\n`,
      );
    }
  }
  process.exitCode = missed.length > 0 && !flags.smoke ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
