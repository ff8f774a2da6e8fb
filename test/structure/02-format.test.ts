import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const prettier = createRequire(import.meta.url).resolve('prettier/bin/prettier.cjs');

test('every source, test, bench and script file is formatted (prettier, 100 columns): `npm run format` fixes it', () => {
  let output = '';
  try {
    execFileSync(process.execPath, [prettier, '--list-different', '.'], { encoding: 'utf8' });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  assert.equal(output, '', `files not formatted:\n${output}`);
});
