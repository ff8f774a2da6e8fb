import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { binPath } from './cli.js';
import { stopChild } from './redisServer.js';

/** A `taskgroup worker` process, its stderr log kept; stopped (SIGTERM) when the test file ends. */
export class WorkerProcess {
  readonly child: ChildProcess;
  log = '';
  readonly exited: Promise<number | null>;

  constructor(url: string, extra: string[] = []) {
    this.child = spawn(
      process.execPath,
      [binPath, 'worker', '--redis', url, '--concurrency', '1', '--backend', 'wasm', ...extra],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    this.child.stdout!.on('data', (d) => (this.log += d));
    this.child.stderr!.on('data', (d) => (this.log += d));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    after(() => stopChild(this.child, 'SIGKILL'));
  }

  /** Resolves with the first match of `pattern` in the log (checked every 20 ms), or rejects after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.log.match(pattern);
      if (match) return match;
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`worker log never matched ${pattern}:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Keys of the runs this worker trained and answered, one entry per training. */
  trained(): string[] {
    return [...this.log.matchAll(/run ([0-9a-f]+) trained in/g)].map((m) => m[1]);
  }
}

/** How often each key was trained across `workers`. */
export function trainings(workers: WorkerProcess[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of workers.flatMap((w) => w.trained()))
    counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
