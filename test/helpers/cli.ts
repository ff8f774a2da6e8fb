import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const binPath = join(process.cwd(), 'bin', 'taskgroup.js');

/** Runs the real `taskgroup` executable as a user would, in `cwd`. */
export function runCli(
  args: string[],
  options: RunOptions & {
    /** The `taskgroup` executable to run (default this checkout's). */
    bin?: string;
  } = {},
): Promise<CliResult> {
  return runNode([options.bin ?? binPath, ...args], options);
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  uid?: number;
  gid?: number;
}

/** Runs `node argv…` as a child process (NO_COLOR set), killed after `timeoutMs` (2 minutes). */
export function runNode(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * A refusal as the command line makes it: exit 2, one line on stderr starting `taskgroup: ` and
 * matching `message`, nothing on stdout.
 */
export function assertRefused(result: CliResult, message: RegExp): void {
  if (result.code !== 2 || result.stdout !== '')
    throw new Error(`expected exit 2 and no output, got ${result.code}: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split('\n');
  if (lines.length !== 1 || !/^taskgroup: /.test(lines[0]) || !message.test(lines[0]))
    throw new Error(`expected one line matching ${message}, got: ${result.stderr}`);
}
