import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runNode, type CliResult } from './cli.js';

/** The scripts of package.json, and the benchmarks among them (every `bench:*`). */
const scripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;
export const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));

/** Runs `npm run <bench> -- <flags>` as npm would (the script's own command), without npm. */
export function runBench(bench: string, flags: string[]): Promise<CliResult> {
  const [node, ...args] = scripts[bench].split(' ');
  assert.equal(node, 'node', `${bench} starts with node`);
  return runNode([...args, ...flags], { timeoutMs: 300_000 });
}
