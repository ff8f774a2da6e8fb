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
 *
 * --smoke: 2 kills of a search of 3 tasks, 2 seeds and proxy runs of a few steps (flags given
 * explicitly still win).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Prng } from '../src/proxy/prng.js';
import { failedRuns, inspectDatabase, type DatabaseState } from './killDatabase.js';
import { tallyKills } from './killLedger.js';
import {
  finishSession,
  startSession,
  stopAfter,
  stopModes,
  type Stop,
  type StopMode,
} from './killSession.js';
import { maxRunsPerBatch } from '../src/pipeline/execute.js';
import { KillSchedule, type Pace } from './killSchedule.js';
import { watchCommits } from './killWatch.js';
import { printTrial, type KillRecord, type Reference, type TrialReport } from './killReport.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';

const flags = benchFlags('kills', {
  kills: { type: 'string' },
  seed: { type: 'string', default: '1' },
  signal: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string', default: 'examples/recsys.csv' },
  tasks: { type: 'string' },
  seeds: { type: 'string' },
  rows: { type: 'string' },
  epochs: { type: 'string' },
  workers: { type: 'string', default: '2' },
  'max-delay': { type: 'string' },
  keep: { type: 'boolean' },
});
const fail = flags.fail;
/** The trial's search: the quickstart's at 16 epochs, or for a smoke run 3 tasks, a few steps a run. */
const settings = flags.smoke
  ? { kills: 2, tasks: 'click,like,share', seeds: 2, rows: 400, epochs: 1 }
  : {
      kills: 20,
      tasks: 'click,like,share,watch_time,finish,purchase,revenue',
      seeds: 3,
      epochs: 16,
    };
const kills = flags.int('kills') ?? settings.kills;
const [mode] = flags.choices('signal', stopModes) ?? ['SIGKILL'];
const rows = flags.int('rows') ?? ('rows' in settings ? settings.rows : undefined);
const args = {
  ...flags.values,
  tasks: flags.values.tasks ?? settings.tasks,
  seeds: String(flags.int('seeds') ?? settings.seeds),
  workers: String(flags.int('workers')),
  epochs: String(flags.int('epochs') ?? settings.epochs),
};
const killSeed = flags.int('seed', 0)!;
const maxDelaySec = flags.positive('max-delay');
/** A stopped process that has not exited after this long is hung. */
const hangMs = 120_000;
/**
 * A second Ctrl-C must end the process at once, not after its batch (a round takes seconds):
 * within this. On a machine at load 8 on 2 cores, even SIGKILL takes 0.2-0.4 s to be reaped and
 * a second Ctrl-C 0.4-1.9 s (its worker threads must be scheduled to stop).
 */
const atOnceMs = 3_000;

const searchArgs = (db: string): string[] => [
  'search',
  '--data',
  args.data!,
  '--tasks',
  args.tasks!,
  '--seeds',
  args.seeds!,
  '--workers',
  args.workers!,
  '--db',
  db,
  ...(rows === undefined ? [] : ['--rows', String(rows)]),
  '--epochs',
  args.epochs!,
  ...(flags.smoke ? ['--min-steps', '0'] : []),
];

/** The uninterrupted search, timed, with the moments its first and last runs were committed. */
async function runReference(db: string): Promise<Reference> {
  const session = startSession([...searchArgs(db), '--json']);
  const watch = watchCommits(db, session, 0);
  const ended = await finishSession(session, hangMs * 5);
  const wallSec = (performance.now() - session.startedAt) / 1000;
  if (ended.exit.code !== 0)
    fail(
      `the reference search failed (${ended.exit.code ?? ended.exit.signal}): ${session.stderr.trim()}`,
    );
  const result = JSON.parse(session.stdout) as {
    grouping: string[][];
    objective: number;
    runs: { total: number };
  };
  return {
    grouping: result.grouping,
    objective: result.objective,
    runs: result.runs.total,
    wallSec,
    firstClaimSec: watch.firstClaimSec ?? wallSec,
    firstCommitSec: watch.firstCommitSec ?? wallSec,
    lastCommitSec: watch.lastCommitSec ?? wallSec,
  };
}

/** The reference's pace: rounds of one batch per worker, evenly spaced between its first and last commit. */
function paceOf(reference: Reference, how: StopMode): Pace {
  const roundRuns = Number(args.workers) * maxRunsPerBatch;
  const rounds = Math.ceil(reference.runs / roundRuns);
  const roundSec = (reference.lastCommitSec - reference.firstCommitSec) / Math.max(1, rounds - 1);
  const quietSec = how === 'SIGTERM' ? reference.firstClaimSec : reference.firstCommitSec;
  return { quietSec, roundSec: Math.max(roundSec, 0.5), roundRuns };
}

const doneIn = (state: DatabaseState): number =>
  [...state.runs.values()].filter((r) => r.status === 'done').length;

/** The command that continues the search: resume it (with the same workers), or start it again if it was never recorded. */
const nextArgs = (db: string, state: DatabaseState): string[] =>
  state.search
    ? ['resume', state.search.id, '--db', db, '--workers', args.workers!]
    : searchArgs(db);

/** What a stop must look like: no hang; a polite stop exits 130 (or by the signal, before its handler is set). */
function stopProblem(stop: Stop, how: StopMode): string | undefined {
  if (stop.hung) return `did not exit within ${hangMs / 1000} s of ${how}`;
  if (stop.endedFirst)
    return stop.exit.code === 0
      ? undefined
      : `exited ${stop.exit.code ?? stop.exit.signal} on its own`;
  if (how === 'SIGKILL')
    return stop.exit.signal === 'SIGKILL' ? undefined : `exit ${stop.exit.code} after SIGKILL`;
  const signal = how === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (stop.exit.code !== 130 && stop.exit.signal !== signal)
    return `exit ${stop.exit.code ?? stop.exit.signal} after ${how}, expected 130`;
  if (how === 'SIGINT2' && stop.latencyMs > atOnceMs)
    return `exited ${Math.round(stop.latencyMs)} ms after the second Ctrl-C, not at once`;
  return undefined;
}

async function trial(dir: string, reference: Reference, how: StopMode): Promise<TrialReport> {
  const db = join(dir, 'trial.db');
  const schedule = new KillSchedule(
    paceOf(reference, how),
    new Prng(killSeed),
    how === 'SIGTERM',
    maxDelaySec,
  );
  const started = performance.now();
  const records: KillRecord[] = [];
  let session = startSession([...searchArgs(db), '--quiet']);
  let state: DatabaseState = inspectDatabase(db);
  for (let i = 0; i < kills; i++) {
    const doneBefore = doneIn(state);
    const watch = watchCommits(db, session, doneBefore);
    const plan = schedule.next(reference.runs - doneBefore, kills - i);
    let delaySec = plan.phase === 'training' ? 0 : plan.delaySec;
    let problem: string | undefined;
    if (plan.phase === 'training') {
      const first = await watch.firstCommit(hangMs);
      if (first === undefined && session.child.exitCode === null)
        problem = `no run committed within ${hangMs / 1000} s`;
      delaySec = (first ?? (performance.now() - session.startedAt) / 1000) + plan.afterCommitSec;
    }
    const stop = await stopAfter(session, delaySec * 1000, how, hangMs);
    watch.stop();
    const quiet = how === 'SIGTERM' ? watch.firstClaimSec : watch.firstCommitSec;
    if (quiet !== undefined) schedule.observeQuietStart(quiet);
    state = inspectDatabase(db);
    records.push({
      phase: plan.phase,
      delaySec,
      maxSec: plan.maxSec,
      stop,
      problem: problem ?? stopProblem(stop, how),
      integrity: state.integrity,
      runs: state.runs,
      searchStatus: state.search?.status ?? null,
    });
    if (stop.endedFirst) break; // the search finished before this kill: no later kill can land in it
    if (i < kills - 1) session = startSession([...nextArgs(db, state), '--quiet']);
  }
  const last = startSession([...nextArgs(db, state), '--json']);
  const end = await finishSession(last, hangMs * 5);
  const final = inspectDatabase(db);
  const result =
    end.exit.code === 0
      ? (JSON.parse(last.stdout) as {
          grouping: string[][];
          objective: number;
          runs: Record<string, number>;
        })
      : undefined;
  return {
    mode: how,
    seed: killSeed,
    requested: kills,
    pace: paceOf(reference, how),
    reference,
    kills: records,
    tally: tallyKills(
      records.map((r) => r.runs),
      final.runs,
    ),
    final: {
      exit: end.exit,
      hung: end.hung,
      stderr: last.stderr.trim(),
      integrity: final.integrity,
      done: doneIn(final),
      failed: failedRuns(db),
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
  if (flags.smoke && !args.json) process.stdout.write(`${SMOKE_NOTE}\n`);
  const ok = printTrial(report, Boolean(args.json));
  if (args.keep) process.stderr.write(`bench:kills: databases kept in ${dir}\n`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
