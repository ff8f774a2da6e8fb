/**
 * bench:kills — the manual crash trial of issue 5, made reproducible: kill one search again and
 * again at random moments, resume it each time, and count the runs trained, reused and lost.
 *
 *   npm run bench:kills [-- --kills 20] [--seed 1] [--signal SIGKILL|SIGTERM|SIGINT2] [--json]
 *                       [--data FILE] [--tasks LIST] [--seeds N] [--rows N] [--epochs N]
 *                       [--workers N] [--max-delay SEC] [--keep]
 *
 * Defaults: examples/recsys.csv, its seven tasks, 3 seeds (84 planned runs, plus the runs that
 * verify groups of three or more), 16 epochs, 2 workers. Sixteen epochs rather than the CLI's 4:
 * a process spends its first seconds starting (tsx, tfjs, workers), and with 4 epochs the whole
 * search is hardly longer than that start, so kills could not land at many points of it.
 *
 * 1. The search runs once uninterrupted in its own temporary database: the reference grouping
 *    and objective, its wall time and the time to its first committed run.
 * 2. In a fresh database the same search starts; then, `--kills` times: wait a random time
 *    (uniform, see killSchedule.ts), stop the process (`--signal`), check `PRAGMA integrity_check`,
 *    snapshot the runs table, and continue with `taskgroup resume ID` (or the same `search` when
 *    the kill came before the search was recorded). The last resume runs to its end with --json.
 * 3. The snapshots are tallied (killLedger.ts). Exit 1 if a finished run was lost, the database
 *    failed a check, a process hung or exited wrongly, or the result differs from the reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Prng } from '../src/proxy/prng.js';
import { countDone, inspectDatabase, type DatabaseState } from './killDatabase.js';
import { tallyKills } from './killLedger.js';
import { finishSession, startSession, stopAfter, stopModes, type Exit, type Stop, type StopMode } from './killSession.js';
import { KillSchedule } from './killSchedule.js';
import { printTrial, type KillRecord, type Reference, type TrialReport } from './killReport.js';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    signal: { type: 'string', default: 'SIGKILL' },
    json: { type: 'boolean' },
    data: { type: 'string', default: 'examples/recsys.csv' },
    tasks: { type: 'string', default: 'click,like,share,watch_time,finish,purchase,revenue' },
    seeds: { type: 'string', default: '3' },
    rows: { type: 'string' },
    epochs: { type: 'string', default: '16' },
    workers: { type: 'string', default: '2' },
    'max-delay': { type: 'string' },
    keep: { type: 'boolean' },
  },
});

const kills = positiveInt('--kills', args.kills);
const mode = stopModes.find((m) => m === args.signal);
if (!mode) fail(`--signal must be one of ${stopModes.join(', ')}`);
/** A stopped process that has not exited after this long is hung. */
const hangMs = 120_000;
/** A second Ctrl-C must end the process at once: within this, allowing for a busy machine. */
const atOnceMs = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function fail(message: string): never {
  process.stderr.write(`bench:kills: ${message}\n`);
  process.exit(2);
}

function positiveNumber(flag: string, text: string): number {
  const x = Number(text);
  if (!(x > 0) || !Number.isFinite(x)) fail(`${flag} must be a positive number of seconds`);
  return x;
}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a positive integer`);
  return n;
}

const searchArgs = (db: string): string[] => [
  'search', '--data', args.data!, '--tasks', args.tasks!, '--seeds', args.seeds!, '--workers', args.workers!, '--db', db,
  ...(args.rows ? ['--rows', args.rows] : []),
  '--epochs', args.epochs!,
];

/** The uninterrupted search, timed, with the moment its first run was committed. */
async function runReference(db: string): Promise<Reference> {
  const session = startSession([...searchArgs(db), '--json']);
  let firstCommitSec: number | undefined;
  let ended: Exit | undefined;
  void session.exited.then((exit) => (ended = exit));
  while (!ended) {
    if (firstCommitSec === undefined && countDone(db) > 0) firstCommitSec = (performance.now() - session.startedAt) / 1000;
    await sleep(50);
  }
  const wallSec = (performance.now() - session.startedAt) / 1000;
  if (ended.code !== 0) fail(`the reference search failed (exit ${ended.code ?? ended.signal}): ${session.stderr.trim()}`);
  const result = JSON.parse(session.stdout) as { grouping: string[][]; objective: number; runs: { total: number } };
  return { grouping: result.grouping, objective: result.objective, runs: result.runs.total, wallSec, firstCommitSec: firstCommitSec ?? wallSec };
}

const doneIn = (state: DatabaseState): number => [...state.runs.values()].filter((r) => r.status === 'done').length;

/** The command that continues the search: resume it, or start it again if it was never recorded. */
const nextArgs = (db: string, state: DatabaseState): string[] =>
  state.search ? ['resume', state.search.id, '--db', db] : searchArgs(db);

/** What a stop must look like: no hang; a polite stop exits 130 (or by the signal, before its handler is set). */
function stopProblem(stop: Stop, how: StopMode): string | undefined {
  if (stop.hung) return `did not exit within ${hangMs / 1000} s of ${how}`;
  if (stop.endedFirst) return stop.exit.code === 0 ? undefined : `exited ${stop.exit.code ?? stop.exit.signal} on its own`;
  if (how === 'SIGKILL') return stop.exit.signal === 'SIGKILL' ? undefined : `exit ${stop.exit.code} after SIGKILL`;
  const signal = how === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (stop.exit.code !== 130 && stop.exit.signal !== signal) return `exit ${stop.exit.code ?? stop.exit.signal} after ${how}, expected 130`;
  if (how === 'SIGINT2' && stop.latencyMs > atOnceMs) return `exited ${Math.round(stop.latencyMs)} ms after the second Ctrl-C, not at once`;
  return undefined;
}

async function trial(dir: string, reference: Reference, how: StopMode): Promise<TrialReport> {
  const db = join(dir, 'trial.db');
  const schedule = new KillSchedule(
    { firstCommitSec: reference.firstCommitSec, runsPerSec: reference.runs / Math.max(reference.wallSec - reference.firstCommitSec, 1) },
    new Prng(positiveInt('--seed', args.seed)),
    args['max-delay'] === undefined ? undefined : positiveNumber('--max-delay', args['max-delay']),
  );
  const started = performance.now();
  const records: KillRecord[] = [];
  let session = startSession([...searchArgs(db), '--quiet']);
  let state: DatabaseState = inspectDatabase(db);
  for (let i = 0; i < kills; i++) {
    const doneBefore = doneIn(state);
    const { delaySec, maxSec } = schedule.next(reference.runs - doneBefore, kills - i);
    const stop = await stopAfter(session, delaySec * 1000, how, hangMs);
    state = inspectDatabase(db);
    schedule.observe(delaySec, doneIn(state) - doneBefore);
    records.push({ delaySec, maxSec, stop, problem: stopProblem(stop, how), integrity: state.integrity, runs: state.runs, searchStatus: state.search?.status ?? null });
    if (stop.endedFirst) break; // the search finished before this kill: no later kill can land in it
    session = startSession([...nextArgs(db, state), '--quiet']);
  }
  const last = startSession([...nextArgs(db, state), '--json']);
  const end = await finishSession(last, hangMs * 5);
  const final = inspectDatabase(db);
  const result = end.exit.code === 0 ? (JSON.parse(last.stdout) as { grouping: string[][]; objective: number; runs: Record<string, number> }) : undefined;
  return {
    mode: how,
    seed: Number(args.seed),
    requested: kills,
    paceSpeed: schedule.speed(),
    reference,
    kills: records,
    tally: tallyKills(records.map((r) => r.runs), final.runs),
    final: {
      exit: end.exit,
      hung: end.hung,
      stderr: last.stderr.trim(),
      integrity: final.integrity,
      done: doneIn(final),
      searchTrained: final.search?.trained ?? 0,
      grouping: result?.grouping ?? null,
      objective: result?.objective ?? null,
      runs: result?.runs ?? null,
    },
    wallSec: (performance.now() - started) / 1000,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'taskgroup-kills-'));
try {
  const reference = await runReference(join(dir, 'reference.db'));
  const report = await trial(dir, reference, mode);
  const ok = printTrial(report, Boolean(args.json));
  if (args.keep) process.stderr.write(`bench:kills: databases kept in ${dir}\n`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
