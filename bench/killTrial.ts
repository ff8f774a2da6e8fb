/**
 * bench:kills — the manual crash trial of issue 5, made reproducible: kill one search again and
 * again at random moments, resume it each time, and count the runs trained, reused and lost.
 *
 *   npm run bench:kills [-- --kills 20] [--seed 1] [--signal SIGKILL|SIGTERM|SIGINT2] [--json]
 *                       [--data FILE] [--tasks LIST] [--seeds N] [--rows N] [--epochs N]
 *                       [--workers N] [--max-delay SEC] [--keep]
 *
 * 1. The search runs once uninterrupted in its own temporary database: the reference grouping
 *    and objective, its wall time and the time to its first committed run.
 * 2. In a fresh database the same search starts; then, `--kills` times: wait a random time
 *    (uniform, see `delayRange`), stop the process (`--signal`), check `PRAGMA integrity_check`,
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
    epochs: { type: 'string' },
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
/** Share of the search the kills are meant to cover on average (see delayRange). */
const coverage = 0.6;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function fail(message: string): never {
  process.stderr.write(`bench:kills: ${message}\n`);
  process.exit(2);
}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a positive integer`);
  return n;
}

const searchArgs = (db: string): string[] => [
  'search', '--data', args.data!, '--tasks', args.tasks!, '--seeds', args.seeds!, '--workers', args.workers!, '--db', db,
  ...(args.rows ? ['--rows', args.rows] : []),
  ...(args.epochs ? ['--epochs', args.epochs] : []),
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

/**
 * Kill delays are uniform on [0.1 s, D]. A process killed at time U after its start keeps about
 * U − c of work, c being the time to its first commit (start-up, one batch), so the N kills
 * cover Σ max(0, U − c) ≈ N (D − c)² / 2D of the search. D is chosen to cover 60 % of it, a
 * margin for a machine faster than during the reference: many kills fall in start-up or before the first commit, the rest spread over the search,
 * and the final resume still has work to do.
 */
function delayRange(reference: Reference, n: number): [number, number] {
  if (args['max-delay']) return [0.1, Number(args['max-delay'])];
  const c = reference.firstCommitSec;
  const k = (2 * coverage * Math.max(reference.wallSec - c, 1)) / n;
  const b = 2 * c + k; // D² − (2c + k) D + c² = 0, larger root
  return [0.1, (b + Math.sqrt(b * b - 4 * c * c)) / 2];
}

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
  const prng = new Prng(positiveInt('--seed', args.seed));
  const [low, high] = delayRange(reference, kills);
  const started = performance.now();
  const records: KillRecord[] = [];
  let session = startSession([...searchArgs(db), '--quiet']);
  let state: DatabaseState = inspectDatabase(db);
  for (let i = 0; i < kills; i++) {
    const delaySec = low + prng.next() * (high - low);
    const stop = await stopAfter(session, delaySec * 1000, how, hangMs);
    state = inspectDatabase(db);
    records.push({ delaySec, stop, problem: stopProblem(stop, how), integrity: state.integrity, runs: state.runs, searchStatus: state.search?.status ?? null });
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
    delayRange: [low, high],
    reference,
    kills: records,
    tally: tallyKills(records.map((r) => r.runs), final.runs),
    final: {
      exit: end.exit,
      hung: end.hung,
      stderr: last.stderr.trim(),
      integrity: final.integrity,
      done: [...final.runs.values()].filter((r) => r.status === 'done').length,
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
