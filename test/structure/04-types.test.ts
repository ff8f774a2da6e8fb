import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Runs tsc with `args`; its exit status and what it printed. */
function typecheck(args: string[]): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [tsc, ...args], { encoding: 'utf8' });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

test('a consumer of the package typechecks every documented option, and the types refuse each mistake of test/types/consumer.ts', () => {
  // Against dist/src/api/index.d.ts, the package's exported types (built by `pretest`).
  const { status, output } = typecheck(['-p', 'test/types/tsconfig.json']);
  assert.equal(status, 0, output);
});

test('every source, test, bench and script file typechecks (tsc --noEmit over the whole project)', () => {
  // Incremental: a second run reads what the first checked (dist/ is the build's own folder).
  const { status, output } = typecheck([
    '-p',
    'tsconfig.json',
    '--noEmit',
    '--incremental',
    '--tsBuildInfoFile',
    'dist/.typecheck.tsbuildinfo',
  ]);
  assert.equal(status, 0, output);
});
