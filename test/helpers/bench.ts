import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The scripts of package.json, and the benchmarks among them (every `bench:*`). */
const scripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;
export const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <bench> -- <flags>` as npm would (the script's own command), without npm. */
export function runBench(bench: string, flags: string[]): Promise<Run> {
  const [node, ...args] = scripts[bench].split(' ');
  assert.equal(node, 'node', `${bench} starts with node`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, ...flags], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
