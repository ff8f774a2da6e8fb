/**
 * The verdict and the printout of a kill trial: a readable table and summary, or one JSON line.
 * The verdict lists every problem found; an empty list is a passed trial.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FailedRun } from './killDatabase.js';
import type { KillTally } from './killLedger.js';
import type { RunsSnapshot } from './killLedger.js';
import type { KillPhase, Pace } from './killSchedule.js';
import type { Exit, Stop, StopMode } from './killSession.js';

export interface Reference {
  grouping: string[][];
  objective: number;
  /** Planned runs of the search. */
  runs: number;
  wallSec: number;
  firstClaimSec: number;
  firstCommitSec: number;
  lastCommitSec: number;
}

export interface KillRecord {
  /** Where the kill was aimed (killSchedule.ts): start-up, or while training after a first commit. */
  phase: KillPhase;
  /** Seconds from the process's start to the signal. */
  delaySec: number;
  /** Width of the phase's uniform range: up to the first commit, or one round after it. */
  maxSec: number;
  stop: Stop;
  /** Why this stop was wrong (a hang, an unexpected exit code), if it was. */
  problem: string | undefined;
  integrity: string;
  runs: RunsSnapshot;
  searchStatus: string | null;
}

export interface TrialReport {
  mode: StopMode;
  seed: number;
  /** Kills asked for (--kills); fewer happen when the search ends first. */
  requested: number;
  pace: Pace;
  reference: Reference;
  kills: KillRecord[];
  tally: KillTally;
  final: {
    exit: Exit;
    hung: boolean;
    stderr: string;
    integrity: string;
    done: number;
    failed: FailedRun[];
    searchTrained: number;
    grouping: string[][] | null;
    objective: number | null;
    runs: Record<string, number> | null;
  };
  wallSec: number;
}

const exitText = (exit: Exit) => (exit.signal ? exit.signal : `exit ${exit.code}`);

/** Every way the trial failed; empty when crash safety held. */
export function problemsOf(r: TrialReport): string[] {
  const problems: string[] = [];
  r.kills.forEach((k, i) => {
    if (k.problem) problems.push(`kill ${i + 1}: ${k.problem}`);
    if (k.integrity !== 'ok') problems.push(`kill ${i + 1}: integrity_check: ${k.integrity}`);
    if (r.mode === 'SIGTERM' && k.stop.exit.code === 130) {
      const held = r.tally.inFlightAtKills[i];
      if (held > 0) problems.push(`kill ${i + 1}: ${held} runs still claimed after a polite stop`);
      if (k.searchStatus !== 'interrupted')
        problems.push(`kill ${i + 1}: search ${k.searchStatus} after exit 130, not interrupted`);
    }
  });
  for (const lost of r.tally.lost)
    problems.push(`run ${lost.key} lost after kill ${lost.afterKill}: ${lost.why}`);
  const f = r.final;
  if (f.hung) problems.push('the final resume hung');
  else if (f.exit.code !== 0)
    problems.push(`the final resume failed (${exitText(f.exit)}): ${f.stderr}`);
  if (f.integrity !== 'ok') problems.push(`final integrity_check: ${f.integrity}`);
  if (f.done !== r.reference.runs)
    problems.push(`${f.done} of ${r.reference.runs} runs done at the end`);
  for (const run of f.failed)
    problems.push(
      `run ${run.key} ${run.tasks} failed after ${run.attempts} attempts: ${run.error}`,
    );
  if (r.tally.trained !== r.reference.runs)
    problems.push(`${r.tally.trained} finish events for ${r.reference.runs} runs`);
  if (f.searchTrained !== r.tally.trained) {
    problems.push(
      `the search counted ${f.searchTrained} trainings but ${r.tally.trained} finish events were seen (a run committed twice between two kills?)`,
    );
  }
  if (f.exit.code === 0 && !isDeepStrictEqual(f.grouping, r.reference.grouping)) {
    problems.push(
      `grouping ${JSON.stringify(f.grouping)} ≠ reference ${JSON.stringify(r.reference.grouping)}`,
    );
  }
  if (f.exit.code === 0 && f.objective !== r.reference.objective)
    problems.push(`objective ${f.objective} ≠ reference ${r.reference.objective}`);
  return problems;
}

/** Prints the trial (JSON line or text) and returns whether it passed. */
export function printTrial(r: TrialReport, json: boolean): boolean {
  const problems = problemsOf(r);
  if (json) {
    process.stdout.write(`${JSON.stringify(summaryJson(r, problems))}\n`);
  } else {
    process.stdout.write(summaryText(r, problems));
  }
  return problems.length === 0;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function stopFigures(r: TrialReport) {
  const exits: Record<string, number> = {};
  for (const k of r.kills) {
    const key = k.stop.endedFirst
      ? `ended first (${exitText(k.stop.exit)})`
      : exitText(k.stop.exit);
    exits[key] = (exits[key] ?? 0) + 1;
  }
  const stopped = r.kills.filter((k) => !k.stop.endedFirst);
  return {
    exits,
    maxExitLatencyMs: Math.round(Math.max(0, ...stopped.map((k) => k.stop.latencyMs))),
    beforeSearchRecorded: r.kills.filter((k) => k.searchStatus === null).length,
    beforeFirstCommit: r.tally.doneAtKills.filter((d) => d === 0).length,
    beforeOwnCommit: r.tally.committedBeforeKills.filter((d) => d === 0).length,
  };
}

function summaryJson(r: TrialReport, problems: string[]) {
  const integrityChecks = r.kills.length + 1;
  const integrityFailures =
    r.kills.filter((k) => k.integrity !== 'ok').length + (r.final.integrity === 'ok' ? 0 : 1);
  return {
    mode: r.mode,
    seed: r.seed,
    kills: r.kills.filter((k) => !k.stop.endedFirst).length,
    killsRequested: r.requested,
    delaysSec: r.kills.map((k) => round(k.delaySec)),
    maxDelaysSec: r.kills.map((k) => round(k.maxSec)),
    phases: r.kills.map((k) => k.phase),
    exitLatenciesMs: r.kills.map((k) => Math.round(k.stop.latencyMs)),
    roundSec: round(r.pace.roundSec),
    planned: r.reference.runs,
    trained: r.tally.trained,
    reused: r.tally.reused,
    reuseEvents: r.tally.reuseEvents,
    lost: r.tally.lost.length,
    inFlightAtKills: r.tally.inFlightAtKills.reduce((a, b) => a + b, 0),
    doneAtKills: r.tally.doneAtKills,
    committedBeforeKills: r.tally.committedBeforeKills,
    ...stopFigures(r),
    integrityChecks,
    integrityFailures,
    searchTrained: r.final.searchTrained,
    finalRuns: r.final.runs,
    failedRuns: r.final.failed,
    groupingEqual: isDeepStrictEqual(r.final.grouping, r.reference.grouping),
    objectiveEqual: r.final.objective === r.reference.objective,
    grouping: r.final.grouping,
    objective: r.final.objective,
    referenceWallSec: round(r.reference.wallSec, 1),
    referenceFirstCommitSec: round(r.reference.firstCommitSec, 1),
    referenceLastCommitSec: round(r.reference.lastCommitSec, 1),
    trialWallSec: round(r.wallSec, 1),
    problems,
  };
}

function summaryText(r: TrialReport, problems: string[]): string {
  const s = summaryJson(r, problems);
  const lines = [
    `bench:kills — ${s.kills} × ${r.mode} during one search of ${s.planned} runs (kill seed ${r.seed})` +
      (s.kills < r.requested
        ? `; the search ended before kill ${s.kills + 1} of ${r.requested} (try a smaller --max-delay)`
        : ''),
    `reference: ${s.referenceWallSec} s uninterrupted, runs committed from ${s.referenceFirstCommitSec} s to ${s.referenceLastCommitSec} s`,
    `kills: in start-up, uniform on [0.1 s, D] after the start (D: quickest first ${r.mode === 'SIGTERM' ? 'claim' : 'commit'} seen), or while training,` +
      ` uniform on [0, ${s.roundSec} s] after the process's first commit (one round of ${r.pace.roundRuns} runs)`,
    '',
    ' kill  phase        after       D   done    new  in flight  exit        exit ms  integrity',
    ...r.kills.map(
      (k, i) =>
        `${String(i + 1).padStart(5)}  ${k.phase.padEnd(9)} ${`${k.delaySec.toFixed(2)} s`.padStart(8)} ${k.maxSec.toFixed(1).padStart(7)}` +
        ` ${String(r.tally.doneAtKills[i]).padStart(6)}` +
        ` ${String(r.tally.committedBeforeKills[i]).padStart(6)}` +
        ` ${String(r.tally.inFlightAtKills[i]).padStart(10)}  ${(k.stop.endedFirst ? 'ended first' : exitText(k.stop.exit)).padEnd(11)}` +
        ` ${String(Math.round(k.stop.latencyMs)).padStart(7)}  ${k.integrity}`,
    ),
    '',
    `runs trained:  ${s.trained} finish events for ${s.planned} planned runs (the search's own count: ${s.searchTrained})`,
    `runs reused:   ${s.reused} finished before a kill and never trained again (${s.reuseEvents} reuses over ${r.kills.length} resumes)`,
    `runs lost:     ${s.lost}`,
    `in flight:     ${s.inFlightAtKills} claims were in flight at a kill (work thrown away, run trained later)`,
    `kills before the search was recorded: ${s.beforeSearchRecorded}; before its first run was committed: ${s.beforeFirstCommit};` +
      ` before the killed process committed anything: ${s.beforeOwnCommit}`,
    `exits: ${Object.entries(s.exits)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}; slowest exit after the (last) signal: ${s.maxExitLatencyMs} ms`,
    `integrity_check: ${s.integrityChecks - s.integrityFailures}/${s.integrityChecks} ok`,
    `final: ${r.final.exit.code === 0 ? `grouping ${JSON.stringify(s.grouping)} objective ${s.objective}` : exitText(r.final.exit)}` +
      ` — reference grouping ${s.groupingEqual ? 'equal' : 'DIFFERENT'}, objective ${s.objectiveEqual ? 'equal' : 'DIFFERENT'}`,
    `wall time: ${s.trialWallSec} s for the trial, plus ${s.referenceWallSec} s reference`,
    problems.length === 0
      ? 'verdict: OK — nothing lost'
      : `verdict: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  ];
  return lines.join('\n') + '\n';
}
