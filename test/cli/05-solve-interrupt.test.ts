import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mulberry32 } from '../../src/random.js';
import { binPath, runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// Real processes, real signals: what a user's Ctrl-C does to a long `taskgroup solve`.
const dir = tempDir();

/**
 * A hard HOA table: 26 tasks, single and pair rows, pair losses within ±10 % of the single
 * ones with no structure. `solve --hoa --budget 4` on it ran for 10 minutes without proving
 * its answer optimal (a 40 s limit left a 1.1 % gap), so any answer within seconds is a stop.
 */
function hardTable(n = 26, seed = 1): { file: string; tasks: string[] } {
  const rng = mulberry32(seed);
  const tasks = Array.from({ length: n }, (_, t) => `t${t}`);
  const alone = tasks.map(() => 0.1 + 0.4 * rng());
  const row = (name: string, loss: (t: number) => number | null) =>
    [name, 1, ...tasks.map((_, t) => loss(t)?.toFixed(5) ?? '')].join(',');
  const lines = [
    ['name', 'cost', ...tasks].join(','),
    ...tasks.map((task, t) => row(task, (u) => (u === t ? alone[t] : null))),
  ];
  for (let t = 0; t < n; t++) {
    for (let u = t + 1; u < n; u++)
      lines.push(
        row(`${tasks[t]}+${tasks[u]}`, (v) =>
          v === t || v === u ? alone[v] * (0.9 + 0.2 * rng()) : null,
        ),
      );
  }
  const file = join(dir, `hoa${n}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, tasks };
}

const hard = hardTable();
const solveArgs = ['solve', '--table', hard.file, '--hoa', '--budget', '4'];

/**
 * Starts `taskgroup ARGS` and sends `signal` `delayMs` later (the command takes 1.5-3 s to load
 * on a busy 2-core machine). A process still loading has no handler yet and dies from the
 * signal itself: then it is tried again 2 s later (for up to a minute), so a slow machine cannot
 * fail the test for the wrong reason.
 */
async function interrupted(
  args: string[],
  signal: NodeJS.Signals,
  delayMs = 3000,
): Promise<CliResult & { totalMs: number; afterSignalMs: number }> {
  for (let delay = delayMs; ; delay += 2000) {
    const started = performance.now();
    const child = spawn(process.execPath, [binPath, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let signalled = 0;
    const timer = setTimeout(() => {
      signalled = performance.now();
      child.kill(signal);
    }, delay);
    const [code, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(timer);
    const ended = performance.now();
    // A loaded machine can take many seconds to load the command: keep trying for a minute.
    if (killedBy === signal && delay < 60_000) continue;
    return {
      code,
      signal: killedBy,
      stdout,
      stderr,
      totalMs: ended - started,
      afterSignalMs: signalled ? ended - signalled : NaN,
    };
  }
}

test('Ctrl-C during a long solve prints the best answer so far with its proven gap and exits 130', async () => {
  const r = await interrupted([...solveArgs, '--json'], 'SIGINT');
  assert.equal(r.code, 130, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 'interrupted');
  assert.equal(out.optimal, false);
  assert.ok(Number.isFinite(out.gap) && out.gap >= 0, `gap ${out.gap}`);
  assert.ok(out.bound <= out.total, `bound ${out.bound} ≤ total ${out.total}`);
  assert.ok(out.networks.length <= 4);
  const served = out.networks.flatMap((net: { serves: string[] }) => net.serves);
  assert.deepEqual(
    [...served].sort(),
    [...hard.tasks].sort(),
    'every task is served by exactly one network',
  );
  assert.match(
    r.stderr,
    /^taskgroup: solve interrupted: printed the best answer found so far \(proven gap \d+\.\d\d%\)\n$/,
  );
  // Uninterrupted, this solve runs for many minutes: stopping within seconds is the signal's
  // doing. The bounds are loose because a loaded machine may still be starting the worker.
  assert.ok(r.afterSignalMs < 15_000, `stopped ${Math.round(r.afterSignalMs)} ms after the signal`);
});

test('SIGTERM stops a solve the same way, in human output', async () => {
  const r = await interrupted(solveArgs, 'SIGTERM');
  assert.equal(r.code, 130, r.stderr);
  assert.match(
    r.stdout,
    /^partition mode, budget 4: total [\d.]+ \(interrupted, proven gap \d+\.\d\d%\)\n/,
  );
  assert.match(
    r.stderr,
    /stopping: printing the best answer found so far \(press Ctrl-C again to quit now\)/,
  );
});

test('an error found by the solve worker is one line on stderr with exit 2, as before', async () => {
  const file = join(dir, 'tight.csv');
  writeFileSync(file, 'cost,a,b\n0.5,0.4,\n2,,0.6\n');
  const r = await runCli(['solve', '--table', file, '--mode', 'overlap', '--budget', '2']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `taskgroup: ${file}: no choice of networks within --budget 2 serves every task\n`,
  );
});
