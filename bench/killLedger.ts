/**
 * The books of a kill trial: from snapshots of the `runs` table taken after each kill (and one
 * after the final resume), count what was trained, what was reused and what was lost.
 *
 * A run's `finished_at` is written once, when its result is committed; a run trained a second
 * time gets a new one. So a finish event is a (key, finished_at) pair, and comparing two
 * consecutive snapshots tells whether a finished run survived the kill between them untouched.
 * Worked example: kill 1 sees {a@t1}, kill 2 sees {a@t1, b@t2}, the end sees {a@t1, b@t3, c@t4}:
 * trained = 4 events (a@t1, b@t2, b@t3, c@t4), b is lost (trained twice), a is reused.
 */

export interface RunState {
  status: string;
  finishedAt: string | null;
  /** Owner of a `running` claim (host:pid:nonce): tells a fresh claim from a stale one. */
  claimedBy: string | null;
}

/** The runs table at one moment: key → state. Empty when no database existed yet. */
export type RunsSnapshot = Map<string, RunState>;

export interface LostRun {
  key: string;
  /** 1-based kill after which the loss was seen. */
  afterKill: number;
  why: 'not done any more' | 'trained again';
}

export interface KillTally {
  /** Distinct finish events: every time a run's result was committed. */
  trained: number;
  /** Distinct runs finished before some kill and still done, with the same finish time, at the end. */
  reused: number;
  /** Σ over kills of the runs already done at that kill: the work each resume did not redo. */
  reuseEvents: number;
  /** Per kill, the runs the stopped process still had claimed: in flight, thrown away, trained later. */
  inFlightAtKills: number[];
  lost: LostRun[];
  /** Runs done at each kill, in kill order: where in the search each kill fell. */
  doneAtKills: number[];
  /** Per kill, the runs the stopped process committed (0: it died in start-up or its first batch). */
  committedBeforeKills: number[];
}

const isDone = (state: RunState | undefined): state is RunState => state?.status === 'done';

/** Finish events in `now` that `before` did not have. */
function newlyDone(before: RunsSnapshot, now: RunsSnapshot): number {
  let n = 0;
  for (const [key, state] of now)
    if (isDone(state) && before.get(key)?.finishedAt !== state.finishedAt) n++;
  return n;
}

/** Runs claimed in `now` by an owner that did not hold them in `before`: the last process's claims. */
export function claimedSince(before: RunsSnapshot, now: RunsSnapshot): number {
  let n = 0;
  for (const [key, state] of now) {
    if (state.status === 'running' && before.get(key)?.claimedBy !== state.claimedBy) n++;
  }
  return n;
}

/** Tallies a trial from the snapshot after each kill (in order) and the final one. */
export function tallyKills(afterKills: RunsSnapshot[], final: RunsSnapshot): KillTally {
  const sequence = [...afterKills, final];
  const events = new Set<string>();
  for (const snapshot of sequence) {
    for (const [key, state] of snapshot)
      if (isDone(state)) events.add(`${key}@${state.finishedAt}`);
  }
  const lost: LostRun[] = [];
  for (let k = 0; k < afterKills.length; k++) {
    const [before, after] = [sequence[k], sequence[k + 1]];
    for (const [key, state] of before) {
      if (!isDone(state)) continue;
      const later = after.get(key);
      if (!isDone(later)) lost.push({ key, afterKill: k + 1, why: 'not done any more' });
      else if (later.finishedAt !== state.finishedAt)
        lost.push({ key, afterKill: k + 1, why: 'trained again' });
    }
  }
  const reused = new Set<string>();
  for (const snapshot of afterKills) {
    for (const [key, state] of snapshot) {
      const end = final.get(key);
      if (isDone(state) && isDone(end) && end.finishedAt === state.finishedAt) reused.add(key);
    }
  }
  const count = (snapshot: RunsSnapshot, status: string) =>
    [...snapshot.values()].filter((s) => s.status === status).length;
  return {
    trained: events.size,
    reused: reused.size,
    reuseEvents: afterKills.reduce((sum, s) => sum + count(s, 'done'), 0),
    inFlightAtKills: afterKills.map((s, k) =>
      claimedSince(k === 0 ? new Map() : afterKills[k - 1], s),
    ),
    lost,
    doneAtKills: afterKills.map((s) => count(s, 'done')),
    committedBeforeKills: afterKills.map((s, k) =>
      newlyDone(k === 0 ? new Map() : afterKills[k - 1], s),
    ),
  };
}
