/**
 * One `taskgroup` process of a kill trial, and the three ways the trial stops it:
 * SIGKILL (a crash: nothing runs after it), SIGTERM (a polite stop: in-flight runs finish, then
 * exit 130) and SIGINT2 (Ctrl-C twice in quick succession: the second must exit at once, 130).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const stopModes = ['SIGKILL', 'SIGTERM', 'SIGINT2'] as const;
export type StopMode = (typeof stopModes)[number];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Session {
  readonly child: ChildProcess;
  readonly startedAt: number;
  readonly exited: Promise<Exit>;
  stdout: string;
  stderr: string;
}

export interface Stop {
  /** The process ended on its own before the signal was due (the search was finished). */
  endedFirst: boolean;
  exit: Exit;
  /** From the last signal sent to the process's exit. */
  latencyMs: number;
  /** It did not exit within the allowed time after the signal (then it was SIGKILLed). */
  hung: boolean;
}

const binPath = join(process.cwd(), 'bin', 'taskgroup.js');
/** Gap between the two Ctrl-Cs of SIGINT2: a user pressing twice. */
const doubleInterruptGapMs = 150;

export function startSession(args: string[]): Session {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const session: Session = {
    child,
    startedAt: performance.now(),
    exited: new Promise<Exit>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    ),
    stdout: '',
    stderr: '',
  };
  child.stdout!.on('data', (d) => (session.stdout += d));
  child.stderr!.on('data', (d) => (session.stderr += d));
  return session;
}

/** Resolves with the exit, or with undefined once `ms` have passed. */
async function exitWithin(session: Session, ms: number): Promise<Exit | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), ms)),
  );
  try {
    return await Promise.race([session.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until `delayMs` after the session started, then stops it the `mode` way and waits for
 * the exit (at most `hangMs`; a process still alive then is a hang and is SIGKILLed).
 */
export async function stopAfter(
  session: Session,
  delayMs: number,
  mode: StopMode,
  hangMs: number,
): Promise<Stop> {
  const due = session.startedAt + delayMs - performance.now();
  const early = await exitWithin(session, Math.max(0, due));
  if (early) return { endedFirst: true, exit: early, latencyMs: 0, hung: false };
  let signalledAt = performance.now();
  if (mode === 'SIGINT2') {
    session.child.kill('SIGINT');
    const first = await exitWithin(session, doubleInterruptGapMs);
    if (first)
      return {
        endedFirst: false,
        exit: first,
        latencyMs: performance.now() - signalledAt,
        hung: false,
      };
    signalledAt = performance.now();
    session.child.kill('SIGINT');
  } else {
    session.child.kill(mode);
  }
  const exit = await exitWithin(session, hangMs);
  const latencyMs = performance.now() - signalledAt;
  if (exit) return { endedFirst: false, exit, latencyMs, hung: false };
  session.child.kill('SIGKILL');
  return { endedFirst: false, exit: await session.exited, latencyMs, hung: true };
}

/** Lets a session run to its end, SIGKILLing it after `hangMs` (then `hung`). */
export async function finishSession(
  session: Session,
  hangMs: number,
): Promise<{ exit: Exit; hung: boolean }> {
  const exit = await exitWithin(session, hangMs);
  if (exit) return { exit, hung: false };
  session.child.kill('SIGKILL');
  return { exit: await session.exited, hung: true };
}
