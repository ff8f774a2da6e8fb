/**
 * `taskgroup search --json` as a user runs it (bin/taskgroup.js, a fresh process), for the
 * benchmarks that score or time whole searches. Its progress goes to this terminal; a search that
 * refuses its input (exit 2, its one line already printed) ends the benchmark with exit 2 too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportModel } from '../src/report/model.js';
import { usageError } from './flags.js';

const bin = fileURLToPath(new URL('../bin/taskgroup.js', import.meta.url));

export function searchJson(bench: string, args: string[]): ReportModel {
  let out: string;
  try {
    out = execFileSync(process.execPath, [bin, 'search', ...args, '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    if ((error as { status?: number }).status === 2)
      usageError(bench, 'taskgroup search refused its input (the line above says why)');
    throw error;
  }
  return JSON.parse(out) as ReportModel;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ, the unit of /proc/PID/stat times

/**
 * CPU seconds of this process's finished children, and theirs (cutime + cstime): a search's
 * process is waited for when searchJson returns, so the difference across it is its CPU time,
 * every thread included; steadier than wall time on a shared machine. Null where /proc is not
 * there.
 */
export function childrenCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}
