import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  errorFromWire,
  errorToWire,
  InternalError,
  InterruptedError,
  tableError,
  UsageError,
} from '../../src/errors.js';
import { newStopFlag } from '../../src/pipeline/protocol.js';
import { solveInWorker } from '../../src/pipeline/solveInWorker.js';
import { prepareSolve } from '../../src/pipeline/solveTable.js';
import { tempDir } from '../helpers/tempDir.js';

test('an error sent across threads comes back with its class, code, message and exit code', () => {
  const cases = [
    tableError('t.csv, row 2: bad'),
    new UsageError('--backend node: missing', 'E_BACKEND'),
    new InterruptedError('stopped'),
    new InternalError('bug'),
  ];
  for (const error of cases) {
    const back = errorFromWire(structuredClone(errorToWire(error)));
    assert.equal(back.constructor, error.constructor);
    assert.deepEqual(
      [back.code, back.message, back.exitCode],
      [error.code, error.message, error.exitCode],
    );
  }
  const plain = errorFromWire(errorToWire(new RangeError('out of range')));
  assert.ok(plain instanceof InternalError);
  assert.deepEqual([plain.code, plain.message, plain.exitCode], ['E_INTERNAL', 'out of range', 1]);
});

test('a usage error raised in the solve worker reaches the caller as a usage error (exit 2, same message)', async () => {
  // --hoa in overlap mode lists every group, so the worker refuses more than 12 tasks.
  const tasks = Array.from({ length: 13 }, (_, t) => `t${t}`);
  const file = join(tempDir(), 'wide.csv');
  writeFileSync(file, `cost,${tasks.join(',')}\n1,${tasks.map(() => '0.5').join(',')}\n`);
  const job = prepareSolve({ table: file, mode: 'overlap', hoa: true });
  await assert.rejects(solveInWorker(job, newStopFlag()), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.exitCode, 2);
    assert.equal(
      error.message,
      '--hoa in overlap mode supports at most 12 tasks (the table has 13)',
    );
    return true;
  });
});
