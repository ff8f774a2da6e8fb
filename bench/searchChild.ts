/**
 * `taskgroup search --json` as a user runs it (bin/taskgroup.js, a fresh process), for the
 * benchmarks that score or time whole searches. Its progress goes to this terminal; a search that
 * refuses its input (exit 2, its one line already printed) ends the benchmark with exit 2 too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
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

/** The peak resident memory of process `pid` so far (VmHWM), in MB; null without /proc. */
function peakRssMb(pid: number): number | null {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null; // the process has just exited, or there is no /proc
  }
}

/**
 * searchJson, and the search process's peak resident memory (its worker threads included),
 * read from /proc every 100 ms while it runs: the last reading before it exits (null where /proc
 * is not there).
 */
export async function searchJsonWithPeak(
  bench: string,
  args: string[],
): Promise<{ model: ReportModel; peakMb: number | null }> {
  const child = spawn(process.execPath, [bin, 'search', ...args, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  let peakMb: number | null = null;
  const timer = setInterval(() => {
    peakMb = peakRssMb(child.pid as number) ?? peakMb;
  }, 100);
  const [code] = (await once(child, 'close')) as [number | null];
  clearInterval(timer);
  if (code === 2) usageError(bench, 'taskgroup search refused its input (the line above says why)');
  if (code !== 0) throw new Error(`taskgroup search exited with ${code}`);
  return { model: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportModel, peakMb };
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
